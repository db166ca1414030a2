"""Cleaned report page → the facts that identify a report: title, agency, level, year and dates.

Everything is read from what the page and the report themselves state: the title first, then
the signature block and the opening paragraph. Places are only recognised by their suffixes
(省, 市, 区, 县 …); matching them to the division table is left to ``reports.regions``. Pages
that are not annual rule-of-law reports are refused here, with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from reports.hanzi import to_simplified
from reports.regions import (
    Place,
    central_branch,
    central_organ_at,
    central_organ_opening,
    get_division_table,
    is_municipality,
    new_area_at,
    resolve_place,
    without_state_prefix,
)
from reports.regions.hosts import department_site
from reports.regions.names import (
    ZONE_ADMINISTRATION,
    ZONE_AFTER_SHORT_FORM,
    ZONE_KIND_WORDS,
    ZONE_WITH_ITS_DIVISION,
    NameKind,
)
from reports.regions.towns import places_with_town

from .errors import RejectedFile
from .page import DOCUMENT_NAME, Page
from .signature import CHINESE_DIGIT_CHARS, CHINESE_NUMERALS, ORGAN_SUFFIX, find_signature

AgencyKind = Literal["government", "department"]
AgencyLevel = Literal["national", "province", "city", "county", "township"]

GOVERNMENT_ORGAN = "人民政府"
NOT_A_REPORT = "不是法治政府建设年度报告"


@dataclass(frozen=True)
class ReportFacts:
    title: str
    agency_name: str
    agency_kind: AgencyKind
    agency_level: AgencyLevel
    year: int
    signed_on: date | None
    published_on: date | None
    warnings: tuple[str, ...] = ()
    title_made: bool = False  # the page gave no title: this one is made from agency and year
    # ``published_on`` is the day the page's address states, not a date the page gives: a
    # re-posted page's address holds a later day, so it may be late, never early.
    published_on_inferred: bool = False


def detect_report_facts(
    page: Page,
    *,
    agency: str = "",
    year: int | None = None,
    address_day: date | None = None,
    source_url: str = "",
) -> ReportFacts:
    """Identify the report on ``page``, or raise ``RejectedFile`` if it is not such a report.

    An ``agency`` or ``year`` a person states (at upload) is taken as given and not looked for,
    so a text that names neither can still be imported once someone says whose it is.
    ``address_day`` is the day a government page's address states (…/202302/t20230226_…), the
    last thing the year is read from; ``source_url`` the page's address, which may name the
    department that speaks only as 我局 (jtj.ezhou.gov.cn).
    """
    # Words and names are read in simplified characters (one for one, so nothing moves): the
    # vocabulary, the place table and the organ words know 执法, 南阳市 and 人民政府, not 執法,
    # 南陽市 and 人民政府 in another script.
    folded = replace(page, text=to_simplified(page.text), title=to_simplified(page.title or "") or None)
    _refuse_non_reports(folded)
    warnings: list[str] = []
    if "\ufffd" in page.text:
        warnings.append("正文含无法解码的字符 (U+FFFD),原文件可能已损坏")
    signature = _read_signature(folded.text)
    signed_on = signature.signed_on
    if signature.stated_date and signed_on is None:
        warnings.append(f"落款日期“{signature.stated_date}”残缺,无法识别")
    agency = agency or _completed_by_publisher(
        _agency(folded, signature.agency, warnings, source_url or page.source_url or ""),
        page.publisher,
        warnings,
    )
    if agency and (titled_agency := _title_agency_elsewhere(page, agency)):
        warnings.append(f"标题写的是{titled_agency},上传时填写的是{agency},已按填写的机关收录")
    if year and (titled := _title_year(page)) not in (None, year):
        # a year typed for a batch of several years, or a slip: kept, since the title may be
        # wrong too, but never silently
        warnings.append(f"标题写的是{titled}年度,上传时填写的是{year}年度,已按填写的年度收录")
    year = year or _report_year(page, signed_on, warnings, address_day)
    _check_dates(year, signed_on, warnings)
    published_on = _possible_publication_day(year, page.published_on, warnings)

    title = page.title
    if not title:
        title = f"{agency}{year}年法治政府建设情况报告"
        warnings.append("页面未给出标题,标题按机关和年度生成")

    kind, level = _agency_kind_and_level(agency, warnings)
    return ReportFacts(
        title=title,
        agency_name=agency,
        agency_kind=kind,
        agency_level=level,
        year=year,
        signed_on=signed_on,
        published_on=published_on,
        warnings=tuple(warnings),
        title_made=not page.title,
    )


# ---------------------------------------------------------------------------------------------
# Is this a rule-of-law report at all?

_MIN_HAN = 300
_TITLE_TOPIC = ("法治", "法制", "依法行政", "依法治", "述法")
# Titles that name another genre: plans, notices, decisions.
# Pages about a report rather than the report: interpretations, illustrated summaries, interviews,
# news of a council hearing it ('人大常委会审议…报告').
_COMMENTARY = re.compile(r"解读|图解|答记者问|新闻发布|审议|听取")
_OTHER_GENRE = re.compile(r"(?:要点|方案|规划|计划|通知|意见|办法|决定|规定|细则|清单|目录|公告|通报)$")
_VOCABULARY = (
    "法治", "依法行政", "依法治", "行政执法", "执法", "行政复议", "行政应诉", "普法", "合法性审",
    "规范性文件", "行政决策", "法律顾问", "述法", "法律援助", "矛盾纠纷",
)  # fmt: skip
_CORE_TERMS = ("法治政府", "依法行政", "法治建设", "法制建设")
# A title naming the report itself: 法治政府建设(工作)(情况)(年度)报告, 依法行政工作报告.
_REPORT_TITLE = re.compile(r"(?:法治政府|法治|法制|依法行政)(?:部门)?建设?[^《》,，。]{0,12}报告")
# An opening presenting the report it starts (现将我厅2023年法治政府建设情况报告如下): the text says
# what it is, whatever is left of its title ('…建设工作情况的报告', cut by a mirror).
_PRESENTS_A_REPORT = re.compile(r"现将[^。]{0,40}(?:法治|法制|依法行政)[^。]{0,20}报告如下")
_PRESENTS_WITHIN = 500
# A first part headed by the report's subject (一、2020年法治政府建设情况): a short text that
# starts on what rule-of-law work was done is the report, whatever the rest of its first part is
# about (a page cut after a section on licensing reform).
_FIRST_PART_ON_THE_SUBJECT = re.compile(r"(?m)^一、[^\n。]{0,12}(?:法治政府|依法行政)[^\n。]{0,12}$")
# Occurrences of the vocabulary per 1,000 Chinese characters; the seed reports have 20-40,
# a government work report touching on 法治政府 in one paragraph has a handful.
_MIN_VOCABULARY_DENSITY = 8.0


def _refuse_non_reports(page: Page) -> None:
    text = page.text
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if han < _MIN_HAN:
        # A page whose report is an attachment: linked, or named in its text (附件:….pdf).
        if attachments := page.attachments or tuple(dict.fromkeys(DOCUMENT_NAME.findall(text))):
            named = "、".join(attachments[:3]) + ("等" if len(attachments) > 3 else "")
            raise RejectedFile(
                f"页面正文只有 {han} 个汉字,报告应在页面的附件中({named}):"
                "请下载附件,上传附件文件 (report in an attachment)",
                code="report_in_attachment",
            )
        raise RejectedFile(
            f"{NOT_A_REPORT}:正文只有 {han} 个汉字,过短;如是报告的一部分(网页只保存了开头、摘要),"
            "请上传报告的完整网页或文件 (too short to be a report)"
        )
    title = page.title or ""
    presents_itself = _PRESENTS_A_REPORT.search(text, 0, _PRESENTS_WITHIN) is not None
    if title and not any(word in title for word in _TITLE_TOPIC) and not presents_itself:
        raise RejectedFile(f"{NOT_A_REPORT}:标题《{title}》不涉及法治建设 (title is not about rule of law)")
    if title and _COMMENTARY.search(title):
        raise RejectedFile(
            f"{NOT_A_REPORT}:《{title}》是关于报告的解读或报道,不是报告本身 (about a report, not the report)"
        )
    if title and "报告" not in title and _OTHER_GENRE.search(title):
        raise RejectedFile(f"{NOT_A_REPORT}:《{title}》是其他类型的文件 (another kind of document)")
    if not any(term in title or term in text for term in _CORE_TERMS):
        raise RejectedFile(f"{NOT_A_REPORT}:未提及法治政府或依法行政 (no rule-of-law vocabulary)")
    if _REPORT_TITLE.search(title) or _FIRST_PART_ON_THE_SUBJECT.search(text, 0, _PRESENTS_WITHIN * 2):
        return  # '…2022年法治政府建设情况报告': the title says what the text is, however short
    density = sum(text.count(word) for word in _VOCABULARY) * 1000 / han
    if density < _MIN_VOCABULARY_DENSITY:
        raise RejectedFile(
            f"{NOT_A_REPORT}:法治建设相关词语过少(每千字 {density:.1f} 次) (too little rule-of-law content)"
        )


# ---------------------------------------------------------------------------------------------
# Agency and place words

# Administrative units by suffix. Longer suffixes first so that 自治区 wins over 区; the 市 of
# 市场 ends no place (区市场监管局 is the district's market regulator).
_PLACE_SUFFIX = (
    r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|新区|林区|省|市(?!场)|州(?![市区县])|盟|区|县|旗)"
)
# Characters that never occur inside a place name: organ suffixes, function words, dates. They
# keep a place match from running on into '市场监督管理局在市委'.
_PLACE_CHAR = r"(?:(?![局委办厅署队站的在以是了为对将把向从年月日])[\u4e00-\u9fff])"
# Up to 12 characters before the suffix: '酉阳土家族苗族自治县' has 8.
_PLACE_COMPONENT = re.compile(rf"{_PLACE_CHAR}{{1,12}}?{_PLACE_SUFFIX}")
# Everyday words that end like a place but are not one ('城市管理局' is no 城-市).
_NOT_PLACES = frozenset(
    {"城市", "社区", "园区", "景区", "郊区", "市区", "县区", "片区", "辖区", "山区", "街区"}
)
_ZONE_KIND_END = re.compile(rf"(?:{'|'.join(ZONE_KIND_WORDS)})$")
# A zone is run by its management committee, not a people's government.
# A zone's kind without its name starts no place (高新区综治局, 新区司法局, 地区行政审批局); after
# a place it is that place's zone (兰州新区).
_ZONE_KINDS = frozenset(ZONE_KIND_WORDS) | {"地区"}
# A zone's kind in full, with nothing of its own name (经济技术开发区, 国家级高新技术产业开发区).
_GENERIC_ZONE = re.compile(
    rf"(?:国家级)?(?:经济技术|高新技术产业|高新技术|经济|工业|产业|综合)?(?:{'|'.join(_ZONE_KINDS)})"
)
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
# The level word a name without its place starts with: the place's own (区交通局, 市司法局,
# 自治区农业农村厅); 市场 and 区域 begin organs' own names.
ORGAN_LEVEL_WORD = re.compile(r"(自治区|[省市州县区旗盟])(?!场|域)")

_ORGAN_END = re.compile(rf"{ORGAN_SUFFIX}$")
# Words that show a match has run from a name into a sentence.
_PROSE_WORDS = re.compile(
    r"的|以|在|是|了|坚持|全面|深入|认真|始终|紧紧|围绕|贯彻|落实|推进|按照|根据|我|各|聚焦|举办|安排|部署|"
    r"开展|接受|通过|公布|参加|运作"
)
_MAX_ORGAN_CHARS = 14
# A city, county or province the division table does not know by two characters (内市 of 境内市,
# 度县 of 年度县…) is a word cut in two; an unknown 新区 may be short (兰州 + 新区).
_MIN_UNKNOWN_PLACE = 3
# Service slogans and web words that end like an office or a station: 全程网办, 跨省通办, 网站.
_SERVICE_SLOGAN = re.compile(r"(?:网办|通办|马上办|就近办|掌上办|指尖办|一次办|帮办|代办|快办|即办|网站)$")
# Words no place name holds, which show a place match has run back into a sentence.
_NOT_IN_PLACES = re.compile(
    r"纳入|列入|召开|召開|举办|舉辦|组织|完成|部署|主持|示范|带动|建设|学法|法治|获评|聚焦|紧扣|邀请|服务|政府|成立|开展|接受|通过|公布|参加|运作|全|和|与|对|度|及|次|"
    r"推动|实现|协助|加强|提升|促进|强化|完善|健全|指导|支持|督促|保障|确保"
)


# What ends the name of a town, township or street (郑庄镇, 左左乡, 金龙街道, 某某苏木).
_TOWN_SUFFIX = r"(?:镇|乡|街道|苏木)"
# A town, township or street named without its organ (云湖桥镇, 坡子街街道).
_BARE_TOWN = re.compile(rf"^[\u4e00-\u9fff]{{1,8}}?{_TOWN_SUFFIX}$")
# A town word right after a place-like word: 新市 in 新市街道 is the street's name, not a city.
_TOWN_AFTER = re.compile(_TOWN_SUFFIX)
# 铜梁区人民政府东城街道办事处: the 人民政府 between a district and its street office.
_GOVERNMENT_BEFORE_TOWN = re.compile(
    rf"人民政府(?=[\u4e00-\u9fff]{{1,8}}?{_TOWN_SUFFIX}(?:人民政府|办事处)$)"
)


def split_place(name: str) -> tuple[list[str], str]:
    """'重庆市綦江区交通局' → (['重庆市', '綦江区'], '交通局'), by place suffixes only."""
    chain: list[str] = []
    position = 0
    while position < len(name):
        match = _PLACE_COMPONENT.match(name, position)
        if (
            match is None
            or match.group(0) in _NOT_PLACES
            or (not chain and _GENERIC_ZONE.fullmatch(match.group(0)))
        ):
            break
        if not _is_known_place(match.group(0), full_name_only=True) and (
            ORGAN_LEVEL_WORD.match(match.group(0)) or _TOWN_AFTER.match(name, match.end())
        ):
            # 区城市管理局 is the district's 城市管理局, not a place 区城市 (市中区 is one), and
            # 新市街道 a street office, not a city 新市 with a 街道.
            break
        chain.append(match.group(0))
        position = match.end()
    return chain, name[position:]


# 全省, 全市…: the whole of the place the text speaks of (全州县 and 全椒县 are places).
_WHOLE_PLACE = re.compile(r"全[省市区县州旗镇乡]")


# A pilot free trade zone, named by its country and (in brackets) its province or city.
PILOT_FREE_TRADE_ZONE = re.compile(r"中国[(\uff08]([\u4e00-\u9fff]{2,3})[)\uff09](?=自由贸易试验区)")


# Casino advertising that hacked government pages put into their titles right after the issuer
# (渭南市人民政府澳门金沙城中心:2022年度…报告, …政府-澳门…): nothing of an organ's name. Only
# after an organ's name, and not a place's: 金沙县, 澳门特别行政区, 国家税务总局金沙县税务局,
# 毕节市生态环境局金沙分局.
_CASINO_SPAM = re.compile(
    r"(?<=[府局厅委办室])[\s\-—_|]*"
    r"(?:澳门(?!特别行政区|事务)|金沙(?![县江区镇乡分])|威尼斯人|葡京|博彩|赌场|百家乐|娱乐城|太阳城)"
)


def _normalise_agency(name: str) -> str | None:
    """A stated issuer as an agency name; a bare place means its 人民政府. None if neither."""
    if (spam := _CASINO_SPAM.search(name)) is not None:
        name = name[: spam.start()]
    name = name.strip(" ,\uff0c、:\uff1a")
    if (zone := PILOT_FREE_TRADE_ZONE.match(name)) is not None:
        # Read as '上海自由贸易试验区…', written back as the zone's official name.
        place = zone.group(1)
        agency = _normalise_agency(place + name[zone.end() :])
        return zone.group(0) + agency[len(place) :] if agency and agency.startswith(place) else agency
    if name.startswith("关于"):
        name = name[2:]
    if name.startswith("中共") and not name.endswith(("委", "委员会")):
        name = name[2:]  # 中共重庆市生态环境局(党组): the bureau's party group speaks for the bureau
    # 铜梁区人民政府东城街道办事处: the street office of the district, not an office of its government
    name = _GOVERNMENT_BEFORE_TOWN.sub("", name)
    if not name or len(name) > 40:
        return None
    name = _province_in_full(without_state_prefix(name))
    if central_branch(name):
        return name  # 国家税务总局北京市税务局: a central organ's local branch, as written
    chain, organ = split_place(name)
    if _WHOLE_PLACE.fullmatch(name):
        return None  # '关于2018年度全省法治政府建设…的报告': the whole province, no place's name
    if not organ and chain:
        return name + _administration_of(chain[-1])
    if _BARE_TOWN.match(organ):  # '湘潭县云湖桥镇2025年度…报告': the town's government
        return name + _town_organ(organ)
    # Prose, not an organ: '全市法治政府建设', '紧紧围绕市委', '法治政府建设纳入省政府' (the words
    # are looked for only in place words the table does not know: 榆次区, 龙胜各族自治县 exist).
    unknown = [part for part in chain if not _is_known_place(part)]
    # A zone's kind is no prose: 示范区 (开封市示范区管委会) reads as a place, 创建示范 would not.
    unknown_places = "".join(_ZONE_KIND_END.sub("", part) for part in unknown)
    if (
        name.endswith("法治政府")
        or _PROSE_WORDS.search(unknown_places)
        or _NOT_IN_PLACES.search(unknown_places)
        or any(len(part) < _MIN_UNKNOWN_PLACE and part.endswith(("市", "县", "省")) for part in unknown)
        # the table knows every province and city: 协助省人大常委, 实现市… are sentences
        or any(part.endswith(("省", "市")) for part in unknown)
        or _SERVICE_SLOGAN.search(organ)
    ):
        return None
    if _PROSE_WORDS.search(organ):
        return None  # '各级人民政府', '接受省人民政府': a sentence, not an organ
    if organ == "政府" or (name.endswith("政府") and not name.endswith(GOVERNMENT_ORGAN)):
        # '区政府' is written out in full
        return name[: -len("政府")] + (_administration_of(chain[-1]) if chain else GOVERNMENT_ORGAN)
    if organ.startswith("政府") and _ORGAN_END.search(organ) and len(organ) <= _MAX_ORGAN_CHARS:
        return name[: -len(organ)] + "人民" + organ  # '市政府办公室': the government's office
    if _ORGAN_END.search(organ) and len(organ) <= _MAX_ORGAN_CHARS:
        return name
    return None


def _province_in_full(name: str) -> str:
    """The name with a province's short name before a place of that province written in full
    ('山东青岛市农业农村局' → '山东省青岛市农业农村局'); else as it is ('吉林市司法局')."""
    table = get_division_table()
    for length in (2, 3):  # 山东, 黑龙江
        provinces = [code for code, kind in table.lookup(name[:length]) if kind is NameKind.SHORT_PROVINCE]
        chain, _organ = split_place(name[length:])
        if len(provinces) != 1 or not chain:
            continue
        if any(table.nested(code, provinces[0]) for code, _kind in table.lookup(chain[0])):
            province = table.place(provinces[0])
            return province.name + name[length:] if province is not None else name
    return name


# '2022年度', '二〇二二年', and a year written without 年 before the subject ('…司法局2021法治…').
_TITLE_YEAR = re.compile(
    r"(?:19|20)\d{2}\s*年度?|(?:19|20)\d{2}(?=\s*(?:法治|法制|依法))|[一二三四五六七八九〇○零]{4}年度?"
)
_TITLE_TOPIC_START = re.compile(r"关于|法治|法制|依法|述法|推进|党政主要负责人")


# '中共重庆市委', also with one of its working committees ('中共重庆市委教育工作委员会').
_PARTY_COMMITTEE_FIRST = re.compile(
    r"^(中共[^委\s、,\uff0c/\uff0f]{1,20}委(?:员会)?(?:[\u4e00-\u9fff]{1,8}?工作委员会)?)(?=[^\s、,\uff0c/\uff0f])"
)
# An organ's other name in brackets: '金华市应急管理局(人防办)'; not the place of a pilot free
# trade zone, which is part of its name ('中国(上海)自由贸易试验区').
_ALIAS_IN_BRACKETS = re.compile(r"(?<!中国)[(\uff08][^()\uff08\uff09]{1,12}[)\uff09]")


def _without_aliases(issuers: str) -> str:
    """``issuers`` without an organ's other names in brackets; a zone's district stays, as part
    of its name (乌鲁木齐市高新区(新市区)人民政府), when it is one (not 自贸片区, 南港工业区)."""
    table = get_division_table()
    districts = {
        match.start(1) - 1
        for match in ZONE_WITH_ITS_DIVISION.finditer(issuers)
        if table.lookup(match.group(1))
    }
    return _ALIAS_IN_BRACKETS.sub(lambda alias: alias.group(0) if alias.start() in districts else "", issuers)


# A covering letter's title: '关于报送《浦东新区司法局2023年度法治政府建设情况报告》的报告'.
_LETTER_SENDING_TITLE = re.compile(r"关于(?:报送|呈报|上报|提交|报告)?《([^《》]+)》的(?:报告|函)")


def _agency_in_title(title: str) -> str | None:
    """The issuer a title names before its year or subject, or right after its year (the sent
    report's own title, for a covering letter's)."""
    if (letter := _LETTER_SENDING_TITLE.fullmatch(title.strip())) is not None:
        title = letter.group(1)
    topic = _TITLE_TOPIC_START.search(title)
    year = _TITLE_YEAR.search(title)
    cut = min(m.start() for m in (topic, year) if m) if (topic or year) else len(title)
    issuers = title[:cut]
    if not issuers.strip() and topic is not None and topic.start() == 0 and year is not None:
        issuers = title[topic.end() : year.start()]  # '关于牡丹江市2022年度法治政府建设…的报告'
    if not issuers.strip() and year is not None:
        # '2023年度XX局法治政府建设工作报告'
        after = title[year.end() :]
        topic_after = _TITLE_TOPIC_START.search(after)
        issuers = after[: topic_after.start()] if topic_after else ""
    return _reporting_organ(issuers)


def _reporting_organ(issuers: str) -> str | None:
    """The organ that reports among ``issuers`` (the words naming them, in a title or as stated
    at upload), or None."""
    # Joint reports: '中共XX县委 XX县人民政府关于…' — the government is the reporting organ,
    # also when nothing separates the two ('中共长治市潞城区委长治市潞城区人民政府').
    issuers = _PARTY_COMMITTEE_FIRST.sub(" ", _without_aliases(issuers))
    parts = [part for part in re.split(r"[\s、,\uff0c/\uff0f]+", issuers) if part]
    parts = [part for part in parts if not part.startswith("中共")] or parts
    named = [agency for part in parts if (agency := _normalise_agency(part))]
    governments = [agency for agency in named if agency.endswith(GOVERNMENT_ORGAN)]
    if governments:
        return governments[-1]
    return named[-1] if named else None


# A name starts after a non-Chinese character or after a word that often precedes one.
_NAMED_ORGAN = re.compile(
    rf"(?:(?<![\u4e00-\u9fff])|(?<=[来在由和及与将])|(?<=\d年)|(?<=年度))"
    rf"(?:{_PLACE_COMPONENT.pattern}){{1,4}}[\u4e00-\u9fff]{{0,{_MAX_ORGAN_CHARS}}}?{ORGAN_SUFFIX}"
)


# A bracketed note closing a stated name (驻马店市人民政府(河南), 朝阳区司法局（北京市）).
_CLOSING_NOTE = re.compile(r"[(\uff08]([^()\uff08\uff09]{2,12})[)\uff09]$")
# Any note closing a name, spaced off or long (黑龙江省人民政府 (转载自省政府网站)), with a note
# of its own inside (留坝县人民政府(转载自汉中市政府网(镜像))): no part of what kind of organ it names.
_ANY_CLOSING_NOTE = re.compile(
    r"\s*[(\uff08](?:[^()\uff08\uff09]|[(\uff08][^()\uff08\uff09]{0,30}[)\uff09]){1,60}[)\uff09]$"
)
# Words of a note about the page an agency's report came from, not about the agency.
_PAGE_NOTE = re.compile(r"[A-Za-z]|转载|刊发|镜像|网站|站点|网页|页面|摘录|所作报告|乱码")


def stated_agency_name(name: str) -> str:
    """The agency a person names at upload, read as a title's issuer is (中共营口市委 营口市人民政府:
    the government; 塘栖镇: its 人民政府), and a place in closing brackets taken as where the
    agency is rather than part of its name: dropped where the name alone places the agency
    (驻马店市人民政府(河南) is a government), written before it where the name's place has
    namesakes (朝阳区司法局(北京) → 北京朝阳区司法局) or a town needs its county (黎侯镇人民政府
    (山西长治黎城县)). A note about the page (转载自…, 镜像, a site's address) is dropped: it split
    one agency in two. Other notes stay (西藏自治区藏语委办(编译局); 某区某局(广东): a province
    does not say which 某区)."""
    if (page_note := _ANY_CLOSING_NOTE.search(name)) and _PAGE_NOTE.search(page_note.group()):
        # only the page's parts: a place beside them still says where (河东区人民政府(天津,镜像页))
        parts = re.split(r"[,，;；、\s]+", page_note.group().strip().strip("()（）"))
        kept = "，".join(part for part in parts if part and _names_a_place(part))
        name = name[: page_note.start()] + (f"（{kept}）" if kept else "")
    note = _CLOSING_NOTE.search(name)
    body = name[: note.start()] if note else name
    read = _reporting_organ(body) if body.startswith("中共") else _normalise_agency(body)
    body = read or body
    if note is None:
        return body
    place_words = to_simplified(note.group(1))
    hinted = resolve_place(place_words + GOVERNMENT_ORGAN)  # as _names_a_place reads them
    if hinted.matched != place_words:
        return body + note.group(0)
    alone = resolve_place(to_simplified(body))
    if alone.place is not None:
        return body
    if alone.matched:
        return place_words + body
    if TOWNSHIP_ORGAN.match(body) and hinted.place is not None and hinted.place.level == "county":
        return place_words + body
    return body + note.group(0)


def _names_a_place(words: str) -> bool:
    """Whether ``words`` are a place's name and nothing else: read as a government's name, so
    that a short form (福建三明, 开封) counts as a place."""
    return resolve_place(to_simplified(words) + GOVERNMENT_ORGAN).matched == to_simplified(words)


# Ends of names of units that serve an organ, not organs that report (运动队, 服务中心, 检查站).
_UNIT_OF_AN_ORGAN = re.compile(r"(?:队|中心|站|所|处|院)$")
# A reorganisation's verb read as a place before an organ's name (划入区…局: 划入 + 区…局).
_REORGANISED = re.compile(r"新?(?:组建|划入|并入|整合|撤销|划转|合并)")


def _agencies_in_opening(text: str) -> list[str]:
    """Organs the opening lines name as the subject, real places first.

    '2023年,吴忠市利通区人民政府始终…' names its organ; '在省委、省政府和市委的领导下,南昌县全面
    贯彻…' names only its place, which then stands for that place's government. Matches whose
    place words are not in the division table ('省政府和市委') come last.
    """
    addressee = _ADDRESSEE_LINE.search(text, 0, _ADDRESSEE_WITHIN)
    start = addressee.end() if addressee else 0
    opening = text[start : start + _OPENING_CHARS]
    starts_with = _OPENING_SUBJECT.match(opening)
    speaker = _SPEAKS_AS_SUBORDINATE.search(opening)
    town_speaks = speaker is not None and not speaker.group("department")
    department_speaks = speaker is not None and not town_speaks
    named, unknown = [], []
    for match in _NAMED_ORGAN.finditer(opening):
        if opening[match.end() : match.end() + 1] in (":", "\uff1a"):
            continue  # '荆门市人大常委会:': whom the report is addressed to
        if _DOCUMENT_NUMBER.match(opening, match.end()):
            continue  # '泸治县办〔2022〕3号': a document number's issuer code, not an organ
        if opening.startswith(("法", "事员"), match.end()) and match.group(0).endswith("办"):
            # '《金平县党政主要负责人述法办法》': 办法 (rules), not an office; '重庆市人力社保系统行政
            # 办事员…大赛': a clerk (办事员), not an office
            continue
        if _inside_a_document_title(opening, match):
            continue  # '印发《上海市青少年高水平运动队申报认定管理办法》': a rule's name, not its issuer
        agency = _normalise_agency(match.group(0))
        if agency is None or _REORGANISED.match(agency):
            continue  # '组建区住房和城市更新局,划入区住房保障和房屋管理局…职责': 划入区 is no place
        if branch := _BRANCH_OF_THE_ORGAN.match(opening, match.end()):
            agency += branch.group(0)  # '岳阳市生态环境局岳阳县分局': the branch, not the bureau
        chain, organ = split_place(agency)
        if town_speaks and organ == GOVERNMENT_ORGAN and chain and not chain[-1].endswith(_TOWN_ENDS):
            continue  # '我乡…落实《渠县人民政府…安排》': a town reports, not the county it names
        if department_speaks and organ == GOVERNMENT_ORGAN:
            continue  # '我局…制定区政府年度重大行政决策事项目录': a department reports, no government
        if (
            department_speaks
            and not _of_its_kind(organ, speaker.group("department")[-1])
            and _inside(opening, match.start(), "《》")
        ):
            continue  # '我局…根据《广东省依法行政工作领导小组办公室关于印发…》': another organ's document
        if _leads_the_subject(opening, match):
            continue  # '县公安局在县委县政府和台州市公安局党委的坚强领导下': a superior, not the subject
        if not chain or _is_party_committee(organ) or agency.startswith("中共"):
            # '在市委的领导下': the party committee leads, the report is the government's;
            # '新市街党工委、新市街道办事处…': the street's party committee beside its office
            continue
        if not _is_known_place(chain[0]) and (trimmed := _from_first_place(agency)):
            agency, chain = trimmed, split_place(trimmed)[0]  # '制定下发西安市…局': a sentence ran in
        if starts_with and match.start() == starts_with.start(1):
            return [agency]  # '2023年,重庆市綦江区交通局坚持…': the organ that opens the text
        if speaker and _praises_another(opening, match):
            continue  # '我局…海珠区人社局获评…,南沙街劳动人事争议调解中心分获…': others' awards
        (named if _is_known_place(chain[0]) else unknown).append(agency)
    bare_places = [
        match.group(0)
        for match in _PLACE_COMPONENT.finditer(opening)
        if _is_known_place(match.group(0), full_name_only=True) and not _inside_a_word(opening, match)
    ]
    if town := _town_subject(opening, bare_places):
        return [town, *named, *unknown]
    if composed := _relative_organ_placed(opening, bare_places):
        # The opening may also write the organ out in full (奉节县应急管理局 for 县应急局).
        fuller = [agency for agency in named if _same_organ(agency, composed)]
        return [*fuller, composed, *named, *unknown]
    if government := _government_speaking(opening, bare_places):
        return [government, *named, *unknown]
    speaking = _GOVERNMENT_SUBJECT.match(opening)
    if speaking and not _ORGAN_LIST.match(opening, speaking.end()):
        # '我县…《眉山市…方案》': a county government that names no county is no city's; named
        # by its level alone, the page's address may still place it (or the importer refuses).
        return [_speaking_level(speaking) + GOVERNMENT_ORGAN]
    if place := _place_as_subject(opening):
        # '2024年,东城区坚持…', '现将铜仁市2024年度…报告', '唐山市委、市政府以…': the place whose
        # government speaks (a zone's management committee: '一年来,长春新区坚持…'), before any
        # organ the opening names later.
        return [place + _administration_of(place), *named, *unknown]
    # Last, an organ the opening names by its level alone (区城市管理局) and no place for it: the
    # one full name the text gives it further on, or the bare name, which the page's address
    # may still place (or the importer refuses). A place the opening only mentions is no
    # subject: its government was the author of half the openings read so, a department or
    # town of it, or a zone, of the other half.
    relative = _relative_subject(opening)
    unplaced = []
    if relative and not _ORGAN_LIST.search(relative.group("organ")):
        level, organ = relative.group("level"), relative.group("organ")
        unplaced = [_organ_named_in_full(text, level, organ) or level + organ]
    return named + unknown + unplaced


def _of_its_kind(organ: str, kind: str) -> bool:
    """Whether ``organ`` is of the ``kind`` (局, 厅, 委) a department speaking as 我局/我厅/我委
    is (a 委员会 is a 委)."""
    return organ.endswith(kind) or (kind == "委" and organ.endswith("委员会"))


def _inside_a_document_title(opening: str, match: re.Match[str]) -> bool:
    """Whether a name ending like a unit rather than an organ (队, 中心, 站…) is part of a
    document's title (《上海市青少年高水平运动队申报认定管理办法》) or a quoted project's name
    (“金普新区社会治安综合治理中心规范化建设”): what it is about, while an organ's name in a title
    (《…卫生健康委员会2024年工作要点》) is mostly its issuer's."""
    if not _UNIT_OF_AN_ORGAN.search(match.group(0)):
        return False
    # a project's quoted name too (申报“…中心规范化建设”)
    return _inside(opening, match.start(), "《》") or _inside(opening, match.start(), "“”")


def _inside(text: str, position: int, brackets: str) -> bool:
    """Whether ``position`` lies inside a pair of ``brackets`` ("《》") opened before it."""
    opened = text.rfind(brackets[0], 0, position)
    return opened != -1 and text.rfind(brackets[1], opened, position) == -1


def _praises_another(opening: str, match: re.Match[str]) -> bool:
    """Whether the sentence naming an organ awards it (获评, 分获…): in an opening that speaks as
    我局 or 我镇, an organ praised by name is one the subject supports, not the subject."""
    start = opening.rfind("。", 0, match.start()) + 1
    end = opening.find("。", match.end())
    return _PRAISE.search(opening, start, end if end != -1 else len(opening)) is not None


def _leads_the_subject(opening: str, match: re.Match[str]) -> bool:
    """Whether an organ is named inside a clause's 在…领导下 (or 指导下): the organ that leads."""
    clause_start = max(opening.rfind(mark, 0, match.start()) for mark in ",，。;；\n") + 1
    return "在" in opening[clause_start : match.start()] and bool(_LED_BY.match(opening, match.end()))


# What follows a leading organ's name up to the end of 在…领导下 (党委的坚强领导下, 的指导下).
_LED_BY = re.compile(r"[^,，。;；\n]{0,12}?(?:领导|指导)下")


def _inside_a_word(text: str, match: re.Match[str]) -> bool:
    """Whether a two-character place name is read across a word break ('部署和县委' is not 和县,
    '创新县域' not 新县): one right after a word, not after a year or punctuation."""
    before = text[match.start() - 1 : match.start()]
    return len(match.group(0)) == 2 and "\u4e00" <= before <= "\u9fff" and before not in "年在由"


def _administration_of(place: str) -> str:
    """The organ that governs ``place``: a zone the table does not know has its management
    committee (天津滨海高新区管理委员会), a division its people's government (浦东新区人民政府)."""
    if not _is_known_place(place) and _ZONE_KIND_END.search(place):
        return "管理委员会"
    return GOVERNMENT_ORGAN


def _placed_by_known_names(agency: str) -> bool:
    """Whether the place words an agency's name starts with are all places the table knows."""
    chain, _organ = split_place(agency)
    return bool(chain) and all(map(_is_known_place, chain))


def _from_first_place(agency: str) -> str | None:
    """The agency name from the first full place name in it on ('由浦东新区人民政府' →
    '浦东新区人民政府'), or None when no place starts later in it."""
    for start in range(1, len(agency) - 1):
        chain, _ = split_place(agency[start:])
        if chain and _is_known_place(chain[0], full_name_only=True):
            return agency[start:]
    return None


def _organ_named_in_full(text: str, level: str, organ: str) -> str | None:
    """The one full name the text gives an organ it opens with by its level alone (区城市管理局
    in the opening, 《重庆市涪陵区城市管理局2025年…》 further on), or None."""
    found = set()
    at = text.find(organ)
    while at != -1:
        # The longest run of known places right before the organ, ending at its level.
        for start in range(max(0, at - _MAX_PLACE_CHARS), at):
            chain, rest = split_place(text[start:at])
            if chain and not rest and chain[-1].endswith(level) and all(map(_is_known_place, chain)):
                found.add("".join(chain) + organ)
                break
        at = text.find(organ, at + 1)
    return found.pop() if len(found) == 1 else None


_OPENING_CHARS = 400
# '中共长沙市委、长沙市人民政府:', '主任、副主任、秘书长、各位委员:': the line a report addresses,
# after the title and page fields; the opening's subject follows it.
_ADDRESSEE_LINE = re.compile(
    r"^(?![^\n]*(?:如下|现将|报告))[^\n]{0,40}(?:委|政府|人大|常委会|领导)[^\n]{0,30}[:：][ \t]*$"
    # a page that lost its line breaks, addressed to the government above: '中共嘉兴市委、嘉兴市人民
    # 政府: 2022年,海宁市坚持…' (one addressed to its own 人大常委会 shares its place, and may name it)
    r"|^[^\n:：]{0,40}政府[:：][ \t]*(?=(?:19|20)\d{2}年[,，度以])",
    re.MULTILINE,
)
_ADDRESSEE_WITHIN = 300
# The longest place chain written before an organ (新疆维吾尔自治区伊犁哈萨克自治州伊宁县).
_MAX_PLACE_CHARS = 24
# What may stand before an opening's subject: its year ('2023年,', '2023年以来') and the
# leadership it works under ('在市委、市政府的正确领导下,').
_OPENING_LEAD = (
    r"[\s?？]*"
    # '一、主要工作情况' then '2025年,省数据局…': the first part's heading before its first sentence
    r"(?:[一二三四五六七八九十]{1,2}、[^\n。]{0,30}\n\s*)?"
    # '法治政府建设是…必由之路。2024年,巨野河街道…': a sentence on what the rule of law is first
    r"(?:(?:法治政府建设|法治建设|依法行政|全面依法治国)是[^。]{0,150}。\s*)?"
    # '2021年是“十四五”…开局之年,', '2024年,是…关键一年。': the year described before its subject
    r"(?:(?:19|20)\d{2}\s?年[,，]?(?:(?:也|更|又)?是[^。,，]{0,120}?年[。,，]\s*)+)?"
    r"(?:(?:(?:19|20)\d{2}\s?年(?:度|以来)?|(?:今年|近年|一年)以?来|今年)\s*[,，]?\s*)?"
    # '按照市局工作要求,', '根据…规定,': the rule the report follows
    r"(?:(?:按照|根据)[^。,，]{0,60}[,，]\s*)?"
)
_UNDER_LEADERSHIP = r"(?:在[^。;；]{0,60}?下\s*[,，]\s*){0,2}"
# '2023年,南阳市深入学习…': a place that opens the text is its subject, whatever places below it
# the opening goes on to praise (西峡县…入选).
_OPENING_SUBJECT = re.compile(rf"{_OPENING_LEAD}{_UNDER_LEADERSHIP}((?:{_PLACE_COMPONENT.pattern}){{1,3}})")
# '2020年,省统计局深入贯彻…', '在市委、市政府的正确领导下,市民政局坚持…': an organ named by its
# level alone, as the subject; the place is the one the opening names at that level.
_RELATIVE_SUBJECT = re.compile(
    rf"{_OPENING_LEAD}{_UNDER_LEADERSHIP}"
    # '省卫生健康委坚持…' ends in 委 (not 市委常委会, whose 委 opens the words after the level)
    r"(?P<level>自治区|[省市区县])(?P<organ>(?!委)[\u4e00-\u9fff]{2,12}?(?:局|厅|委员会|委|办公室)|政府办)(?=[\u4e00-\u9fff])"
)
# '…,现将市人社局2021年法治政府建设情况报告予以公开': the organ presenting its own report.
_PRESENTS_ITS_REPORT = re.compile(
    r"现将(?P<level>[省市区县])(?P<organ>[\u4e00-\u9fff]{2,12}?(?:局|厅|委员会|办公室))"
    r"(?=(?:19|20)\d{2}年|关于|法治)"
)
# '2024年,我市坚持…', '2025年,市政府坚持…': a government speaking of itself, with its level only;
# '现将省政府2022年度…报告如下': presenting its report.
_GOVERNMENT_SUBJECT = re.compile(
    rf"{_OPENING_LEAD}{_UNDER_LEADERSHIP}"
    # (not '市政府办公厅坚持…', '市政府国资委在市委…领导下': the government's general office and
    # other organs named after it, departments of it)
    r"(?:我(?P<own>[省市区县旗州])|(?:现将)?(?P<level>[省市区县旗州])(?:人民)?政府(?!办|国资委|研究室|参事室|外事|金融|法制办|侨)"
    # '县委、县政府坚持…': the place's party committee and government as one subject
    r"|(?P<joint>[省市区县旗州])委[、和]\s*(?P=joint)(?:人民)?政府"
    # '全市各级行政机关坚持…', '全县上下': the whole place's administration as one subject
    r"|全(?P<whole>[省市区县旗州])(?:各级(?:行政机关|人民政府|政府)|上下|各区、各部门))(?=[\u4e00-\u9fff]|(?:19|20)\d{2}年)"
)
# The year bracket of a document number (渝府发〔2021〕3号, 泸治县办[2022]3号).
_DOCUMENT_NUMBER = re.compile(r"[〔\[【](?:19|20)\d{2}")
# A department or a town speaking of itself (我局坚持…, 我分局, 我厅, 我委, 我镇, 我街; not 我委员会…,
# a committee of the government): a refusal for want of its name says whose report it is.
_SPEAKS_AS_SUBORDINATE = re.compile(r"我(?:(?P<department>分?局|厅|委(?!员))|镇|乡|街道?)")
# What an opening says of organs it praises ('海珠区人社局获评“全国…先进集体”').
_PRAISE = re.compile(r"获评|荣获|分获|被评为|被授予|入选")
_TOWN_ENDS = ("镇", "乡", "街道", "苏木")
# How a report's opening says what it is (现将…报告如下, 工作总结, 年度报告).
_SAYS_IT_REPORTS = re.compile(r"报告|总结|如下")
# A bureau's branch named after its seat, in full (岳阳县分局) or short (生态环境局桃源分局).
_BRANCH_OF_THE_ORGAN = re.compile(rf"(?:(?:{_PLACE_COMPONENT.pattern}){{1,2}}|[\u4e00-\u9fff]{{2,3}}?)分局")
# Organs listed together (区政府和市司法局) are no one subject; 和 inside a name (文化和旅游厅) is,
# and so is a government's general office (市政府办公厅).
_ORGAN_LIST = re.compile(r"[及与、]|政府(?!办)|和[省市州县区]")
_RELATIVE_LEVELS = {
    "省": ("province",), "自治区": ("province",), "市": ("city", "municipality"), "区": ("county",),
    "县": ("county",), "旗": ("county",), "州": ("city",),
}  # fmt: skip
# '2025年,郑庄镇在沁水县委…领导下', '在县委…领导下,金鸡镇始终坚持…': a town or street as the
# subject (not 城乡, 乡镇, 全镇 or 我镇, which are words, nor 清镇市, a city).
# Words that start like a town's name and are none: 全镇, 我镇, 本镇, 各乡镇, 城乡, 村镇, 在镇党委….
_NO_TOWN_START = "(?![全我本各城村在])"
_OPENING_TOWN = re.compile(
    rf"{_OPENING_LEAD}{_UNDER_LEADERSHIP}(?:现将)?"
    rf"(?P<town>{_NO_TOWN_START}(?!中共)(?:(?!全)[\u4e00-\u9fff]){{1,8}}?{_TOWN_SUFFIX})"
    r"(?P<organ>人民政府|办事处)?(?![市县区州旗])"
    # '石鼻镇全镇上下坚持…': 全镇 is the town's people, not a second town in the name
    r"(?:(?=全[镇乡])|(?![\u4e00-\u9fff]{0,2}(?:镇|乡)))"
)


# '2021年,深圳坚持以…', '…领导下,株洲深入贯彻…': a city or province by its short name as the
# subject, right before what it did.
_SHORT_SUBJECT = re.compile(
    rf"{_OPENING_LEAD}{_UNDER_LEADERSHIP}(?P<short>[\u4e00-\u9fff]{{2}})"
    r"(?=坚持|深入|全面|始终|持续|紧紧|认真|聚焦|着力|围绕)"
)


def _short_subject(opening: str) -> str | None:
    """The city or province an opening starts with by its short name, when that name stands for
    one city or province and for nothing outside it (株洲: 株洲市, its former 株洲县 inside it;
    not 朝阳, also Beijing's 朝阳区, nor 吉林, a province and a city)."""
    match = _SHORT_SUBJECT.match(opening)
    if match is None:
        return None
    table = get_division_table()
    forms = table.lookup(match.group("short"))
    wide = [code for code, kind in forms if kind in (NameKind.SHORT_CITY, NameKind.SHORT_PROVINCE)]
    if len(wide) != 1 or not all(table.nested(code, wide[0]) for code, _kind in forms):
        return None
    place = table.place(wide[0])
    return place.name if place is not None else None


# '现将铜仁市2024年度法治政府建设情况报告如下': a place presenting its own report.
_PLACE_PRESENTS_ITS_REPORT = re.compile(rf"现将((?:{_PLACE_COMPONENT.pattern}){{1,3}})(?=(?:19|20)\d{{2}}年)")
# '唐山市委、市政府以…为指导': the place's party committee and government as one subject (not
# the leadership a report works under, '在长治市委、市政府的坚强领导下,潞州区…', nor whom it
# is addressed to, '中共三明市委、三明市人民政府:').
_JOINT_SUBJECT = re.compile(
    rf"((?:{_PLACE_COMPONENT.pattern}){{1,3}})委(?:员会)?[、和及]\s*(?:[省市区县旗州]|\1)(?:人民)?政府"
    r"(?!\s*[:：])(?![^,，。]*领导)"
)


def _place_as_subject(opening: str) -> str | None:
    """The place an opening's own words make its subject: the place it starts with (after its
    year and the leadership it works under), a place presenting its report, or a place's party
    committee and government together; each only when the table knows every part by its full
    name."""
    if place := _subject_place(_OPENING_SUBJECT.match(opening)) or _short_subject(opening):
        return place
    for pattern in (_PLACE_PRESENTS_ITS_REPORT, _JOINT_SUBJECT):
        for match in pattern.finditer(opening):
            if opening[: match.start()].endswith("在"):
                continue
            if place := _subject_place(match):
                return place
    return None


def _relative_subject(opening: str) -> re.Match[str] | None:
    """An organ named by its level alone as the opening's subject, or presenting its report."""
    return _RELATIVE_SUBJECT.match(opening) or _PRESENTS_ITS_REPORT.search(opening)


def _relative_organ_placed(opening: str, places: list[str]) -> str | None:
    """The subject organ named by its level (省统计局) with the one place of that level the
    opening names (河南省统计局), or None."""
    match = _relative_subject(opening)
    if match is None:
        return None
    fitting = _named_at_level(places, _RELATIVE_LEVELS[match.group("level")])
    if len(fitting) != 1:
        return None
    composed = fitting.pop() + match.group("organ")
    return _normalise_agency(composed) or composed  # 市政府办公室: 保山市人民政府办公室


def _government_speaking(opening: str, places: list[str]) -> str | None:
    """The government an opening speaks as ('2024年,我市坚持…', '2025年,市政府坚持…'): the one
    place of that level the opening names, or else the one place of that level above the places
    it names (长治市 for a 我市 report naming only 潞州区), or None. A county-level city (乐平市
    says 市政府 too) counts when every other place named is above or inside it."""
    match = _GOVERNMENT_SUBJECT.match(opening)
    if match is None:
        return None
    level = _speaking_level(match)
    levels = _RELATIVE_LEVELS[level]
    fitting = {place for place in _named_at_level(places, levels) if place.endswith(level)}
    if not fitting and level == "市":
        fitting = {
            city
            for city in _named_at_level(places, ("county",))
            if city.endswith("市") and all(_above_or_inside(place, city) for place in places)
        }
    if not fitting:
        table = get_division_table()
        fitting = {
            ancestor.name
            for place in places
            for code, _kind in table.lookup(place)
            for ancestor in map(table.place, table.ancestors(code))
            if ancestor is not None and _level_kind(ancestor) in levels and ancestor.name.endswith(level)
        }
    return fitting.pop() + GOVERNMENT_ORGAN if len(fitting) == 1 else None


def _speaking_level(match: re.Match[str]) -> str:
    """The level word a government speaking of itself uses (我县, 市政府, 全市各级…: 县, 市, 市)."""
    return match.group("level") or match.group("own") or match.group("whole") or match.group("joint")


def _above_or_inside(place: str, other: str) -> bool:
    """Whether some division called ``place`` is ``other``, above it or inside it."""
    table = get_division_table()
    theirs = [code for code, _kind in table.lookup(other)]
    return any(table.nested(mine, code) for mine, _kind in table.lookup(place) for code in theirs)


# '2020年白云湖街以…', '2023年,万兴街在区委…领导下': a street office by the short name of its
# 街道, right before what it did.
_OPENING_STREET_SHORT = re.compile(
    rf"{_OPENING_LEAD}{_UNDER_LEADERSHIP}(?P<street>{_NO_TOWN_START}[\u4e00-\u9fff]{{2,6}}?街)"
    r"(?=以|在|坚持|始终|紧紧|全面|深入|聚焦|认真|党工委|工委|办事处)"
)


def _town_organ(town: str) -> str:
    """What governs a town or township (人民政府), or a street (办事处)."""
    return "办事处" if town.endswith("街道") else GOVERNMENT_ORGAN


def _town_subject(opening: str, places: list[str]) -> str | None:
    """The town or street an opening starts with, as its government or office, after the one
    county-level place the opening names (沁水县郑庄镇人民政府), or alone when it names none."""
    match = _OPENING_TOWN.match(opening)
    if match is None:
        street = _OPENING_STREET_SHORT.match(opening)
        return street.group("street") + "道办事处" if street else None
    town = match.group("town")
    organ = match.group("organ") or _town_organ(town)
    if split_place(town)[0]:
        return town + organ  # '钟楼区五星街道': the place is in the name already
    # Two-character counties are left out: 和县 is also 县委和县政府 read across a word break.
    counties = _named_at_level([place for place in places if len(place) > 2], ("county",))
    return (counties.pop() if len(counties) == 1 else "") + town + organ


def _named_at_level(places: list[str], levels: tuple[str, ...]) -> set[str]:
    """The place names that stand for a division of one of ``levels`` (a municipality such as
    北京市 is told apart from other provinces as "municipality")."""
    table = get_division_table()
    return {
        place
        for place in places
        for code, _kind in table.lookup(place)
        if (found := table.place(code)) is not None and _level_kind(found) in levels
    }


def _same_organ(full: str, short: str) -> bool:
    """奉节县应急管理局 and 奉节县应急局: the same place, an organ name starting and ending alike."""
    (full_chain, full_organ), (short_chain, short_organ) = split_place(full), split_place(short)
    return (
        bool(full_chain and short_chain)
        and full_chain[-1] == short_chain[-1]
        and full_organ[:1] == short_organ[:1]
        and full_organ[-1:] == short_organ[-1:]
    )


def _level_kind(place: Place) -> str:
    """A place's level, a municipality (北京市) told apart from other provinces."""
    if place.level == "province" and is_municipality(place.province):
        return "municipality"
    return place.level


# '上海市教育系统深入贯彻…', '福建省人力资源和社会保障法治工作的总体要求': a department's field or
# whole system speaks, not the place's government.
_SYSTEM_OF_A_DEPARTMENT = re.compile(
    r"(?:教育|公安|司法行政|司法|民政|财政|人社|人力资源和?社会保障|自然资源|生态环境|住房和?城乡建设|住建|"
    r"交通运输|交通|水利|水务|农业农村|商务|文化和?旅游|文旅|卫生健康|卫健|应急管理|应急|审计|税务|"
    r"市场监管|市场监督管理|统计|医疗保障|医保|林业|城管|城市管理|退役军人事务|体育)(?:系统|法治|行业|领域)"
)


def _subject_place(match: re.Match[str] | None) -> str | None:
    """The places an opening starts with, when the table knows each by its full name (巴州 is
    only another name of 巴音郭楞, and of 巴州区)."""
    if match is None:
        return None
    chain, rest = split_place(match.group(1))
    if rest or not chain or _SYSTEM_OF_A_DEPARTMENT.match(match.string, match.end(1)):
        return None
    *places, last = chain
    following = match.string[match.end(1) : match.end(1) + 1]
    if following and _is_known_place(last + following, full_name_only=True):
        # '梅县区坚持…', '西市区法治建设…': the shortest place read (梅县, a former county) stops
        # before the 区 that ends the district's name
        last += following
        chain = [*places, last]
    if places and _zone_named_after_a_place(places[-1] + last):
        *places, last = *places[:-1], places[-1] + last  # 郑州 + 高新区: one zone's name
    known = all(_is_known_place(part, full_name_only=True) for part in places)
    if known and (
        _is_known_place(last, full_name_only=True) or _zone_named_after_a_place(last) or _is_new_area(last)
    ):
        return "".join(chain)
    return None


def _is_new_area(name: str) -> bool:
    """Whether ``name`` is a new area the table does not know, maybe after its own place's name
    (两江新区, 重庆两江新区, 大连金普新区)."""
    return (new_area := new_area_at(name)) is not None and new_area.rest == new_area.area


# A zone named after its place, short or full (长春新区, 宁波高新区, 武汉经开区).
_ZONE_AFTER_PLACE = re.compile(rf"(?P<place>[\u4e00-\u9fff]{{2,12}}?)(?:{ZONE_AFTER_SHORT_FORM})")


def _zone_named_after_a_place(name: str) -> bool:
    """Whether ``name`` is a zone named after a place the table knows (长春新区: 长春)."""
    match = _ZONE_AFTER_PLACE.fullmatch(name)
    return match is not None and _is_known_place(match.group("place"))


_PARTY_COMMITTEES = frozenset({"委", "党委", "党工委", "工委"})


def _is_party_committee(organ: str) -> bool:
    """Whether ``organ`` is a party committee (市委, 街党工委, 新区工委), not a commission (卫健委)."""
    return organ in _PARTY_COMMITTEES or organ.endswith(("党委", "党工委"))


def _is_known_place(name: str, *, full_name_only: bool = False) -> bool:
    """Whether the division table knows ``name`` (only by its full name, if asked)."""
    forms = get_division_table().lookup(name)
    return any(kind >= NameKind.ALIAS if full_name_only else True for _code, kind in forms)


def _agency(page: Page, from_signature: str | None, warnings: list[str], source_url: str = "") -> str:
    # A ministry names no place: 司法部2021年法治政府建设年度报告.
    central = central_organ_at(page.title or "") or central_organ_at(from_signature or "")
    if central:
        return central
    from_title = _agency_in_title(page.title) if page.title else None
    from_opening = _agencies_in_opening(page.text)

    if from_title is None:
        # A ministry opening its text as the subject ('2022年,司法部坚持…') comes before any
        # place the opening mentions.
        stated = (
            from_signature or central_organ_opening(page.text) or (from_opening[0] if from_opening else None)
        )
        speaks = _SPEAKS_AS_SUBORDINATE.search(page.text[:_OPENING_CHARS])
        if stated is None and speaks and (named_itself := _naming_itself(page, speaks, warnings, source_url)):
            return named_itself
        if stated is None:
            whose = ";请在上传时填写报告机关的全称"
            if speaks:
                kind = "部门" if speaks.group("department") else "乡镇(街道)"
                whose = f";正文以“{speaks.group(0)}”自称,是某个{kind}的报告,请在上传时填写它的全称"
            elif not page.title and not _SAYS_IT_REPORTS.search(page.text[:_OPENING_CHARS]):
                # A news item about 普法 work reads like a report but never says it is one.
                whose += ";页面也没有标题,开头未见“报告如下”“工作总结”等字样,请先确认这是年度报告"
            raise RejectedFile(
                f"找不到报告机关的名称:标题、开头和落款都没有写明带地名的机关{whose} (no identifiable agency)"
            )
        warnings.append(f"报告机关“{stated}”取自{'落款' if from_signature else '正文开头'},标题未写明")
        return stated

    # The title may name the organ more briefly than the text ('利通区' vs '吴忠市利通区人民政府').
    fuller = [
        name
        for name in (from_signature, *from_opening)
        if name
        and name != from_title
        and name.endswith(from_title)
        and len(from_title) >= 3
        and _placed_by_known_names(name)  # not '特编制贵州省教育厅'
    ]
    agency = max(fuller, key=len) if fuller else from_title
    if from_signature and not agency.endswith(from_signature):
        warnings.append(f"落款机关“{from_signature}”与标题机关“{agency}”不一致")
    return agency


def _naming_itself(
    page: Page, speaks: re.Match[str], warnings: list[str], source_url: str = ""
) -> str | None:
    """For a department or town that speaks only as 我局/我厅/我委/我镇: the one organ (or town)
    of its kind that the page's 发布机构 row names, or else that opens the title of a document
    the text says it made ('制定《海口市审计局2023年法治建设工作要点》', '出台《道滘镇2020年依法行政
    工作要点》'), or else the department whose own site the page is on (``_department_of_site``);
    None otherwise. A department must be named at places the table knows; a town's name must be
    a town's, which the pipeline then places."""
    department = speaks.group("department")
    own = _own_department if department else _own_town
    kind = department[-1] if department else ""  # 我分局 is a 局
    publisher = to_simplified(page.publisher or "")
    if named := own(publisher, 0, kind):
        warnings.append(f"报告机关“{named}”取自页面的发布机构,正文以“{speaks.group(0)}”自称")
        return named
    found = {
        named
        for made in _OWN_DOCUMENT_MADE.finditer(page.text)
        if (named := own(page.text, made.end(), kind))
    }
    if len(found) == 1:
        named = found.pop()
        warnings.append(f"报告机关“{named}”取自正文中它制定的文件标题,正文以“{speaks.group(0)}”自称")
        return named
    if department and not found and (named := _department_of_site(source_url, page.text, kind)):
        warnings.append(
            f"报告机关“{named}”据来源网址({urlsplit(source_url).hostname})推断,正文以“{speaks.group(0)}”自称"
        )
        return named
    return None


# Department sites' labels (jtj.ezhou.gov.cn) of organs named alike in every place, by the field
# in the organ's name (not yjj: 应急管理局 in some places, 药品监督管理局 in others, as yjj.sh.gov.cn);
# the words a department's own text uses of its field; and the fields whose organ a province (not
# a municipality) calls a 厅.
_DEPARTMENT_SITE_FIELDS = {
    "sfj": "司法", "sft": "司法", "jtj": "交通运输", "jtt": "交通运输", "mzj": "民政", "mzt": "民政",
    "rsj": "人力资源和社会保障", "hrss": "人力资源和社会保障", "rst": "人力资源和社会保障",
    "sthjj": "生态环境", "sthjt": "生态环境", "yjglj": "应急管理", "yjt": "应急管理",
    "nyncj": "农业农村", "nynct": "农业农村", "jyj": "教育", "jyt": "教育", "czj": "财政", "czt": "财政",
    "tjj": "统计", "ybj": "医疗保障", "scjgj": "市场监督管理", "tyjrswj": "退役军人事务",
}  # fmt: skip
# Committees' own sites (gzw.wuhan.gov.cn), for a committee speaking as 我委.
_COMMITTEE_SITE_FIELDS = {"gzw": "国有资产监督管理", "wjw": "卫生健康", "fgw": "发展和改革"}
_FIELD_WORDS = {
    "司法": ("司法", "法律援助", "人民调解"), "交通运输": ("交通",), "民政": ("民政", "社会救助", "养老"),
    "人力资源和社会保障": ("人社", "人力资源", "社会保障", "劳动"), "生态环境": ("生态", "环境"),
    "应急管理": ("应急", "安全生产"), "农业农村": ("农业", "农村"), "教育": ("教育", "学校"),
    "财政": ("财政", "预算"), "统计": ("统计",), "医疗保障": ("医保", "医疗保障"),
    "市场监督管理": ("市场监管", "市场监督"), "退役军人事务": ("退役军人",),
    "国有资产监督管理": ("国资", "国有资产", "国企"), "卫生健康": ("卫生", "健康", "医疗"),
    "发展和改革": ("发展改革", "发改", "价格"),
}  # fmt: skip
_PROVINCIAL_DEPARTMENTS = {
    "司法", "交通运输", "民政", "人力资源和社会保障", "生态环境", "应急管理", "农业农村", "教育", "财政",
    "退役军人事务",
}  # fmt: skip


def _department_of_site(source_url: str, text: str, kind: str) -> str | None:
    """The department whose own sub-site ``source_url`` is on (jtj.ezhou.gov.cn: 鄂州市交通运输局,
    gzw.wuhan.gov.cn: 武汉市国有资产监督管理委员会), when its organ word is ``kind`` (局, 厅 or
    委, as the text speaks) and the text writes of its field (交通); None otherwise."""
    site = department_site(source_url) if source_url else None
    if site is None:
        return None
    label, place = site
    field = _DEPARTMENT_SITE_FIELDS.get(label) or _COMMITTEE_SITE_FIELDS.get(label)
    if field is None or not any(word in text for word in _FIELD_WORDS[field]):
        return None
    if label in _COMMITTEE_SITE_FIELDS:
        return place.name + field + "委员会" if kind == "委" else None
    organ = "厅" if _level_kind(place) == "province" and field in _PROVINCIAL_DEPARTMENTS else "局"
    return place.name + field + organ if organ == kind else None


def _own_department(text: str, at: int, kind: str) -> str | None:
    """The organ of ``kind`` (局, 厅, 委), named at places the table knows, at ``text[at:]``."""
    organ = _NAMED_ORGAN.match(text, at)
    if organ and _of_its_kind(organ.group(0), kind) and _placed_by_known_names(organ.group(0)):
        return organ.group(0)
    return None


def _own_town(text: str, at: int, _kind: str) -> str | None:
    """The town's government or the street's office named at ``text[at:]`` (道滘镇, 中共洪梅镇委…),
    when a town of that name exists."""
    town = _TOWN_OPENING_A_NAME.match(text, at)
    if town is None or not places_with_town(town.group("town")):
        return None
    return town.group("town") + _town_organ(town.group("town"))


# How the text says a department or town made a document whose title opens with its name, and a
# town's name opening such a title.
_OWN_DOCUMENT_MADE = re.compile(r"(?:制定|印发|出台|编制|编撰|修订|公布|发布)(?:并(?:公示|公布|印发))?了?《")
_TOWN_OPENING_A_NAME = re.compile(rf"(?:中共)?(?P<town>[\u4e00-\u9fff]{{2,4}}?{_TOWN_SUFFIX})")


def _completed_by_publisher(agency: str, publisher: str | None, warnings: list[str]) -> str:
    """The agency as the page's 发布机构 (or 来源) row names it in full (大连市司法局), when the title
    and text name it without its place (市司法局, 司法局) and that row names the same organ at
    places the table knows; else ``agency``. A row naming another organ (a portal's 人民政府办公室
    posting a bureau's report) completes nothing."""
    if not publisher or split_place(agency)[0]:
        return agency
    publisher = to_simplified(publisher)
    if publisher == agency or not publisher.endswith(agency) or not _placed_by_known_names(publisher):
        return agency
    warnings.append(f"报告机关“{agency}”未写明地名,全称取自页面的发布机构“{publisher}”")
    return publisher


_ORGAN_PREFIX_LEVELS: tuple[tuple[str, AgencyLevel], ...] = (
    ("省", "province"),
    ("市", "city"),
    ("区", "county"),
    ("县", "county"),
)


# A league's or a prefecture's government (兴安盟行政公署, 大兴安岭地区行政公署).
_PREFECTURE_ADMINISTRATION = "行政公署"


def _agency_kind_and_level(agency: str, warnings: list[str]) -> tuple[AgencyKind, AgencyLevel]:
    """Government or department, and level, from an agency's name (warnings about a name that
    says too little go to ``warnings``)."""
    agency = to_simplified(agency)  # 朝陽區 ends like 朝阳区
    level = _level(agency, warnings)
    agency = _ANY_CLOSING_NOTE.sub("", agency)  # 某县人民政府(据网址推定) is a government
    # A street office (街道办事处) is its district's administration at township level, reporting
    # as a town's government does.
    governs = (
        agency.endswith((GOVERNMENT_ORGAN, _PREFECTURE_ADMINISTRATION))
        or (level == "township" and agency.endswith("办事处"))
        or bool(ZONE_ADMINISTRATION.search(agency))  # a zone's management committee governs it
    )
    return ("government" if governs else "department"), level


# A town, township or street's own administration after its county's place words:
# 郑庄镇人民政府, 左左乡人民政府, 金龙街道办事处, 某某苏木人民政府.
TOWNSHIP_ORGAN = re.compile(rf"^[\u4e00-\u9fff]{{1,10}}?{_TOWN_SUFFIX}(?:人民政府|政府|办事处)$")


def _level(agency: str, warnings: list[str]) -> AgencyLevel:
    """Level of a government from its place words; a department takes its government's level."""
    if central_organ_at(agency):
        return "national"
    if branch := central_branch(agency):
        agency = branch[1]  # 国家税务总局北京市税务局 sits at 北京市
    chain, organ = split_place(agency)
    if TOWNSHIP_ORGAN.match(organ):
        return "township"
    if not chain:
        # '区交通局': only the organ's own prefix says where it sits.
        for prefix, level in _ORGAN_PREFIX_LEVELS:
            if organ.startswith(prefix):
                return level
        warnings.append(f"机关名称“{agency}”未写明地名,层级暂按县级")
        return "county"
    last = chain[-1]
    if last.endswith(("省", "自治区", "特别行政区")):
        return "province"
    if last in _MUNICIPALITIES:
        return "province"
    if last.endswith(("地区", "自治州", "州", "盟")):
        return "city"
    if last.endswith("市"):
        above = chain[-2] if len(chain) > 1 else None
        # A 市 under a prefecture-level unit is a county-level city ('金华市义乌市').
        if above and above not in _MUNICIPALITIES and above.endswith(("市", "州", "地区", "盟")):
            return "county"
        return "city"
    return "county"  # 区, 县, 旗, 新区, 林区 and their autonomous forms


# ---------------------------------------------------------------------------------------------
# Dates and the report year

_ARABIC_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CHINESE_DATE = re.compile(
    rf"([{CHINESE_DIGIT_CHARS}]{{4}})\s*年\s*([{CHINESE_NUMERALS}]{{1,3}})\s*月\s*([{CHINESE_NUMERALS}]{{1,3}})\s*日"
)
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})")
_CHINESE_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "О": 0, "一": 1, "二": 2, "三": 3, "四": 4,
                   "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip


@dataclass(frozen=True)
class _Signature:
    agency: str | None
    stated_date: str | None
    signed_on: date | None


def _read_signature(text: str) -> _Signature:
    """The agency and the date the signature block at the end of the report states."""
    signature = find_signature(text)
    if signature is None:
        return _Signature(None, None, None)
    agency = None
    for line in signature.organ_lines:
        for part in line.split():
            candidate = _normalise_agency(part) if _ORGAN_END.search(part) else None
            if candidate:
                agency = candidate  # the last organ named: a government after its party committee
    stated = signature.stated_date
    return _Signature(agency, stated, _parse_dateline(stated) if stated else None)


def _parse_dateline(text: str) -> date | None:
    folded = unicodedata.normalize("NFKC", text)
    parts: tuple[int, int, int] | None = None
    if match := _ARABIC_DATE.search(folded):
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    elif match := _CHINESE_DATE.search(text):
        year = int("".join(str(_CHINESE_DIGITS[ch]) for ch in match.group(1)))
        parts = (year, _chinese_number(match.group(2)), _chinese_number(match.group(3)))
    elif match := _ISO_DATE.fullmatch(folded.strip()):
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if parts is None:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


_TENS = re.compile(r"([一二三])?十([一二三四五六七八九])?")


def _chinese_number(text: str) -> int:
    """一 … 三十一, as written in month and day numbers."""
    if match := _TENS.fullmatch(text):
        tens, units = match.groups()
        return _CHINESE_DIGITS.get(tens or "一", 0) * 10 + _CHINESE_DIGITS.get(units, 0)
    # Malformed ('十十', '一二') gives 0: no such month or day, so the date is refused.
    return _CHINESE_DIGITS.get(text, 0) if len(text) == 1 else 0


_YEAR_IN_TITLE = re.compile(
    r"((?:19|20)\d{2})(?:\s*年|(?=\s*(?:法治|法制|依法)))|([一二三四五六七八九〇○零]{4})年"
)
# What follows a year that starts a date, not a year (2023年1月23日).
_NOT_A_MONTH = r"(?!\s*[\d一二三四五六七八九十]{1,2}\s*月)"
# How an opening paragraph states its year: '2023年以来', '2023年,', '现将2022年…报告如下'.
_YEAR_IN_OPENING = (
    re.compile(r"现将[^。]{0,20}?((?:19|20)\d{2})\s*年"),
    # a line or sentence that starts with its year ('2022年西城区坚持…', '…必由之路。2024年,巨野河
    # 街道…'), not with a date
    re.compile(rf"(?:^|。)\s*((?:19|20)\d{{2}})\s*年{_NOT_A_MONTH}", re.MULTILINE),
    re.compile(r"((?:19|20)\d{2})\s*年(?:以来|度)"),
    # the first part's heading naming it ('今年以来,未央区…' then '一、2023年党政主要负责人履行…'; a
    # later part may be next year's plans)
    re.compile(rf"^\s*一、\s*((?:19|20)\d{{2}})\s*年{_NOT_A_MONTH}", re.MULTILINE),
)
# Last of all, the year whose rule-of-law work the opening sums up ('圆满达成2022年法治政府建设目标
# 任务'), not one a plan's title names ('《衡阳市2024年法治政府建设工作要点》').
_YEAR_OF_THE_WORK = re.compile(r"((?:19|20)\d{2})\s*年度?法治政府建设")
_YEAR_OPENING_CHARS = 500  # how much of the text's start may state its year
_EARLIEST_YEAR = 2000
# Reports on a year are signed and published in the first half of the following year.
_REPORTING_SEASON_LAST_MONTH = 6


def _report_year(
    page: Page, signed_on: date | None, warnings: list[str], address_day: date | None = None
) -> int:
    source = ""
    opening = page.text[:_YEAR_OPENING_CHARS]
    year = _title_year(page)
    if year is None:
        for pattern in _YEAR_IN_OPENING:
            if match := pattern.search(opening):
                year, source = int(match.group(1)), "正文开头"
                break
    if year is None and signed_on is not None:
        year, source = _year_before(signed_on), "落款日期"
    published, where = (
        (page.published_on, "发布日期") if page.published_on else (address_day, "网址中的发布日期")
    )
    if year is None and published and published.month <= _REPORTING_SEASON_LAST_MONTH:
        year, source = published.year - 1, where
    if year is None and (worked := _year_of_the_work(opening)):
        year, source = worked, "正文开头"
    if year is None:
        raise RejectedFile(
            "无法确定报告年度:标题、开头和落款都没有写明是哪一年的报告;请在上传时填写报告年度"
            " (no report year)"
        )
    if not _EARLIEST_YEAR <= year <= date.today().year:
        raise RejectedFile(
            f"报告年度 {year} 不合理(应在 {_EARLIEST_YEAR} 年至今年之间);如读错了,请在上传时填写报告年度"
            " (implausible report year)"
        )
    if source:
        warnings.append(f"报告年度 {year} 由{source}推断,标题未写明")
    return year


def _title_agency_elsewhere(page: Page, stated: str) -> str:
    """The issuer the title names when it lies in another place than the ``stated`` agency
    (neither place within the other: 城口县 against 潼南区林业局), else ""."""
    issuer = _agency_in_title(to_simplified(page.title or "")) or ""
    titled, named = resolve_place(issuer).place, resolve_place(to_simplified(stated)).place
    if titled is None or named is None or get_division_table().nested(titled.code, named.code):
        return ""
    return issuer


def _title_year(page: Page) -> int | None:
    """The report year the page's title names, or None."""
    if page.title and (match := _YEAR_IN_TITLE.search(page.title)):
        return int(match.group(1)) if match.group(1) else _chinese_year(match.group(2))
    return None


def _year_of_the_work(opening: str) -> int | None:
    """The year whose rule-of-law work ``opening`` names outside any document's title, or None."""
    for match in _YEAR_OF_THE_WORK.finditer(opening):
        if not _inside(opening, match.start(), "《》"):
            return int(match.group(1))
    return None


def _chinese_year(text: str) -> int:
    return int("".join(str(_CHINESE_DIGITS[ch]) for ch in text))


def _year_before(signed_on: date) -> int:
    if signed_on.month <= _REPORTING_SEASON_LAST_MONTH:
        return signed_on.year - 1
    return signed_on.year


def _check_dates(year: int, signed_on: date | None, warnings: list[str]) -> None:
    # A report on a year can be signed in its last weeks at the earliest.
    if signed_on is not None and signed_on < date(year, 11, 1):
        warnings.append(f"落款日期 {signed_on} 早于报告年度 {year} 结束")


def _possible_publication_day(year: int, published_on: date | None, warnings: list[str]) -> date | None:
    """The page's publication date when a report on ``year`` can have been published then: not
    before the year's last weeks, nor after today (a newspaper's page date, a mistyped year:
    2026-12-31 for a page whose address says 20251231). Else None, and the importer falls back
    to the day the page's address states."""
    if published_on is None:
        return None
    if published_on < date(year, 11, 1):
        warnings.append(f"发布日期 {published_on} 早于报告年度 {year} 结束,未采用")
    elif published_on > date.today():
        warnings.append(f"发布日期 {published_on} 晚于今天,未采用")
    else:
        return published_on
    return None
