"""Lines of a saved page → what each one is: report text, or furniture of the site around it.

Furniture: breadcrumbs (您当前的位置: 首页>…), site names (中国政府网|重庆市人民政府网), metadata
lines, table rules (---|---), share and footer lines (扫一扫在手机打开当前页, 打印本页, 网站标识码 …)
and link words (智能问答, 便民地图 …) that are furniture only outside the report, since a
report may well say 营商环境.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .fields import LONE_KEY, SENTENCE_END, Fields, fields_of, looks_like_value

_TABLE_SEPARATOR = re.compile(r"[|\s]*:?-{2,}:?(?:[|\s]+:?-{2,}:?)*[|\s]*")


class Kind(StrEnum):
    TEXT = "text"
    META = "meta"  # carries page metadata: 索引号, 发布机构, 发布时间 …
    CRUMB = "crumb"  # breadcrumb trail
    SITE = "site"  # site names: 中国政府网|重庆市人民政府网
    SEPARATOR = "separator"  # ---|---|--- under a table header
    CHROME = "chrome"  # share, print and footer lines: the report has ended
    NAV_WORD = "nav_word"  # 智能问答, 便民地图 …: furniture only outside the report


@dataclass(frozen=True)
class Line:
    text: str
    kind: Kind
    fields: Fields = ()  # (key, value) pairs of a metadata line


# Pinyin some copying sites put after characters (建設(shè)工作報告): not part of the text.
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)"
)


# A heading of three or more characters set with a space between them (青 海 省 卫 生 健 康 委).
_LETTER_SPACED = re.compile(r"(?:[\u4e00-\u9fff][ \u3000\u00a0]+){2,}[\u4e00-\u9fff]")


def clean_line(line: str) -> str:
    # str.strip() covers ASCII, full-width (U+3000), no-break and en spaces; zero-width
    # characters and stray BOMs are not whitespace to Python but are invisible padding here.
    line = _PINYIN_GLOSS.sub("", line.strip().strip("\u200b\u200c\u200d\u2060\ufeff").strip())
    return re.sub(r"\s+", "", line) if _LETTER_SPACED.fullmatch(line) else line


_WIDGET_KEYS = frozenset({"分享到"})


def classify(texts: list[str]) -> list[Line]:
    """Each non-blank, stripped line with its kind; a breadcrumb may continue from the line above."""
    lines: list[Line] = []
    pending_key: str | None = None  # a key alone on its line: its value is on the next line
    for text in texts:
        previous = lines[-1] if lines else None
        if pending_key is not None and looks_like_value(text):
            lines.append(Line(text, Kind.META, ((pending_key, text),)))
            pending_key = None
            continue
        pending_key = None

        fields = fields_of(text)
        if fields is not None:
            lines.append(Line(text, Kind.META, fields))
            if len(fields) == 1 and not fields[0][1] and LONE_KEY.fullmatch(text):
                # A share bar's label (分享到:) has buttons, not a value, after it: the next
                # line may be the title.
                pending_key = fields[0][0] if fields[0][0] not in _WIDGET_KEYS else None
        elif _TABLE_SEPARATOR.fullmatch(text):
            lines.append(Line(text, Kind.SEPARATOR))
        elif _is_crumb(text, previous):
            lines.append(Line(text, Kind.CRUMB))
        elif _is_site_name(text):
            lines.append(Line(text, Kind.SITE))
        elif _is_chrome(text):
            lines.append(Line(text, Kind.CHROME))
        elif _is_nav_words(text):
            lines.append(Line(text, Kind.NAV_WORD))
        else:
            lines.append(Line(text, Kind.TEXT))
    return lines


_CRUMB_START = re.compile(r"您?(?:当前|现在)?(?:的|所在)?位置\s*[:：]|(?:网站)?首\s?页\s*[>›»/]")
CRUMB_ARROWS = ">›»"


def _is_crumb(text: str, previous: Line | None) -> bool:
    if _CRUMB_START.match(text) and len(text) <= 150:
        return True
    if text[0] in CRUMB_ARROWS and len(text) <= 100:
        return True
    # A trail broken over lines: 'A>B' / '>' / 'C'.
    return (
        previous is not None
        and previous.kind == Kind.CRUMB
        and previous.text[-1] in CRUMB_ARROWS
        and len(text) <= 40
        and not text.endswith(SENTENCE_END)
    )


_SITE_PART = re.compile(r"[\u4e00-\u9fff]{2,24}(?:网|网站|门户|门户网站|政务网|政务服务网|客户端)")


def _is_site_name(text: str) -> bool:
    if len(text) > 80:
        return False
    parts = [part for part in re.split(r"[|｜/·\s]+", text) if part]
    sites = [part for part in parts if _SITE_PART.fullmatch(part)]
    # '许昌市人民政府网 | 河南省交通运输厅网 无障碍 长者模式': site links beside top-bar buttons.
    return bool(sites) and all(part in sites or part in _NAV_WORDS for part in parts)


# Phrases that only page chrome uses: share widgets, print/close buttons, site footers.
_CHROME_PHRASES = (
    "扫一扫", "打印本页", "打印此页", "打印文章", "关闭窗口", "关闭本页", "【打印】", "【关闭】", "[打印]",
    "[关闭]", "【字体", "字体:大", "字体：大", "字号:大", "字号：大", "分享到", "上一篇", "下一篇",
    "版权所有", "主办单位", "承办单位", "网站标识码", "ICP备", "ICP证", "公网安备", "我要纠错",
    "返回顶部", "加入收藏", "设为首页", "相关链接", "相关文章", "相关阅读", "相关新闻", "推荐阅读",
    "政府网站找错", "站点地图", "网站地图", "主办:", "主办：", "承办:", "承办：",
)  # fmt: skip
HEADING_START = re.compile(
    r"(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、．])"
)


# A site's notice about the visitor's browser ('当前浏览器版本过低…建议您升级或使用其他浏览器。'),
# a whole sentence, so not caught by the short-phrase test below.
_BROWSER_NOTICE = re.compile(r"(?:浏览器|IE).{0,40}(?:版本|升级|极速模式|最佳|浏览效果|打开)")


def _is_chrome(text: str) -> bool:
    if len(text) <= 120 and _BROWSER_NOTICE.search(text):
        return True
    if len(text) > 80 or text.endswith(SENTENCE_END) or HEADING_START.match(text):
        return False
    compact = re.sub(r"\s+", "", text)  # 【 关 闭 】: a button's letters spaced out
    return any(phrase in compact for phrase in _CHROME_PHRASES)


_NAV_WORDS = frozenset(
    {
        "智能问答", "便民地图", "政策问答", "数据中心", "新媒体矩阵", "营商环境", "微博", "微信",
        "公开信箱", "打印", "关闭", "收藏", "分享", "首页", "返回", "返回首页", "联系我们", "技术支持",
        "无障碍", "长者模式", "关怀版", "适老化", "简体", "繁体", "繁體", "English", "登录", "注册",
        "搜索", "手机版", "政务公开", "政务服务", "互动交流", "信息公开", "政府信息公开", "机构概况",
        "新闻中心", "政策文件", "政策解读", "领导之窗", "办事服务", "在线访谈", "意见征集", "网上调查",
        "字体", "字体大小", "文字大小", "字号大小", "字体设置", "文章字体", "字号", "大", "中", "小", "默认",
        "标准", "超大", "特大", "较大", "较小", "【", "】",
    }
)  # fmt: skip


def _is_nav_words(text: str) -> bool:
    # '字体:[] [] [] 打印 分享', '字体大小:【大】 【中】 【小】': brackets and colons only frame
    # the buttons (empty where their letters were images).
    tokens = [token for token in re.split(r"[\s|｜/·•【】\[\]:：]+", text) if token]
    return bool(tokens) and all(token in _NAV_WORDS for token in tokens)
