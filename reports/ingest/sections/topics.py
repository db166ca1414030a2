"""Topic of a measures subsection: which task of the 法治政府建设 outline it reports on.

Keyword scoring over the taxonomy below; the heading counts far more than the body, because a
subsection's body mentions many things in passing while its heading names its subject.
"""

from __future__ import annotations

from .grammar import fold_text

# keyword → weight; specific terms weigh more than generic ones that several tasks share.
TAXONOMY: dict[str, dict[str, int]] = {
    "leadership_org": {
        "党的领导": 3,
        "第一责任人": 3,
        "述法": 3,
        "督察": 2,
        "考核": 2,
        "组织领导": 2,
        "领导小组": 2,
        "依法治区": 2,
        "依法治市": 2,
        "依法治县": 2,
        "依法治省": 2,
        "示范创建": 2,
        "示范地区": 2,
        "统筹协调": 1,
        "主体责任": 1,
        "党委": 1,
        "党组": 1,
    },
    "functions_services": {
        "放管服": 3,
        "权责清单": 3,
        "权力清单": 3,
        "政务服务": 3,
        "一网通办": 3,
        "证照分离": 3,
        "营商环境": 3,
        "告知承诺": 3,
        "简政放权": 3,
        "政府职能": 3,
        "一件事": 2,
        "一窗": 2,
        "便民": 1,
        "办事": 1,
        "审批": 2,
        "市场主体": 2,
        "职能": 1,
        "履职": 1,
    },
    "rules_normative": {
        "规范性文件": 3,
        "备案": 2,
        "清理": 2,
        "立法": 3,
        "合法性审核": 3,
        "制度体系": 2,
        "公平竞争审查": 3,
        "规章": 2,
        "起草": 1,
        "制度建设": 2,
        "依法行政制度": 3,
    },
    "decision_making": {
        "重大行政决策": 3,
        "法律顾问": 3,
        "公职律师": 3,
        "听证": 2,
        "征求意见": 2,
        "风险评估": 2,
        "专家论证": 2,
        "公众参与": 2,
        "合法性审查": 2,
        "决策": 3,
    },
    "enforcement": {
        "行政执法": 3,
        "三项制度": 3,
        "双随机": 3,
        "执法证": 3,
        "案卷评查": 3,
        "裁量基准": 3,
        "综合执法": 3,
        "包容审慎": 3,
        "首违不罚": 3,
        "执法监督": 3,
        "执法": 2,
        "处罚": 1,
        "监管": 1,
    },
    "emergency": {
        "突发事件": 3,
        "应急": 3,
        "安全风险": 2,
        "防汛": 2,
        "安全生产": 2,
    },
    "disputes": {
        "行政复议": 3,
        "行政应诉": 3,
        "出庭应诉": 3,
        "调解": 2,
        "信访": 3,
        "枫桥经验": 3,
        "矛盾纠纷": 3,
        "社会矛盾": 3,
        "复议": 2,
        "应诉": 2,
        "诉讼": 1,
        "化解": 1,
    },
    "oversight_transparency": {
        "人大": 2,
        "政协": 2,
        "建议": 1,
        "提案": 2,
        "审计": 3,
        "政务公开": 3,
        "信息公开": 3,
        "12345": 2,
        "制约": 3,
        "监督": 2,
        "阳光": 1,
    },
    "digital": {
        "数字政府": 3,
        "数字法治": 3,
        "信息化": 3,
        "大数据": 3,
        "电子证照": 3,
        "数字化": 2,
        "互联网+": 2,
        "智慧": 2,
        "平台": 1,
    },
    "capacity_publicity": {
        "学法": 3,
        "培训": 2,
        "普法": 3,
        "八五": 2,
        "宪法": 2,
        "谁执法谁普法": 3,
        "法治宣传": 3,
        "法治思维": 2,
        "法治意识": 2,
        "法治素养": 2,
        "法治思想": 2,
        "法治文化": 2,
        "宣传": 1,
        "学习教育": 2,
    },
    "legal_services": {
        "公共法律服务": 3,
        "法律援助": 3,
        "公证": 3,
        "村居法律顾问": 3,
        "12348": 3,
        "法律服务": 2,
        "法律明白人": 2,
    },
}
TOPICS = tuple(TAXONOMY)
# What readers call each topic (the search facet, the promises page).
TOPIC_LABELS = {
    "leadership_org": "党的领导和组织推进",
    "functions_services": "政府职能和政务服务",
    "rules_normative": "制度建设和规范性文件",
    "decision_making": "依法决策",
    "enforcement": "行政执法",
    "oversight_transparency": "监督和政务公开",
    "disputes": "化解矛盾纠纷",
    "emergency": "突发事件应对",
    "digital": "数字法治政府",
    "capacity_publicity": "法治能力和普法",
    "legal_services": "公共法律服务",
}

HEADING_WEIGHT = 8
# A word repeated through a long body should not outvote everything else.
MAX_REPEATS = 3


def score_topics(heading: str, body: str = "") -> dict[str, int]:
    """Score of every topic with at least one hit."""
    folded_heading, folded_body = fold_text(heading), fold_text(body)
    scores: dict[str, int] = {}
    for topic, keywords in TAXONOMY.items():
        score = 0
        for keyword, weight in keywords.items():
            score += HEADING_WEIGHT * weight * min(folded_heading.count(keyword), MAX_REPEATS)
            score += weight * min(folded_body.count(keyword), MAX_REPEATS)
        if score:
            scores[topic] = score
    return scores


def topic_for(heading: str, body: str = "") -> str:
    """The best-scoring topic, or "" when no keyword of the taxonomy occurs."""
    scores = score_topics(heading, body)
    if not scores:
        return ""
    # Ties go to the taxonomy's order, which keeps the result stable.
    return max(TOPICS, key=lambda topic: scores.get(topic, 0))


def heading_names_task(heading: str) -> bool:
    """True for a heading that is itself an outline task ("依法全面履行政府职能")."""
    return bool(score_topics(heading))
