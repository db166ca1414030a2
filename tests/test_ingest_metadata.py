"""Report facts (title, agency, kind, level, year, dates) from cleaned pages, and refusals (no database)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reports.ingest.decoding import decode_report_bytes
from reports.ingest.errors import RejectedFile
from reports.ingest.metadata import ReportFacts, detect_report_facts
from reports.ingest.page import Page, extract_page
from reports.ingest.pipeline import ReportOverrides, parse_report_file

SAMPLES = Path(__file__).parent / "samples"

# The metadata in shared/seeds/README.md, exactly.
EXPECTED_SEEDS = {
    "000_0bf6173844fdf9f5.txt": {
        "title": "重庆市綦江区交通局2023年法治政府建设情况报告",
        "agency_name": "重庆市綦江区交通局",
        "agency_kind": "department",
        "agency_level": "county",
        "year": 2023,
        "published_on": None,
        "signed_on": None,
    },
    "001_2a747604b19e6eb5.txt": {
        "title": "重庆市潼南区城市管理局关于2023年法治政府建设情况的报告",
        "agency_name": "重庆市潼南区城市管理局",
        "agency_kind": "department",
        "agency_level": "county",
        "year": 2023,
        "published_on": None,
        "signed_on": date(2024, 1, 23),
    },
    "002_93b0a848b4e38b69.txt": {
        "title": "吴忠市利通区2023年法治政府建设情况工作报告",
        "agency_name": "吴忠市利通区人民政府",
        "agency_kind": "government",
        "agency_level": "county",
        "year": 2023,
        "published_on": date(2024, 2, 28),
        "signed_on": None,
    },
    "003_dc28648a02efcf17.txt": {
        "title": "许昌市交通运输局2022年法治政府部门建设工作报告",
        "agency_name": "许昌市交通运输局",
        "agency_kind": "department",
        "agency_level": "city",
        "year": 2022,
        "published_on": date(2023, 3, 1),
        "signed_on": None,
    },
    "004_78ed85b0c485cc82.txt": {
        "title": "重庆市綦江区2021年度法治政府建设情况报告",
        "agency_name": "重庆市綦江区人民政府",
        "agency_kind": "government",
        "agency_level": "county",
        "year": 2021,
        "published_on": date(2022, 3, 22),
        "signed_on": None,  # '2022211日': characters lost in scraping
    },
}

# Reports written for these tests in the styles of other provinces.
EXPECTED_SYNTHETIC = {
    # 广东: no title on the page; the agency is named only in the opening paragraph and signature.
    "synthetic_guangdong_city_department_untitled.txt": {
        "title": "佛山市市场监督管理局2023年法治政府建设情况报告",
        "agency_name": "佛山市市场监督管理局",
        "agency_kind": "department",
        "agency_level": "city",
        "year": 2023,
        "published_on": date(2024, 3, 26),
        "signed_on": date(2024, 3, 18),
    },
    # 安徽, 2019: 第一部分 headings, the seven tasks of the 2015-2020 纲要, a Chinese-numeral date.
    "synthetic_county_2019_parts.txt": {
        "title": "黟县人民政府关于2019年度法治政府建设工作情况的报告",
        "agency_name": "黟县人民政府",
        "agency_kind": "government",
        "agency_level": "county",
        "year": 2019,
        "published_on": date(2020, 3, 27),
        "signed_on": date(2020, 3, 20),
    },
}


def facts_of_file(name: str) -> ReportFacts:
    path = SAMPLES / name
    raw = decode_report_bytes(path.read_bytes(), filename=path.name)
    return detect_report_facts(extract_page(raw, is_html=path.suffix == ".html"))


def fields(facts: ReportFacts) -> dict[str, object]:
    return {
        "title": facts.title,
        "agency_name": facts.agency_name,
        "agency_kind": facts.agency_kind,
        "agency_level": facts.agency_level,
        "year": facts.year,
        "published_on": facts.published_on,
        "signed_on": facts.signed_on,
    }


@pytest.mark.parametrize("name", sorted(EXPECTED_SEEDS))
def test_seed_report_facts_match_the_seed_readme(name):
    assert fields(facts_of_file(name)) == EXPECTED_SEEDS[name]


@pytest.mark.parametrize(
    "name", ["000_0bf6173844fdf9f5.txt", "001_2a747604b19e6eb5.txt", "002_93b0a848b4e38b69.txt"]
)
def test_clean_seed_reports_raise_no_warnings(name):
    assert facts_of_file(name).warnings == ()


def test_damaged_signature_date_gives_no_date_and_a_warning():
    facts = facts_of_file("004_78ed85b0c485cc82.txt")

    assert facts.signed_on is None
    assert any("2022211日" in warning for warning in facts.warnings)


def test_html_sample_gives_the_facts_of_its_saved_text():
    facts = facts_of_file("report_page.html")

    assert fields(facts) == EXPECTED_SEEDS["003_dc28648a02efcf17.txt"]


@pytest.mark.parametrize("name", sorted(EXPECTED_SYNTHETIC))
def test_reports_in_other_provinces_styles(name):
    assert fields(facts_of_file(name)) == EXPECTED_SYNTHETIC[name]


def test_untitled_report_says_where_its_title_agency_and_year_came_from():
    warnings = " ".join(facts_of_file("synthetic_guangdong_city_department_untitled.txt").warnings)

    assert "标题按机关和年度生成" in warnings
    assert "取自落款" in warnings
    assert "由正文开头推断" in warnings


# --- titles, agencies and levels -------------------------------------------------------------

BODY = "\n".join(
    [
        "2023年以来,我们坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,全面推进依法行政,法治政府建设取得新成效。现将有关情况报告如下:",
        "一、主要举措和成效",
        "(一)健全依法行政制度体系。严格规范性文件合法性审核,全年审核规范性文件12件,备案率100%。认真落实重大行政决策程序规定,法律顾问参与重大行政决策论证8次。",
        "(二)严格规范公正文明执法。全面落实行政执法公示、执法全过程记录、重大执法决定法制审核“三项制度”,开展行政执法案卷评查2次,组织执法人员培训6期。",
        "(三)依法化解矛盾纠纷。办理行政复议案件14件,行政应诉案件9件,行政机关负责人出庭应诉率100%。坚持和发展新时代“枫桥经验”,调解矛盾纠纷326件。",
        "(四)深入开展普法宣传。落实“谁执法谁普法”普法责任制,开展“八五”普法宣传活动30余场次,发放宣传资料5000余份。",
        "二、存在的不足和原因",
        "一是法治建设推进不够平衡;二是执法人员法治素养有待提高;三是行政执法监督力度仍需加强。",
        "三、2024年工作安排",
        "进一步加强党对法治政府建设的领导,深化“放管服”改革,提升行政执法质量,推动法治政府建设再上新台阶。",
    ]
)


def facts_for(title: str | None, text: str = BODY, **page_fields) -> ReportFacts:
    return detect_report_facts(Page(text=text, title=title, **page_fields))


@pytest.mark.parametrize(
    ("title", "stated", "flagged"),
    [
        ("重庆市城口县2021年度法治政府建设情况报告", "重庆市潼南区林业局", True),  # another county
        ("城口县2021年度法治政府建设情况报告", "重庆市城口县司法局", False),  # a bureau of it
        ("重庆市2021年度法治政府建设情况报告", "重庆市潼南区林业局", False),  # the city above it
        ("2021年度法治政府建设情况报告", "重庆市潼南区林业局", False),  # the title names none
        ("重庆市大足区2021年度法治政府建设情况报告", "重庆市綦江区司法局", True),  # 500111 beside 500110
    ],
)
def test_a_stated_agency_placed_elsewhere_than_the_title_says_is_taken_and_flagged(title, stated, flagged):
    """A 城口县 report typed in as 潼南区林业局's was filed so without a word."""
    facts = detect_report_facts(Page(text=BODY, title=title), agency=stated)

    assert facts.agency_name == stated
    assert ("标题写的是" in "".join(facts.warnings)) is flagged


def test_a_stated_year_the_title_contradicts_is_taken_and_flagged():
    """One year typed for a batch of mixed years filed a 2021 report as 2023 without a word."""
    page = Page(text=BODY, title="重庆市武隆区2021年度法治政府建设情况报告")

    facts = detect_report_facts(page, year=2023)

    assert facts.year == 2023
    assert "标题写的是2021年度,上传时填写的是2023年度" in "".join(facts.warnings)
    assert not any("标题写的是" in warning for warning in detect_report_facts(page, year=2021).warnings)


@pytest.mark.parametrize(
    ("title", "agency", "kind", "level", "year"),
    [
        ("浙江省司法厅2022年度法治政府建设工作报告", "浙江省司法厅", "department", "province", 2022),
        (
            "宁夏回族自治区人民政府关于2022年度法治政府建设情况的报告",
            "宁夏回族自治区人民政府",
            "government",
            "province",
            2022,
        ),
        ("北京市2022年法治政府建设年度情况报告", "北京市人民政府", "government", "province", 2022),
        ("重庆市交通局2023年法治政府建设情况报告", "重庆市交通局", "department", "province", 2023),
        (
            "深圳市市场监督管理局2022年法治政府建设年度报告",
            "深圳市市场监督管理局",
            "department",
            "city",
            2022,
        ),
        (
            "恩施土家族苗族自治州2023年法治政府建设情况报告",
            "恩施土家族苗族自治州人民政府",
            "government",
            "city",
            2023,
        ),
        # a league's 行政公署 is its government
        ("锡林郭勒盟行政公署2023年法治政府建设情况报告", "锡林郭勒盟行政公署", "government", "city", 2023),
        (
            "杭州市西湖区人民政府2023年法治政府建设工作报告",
            "杭州市西湖区人民政府",
            "government",
            "county",
            2023,
        ),
        ("上海市浦东新区2023年法治政府建设情况报告", "上海市浦东新区人民政府", "government", "county", 2023),
        ("金华市义乌市2022年法治政府建设情况报告", "金华市义乌市人民政府", "government", "county", 2022),
        (
            "酉阳土家族苗族自治县人民政府关于2023年度法治政府建设情况的报告",
            "酉阳土家族苗族自治县人民政府",
            "government",
            "county",
            2023,
        ),
        (
            "2023年度广州市天河区司法局法治政府建设工作报告",
            "广州市天河区司法局",
            "department",
            "county",
            2023,
        ),
        (
            "中共重庆市綦江区委 重庆市綦江区人民政府关于2021年度法治政府建设情况的报告",
            "重庆市綦江区人民政府",
            "government",
            "county",
            2021,
        ),
        ("郑州市金水区政府2023年法治政府建设情况报告", "郑州市金水区人民政府", "government", "county", 2023),
        (
            "中共长治市潞城区委长治市潞城区人民政府关于2025年度法治政府建设情况的报告",
            "长治市潞城区人民政府",
            "government",
            "county",
            2025,
        ),
        ("黟县人民政府关于二〇一九年度法治政府建设情况的报告", "黟县人民政府", "government", "county", 2019),
        (
            "晋中市榆次区人民政府2023年法治政府建设情况报告",
            "晋中市榆次区人民政府",
            "government",
            "county",
            2023,
        ),
        ("龙胜各族自治县2022年法治政府建设情况报告", "龙胜各族自治县人民政府", "government", "county", 2022),
        (
            "沁水县郑庄镇人民政府2024年法治政府建设情况报告",
            "沁水县郑庄镇人民政府",
            "government",
            "township",
            2024,
        ),
        ("郑庄镇人民政府2024年法治政府建设情况报告", "郑庄镇人民政府", "government", "township", 2024),
        (
            "泉州市鲤城区金龙街道办事处2022年法治政府建设工作报告",
            "泉州市鲤城区金龙街道办事处",
            "government",
            "township",
            2022,
        ),
        ("镇雄县人民政府2022年法治政府建设情况报告", "镇雄县人民政府", "government", "county", 2022),
        ("区市场监管局关于2023年法治政府建设情况的报告", "区市场监管局", "department", "county", 2023),
        (
            "湘潭县云湖桥镇2025年度法治政府建设情况报告",
            "湘潭县云湖桥镇人民政府",
            "government",
            "township",
            2025,
        ),
        ("谭家街道2025年法治建设报告", "谭家街道办事处", "government", "township", 2025),
        # The district's street office, not an office of the district's government.
        (
            "重庆市铜梁区人民政府东城街道办事处2023年法治政府建设工作报告",
            "重庆市铜梁区东城街道办事处",
            "government",
            "township",
            2023,
        ),
        # 新市 is no city here but the street's own name.
        ("新市街道办事处2023年法治政府建设工作报告", "新市街道办事处", "government", "township", 2023),
        (
            "湘潭縣雲湖橋鎮2025年度法治政府建設情況報告",
            "湘潭县云湖桥镇人民政府",
            "government",
            "township",
            2025,
        ),
        # the government's office, written out in full
        (
            "重庆市江北区政府办公室2023年法治政府建设情况报告",
            "重庆市江北区人民政府办公室",
            "department",
            "county",
            2023,
        ),
        ("司法部2021年法治政府建设年度报告", "司法部", "department", "national", 2021),
        (
            "中华人民共和国交通运输部关于2022年法治政府部门建设情况的报告",
            "交通运输部",
            "department",
            "national",
            2022,
        ),
        (
            "国家市场监督管理总局2023年法治政府建设年度报告",
            "国家市场监督管理总局",
            "department",
            "national",
            2023,
        ),
        # a year written without 年, an organ's other name in brackets, a party working committee
        ("深圳市宝安区司法局2021法治政府建设年度报告", "深圳市宝安区司法局", "department", "county", 2021),
        (
            "金华市应急管理局(人防办)关于2020年度法治政府建设工作情况的报告",
            "金华市应急管理局",
            "department",
            "city",
            2020,
        ),
        (
            "中共重庆市委教育工作委员会重庆市教育委员会2022年度法治政府建设情况报告",
            "重庆市教育委员会",
            "department",
            "province",
            2022,
        ),
        # a covering letter's title: the issuer of the report it sends (set 149)
        (
            "关于报送《上海市浦东新区司法局2023年度法治政府建设情况报告》的报告",
            "上海市浦东新区司法局",
            "department",
            "county",
            2023,
        ),
        # a hacked page's casino advertisement after the issuer (it made an agency of its own)
        (
            "渭南市人民政府澳门金沙城中心:2022年度法治政府建设工作情况的报告",
            "渭南市人民政府",
            "government",
            "city",
            2022,
        ),
        (
            "渭南市人民政府-澳门金沙城中心:2022年度法治政府建设报告",
            "渭南市人民政府",
            "government",
            "city",
            2022,
        ),
        # places of those names are no advertisement
        (
            "国家税务总局金沙县税务局2022年度法治政府建设报告",
            "国家税务总局金沙县税务局",
            "department",
            "county",
            2022,
        ),
        (
            "毕节市生态环境局金沙分局2022年度法治政府建设报告",
            "毕节市生态环境局金沙分局",
            "department",
            "city",
            2022,
        ),
    ],
)
def test_agency_kind_level_and_year_from_the_title(title, agency, kind, level, year):
    facts = facts_for(title)

    assert (facts.agency_name, facts.agency_kind, facts.agency_level, facts.year) == (
        agency,
        kind,
        level,
        year,
    )
    assert facts.title == title


def test_a_party_committee_leading_in_the_opening_is_not_the_reporting_agency():
    facts = facts_for(None, text="2022年,在市委的坚强领导下,鞍山市深入推进法治政府建设。\n" + BODY)
    assert facts.agency_name == "鞍山市人民政府"


def test_a_streets_party_committee_beside_its_office_is_not_the_reporting_agency():
    # set 176: filed as 新市街党工委 (a party committee) for 新市街道办事处
    opening = "2024年,在区委、区政府的正确领导下,新市街党工委、新市街道办事处坚持依法行政。"
    assert facts_for(None, text=opening + "\n" + BODY).agency_name == "新市街道办事处"


def test_an_organ_the_reporter_works_with_is_not_its_name():
    # set 177 (涪陵区卫健委, never naming itself): filed as 与区市场监督管理局, a partner in a sentence
    opening = (
        "一、主要举措及成效\n纳入委党委中心组学习5次。与区市场监管局等部门对4家医疗美容机构开展了监督检查。"
    )
    with pytest.raises(RejectedFile, match="找不到报告机关"):
        facts_for(None, text=opening + "\n" + BODY.replace("2023年以来,我们", "2023年以来,全委"))


def test_the_civil_aviation_administration_by_its_short_name_is_national():
    # set 181: refused as an organ named without its place
    facts = facts_for("2019年民航局法治政府建设工作情况")
    assert (facts.agency_name, facts.agency_level) == ("民航局", "national")


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        ("2024年,呼和浩特市聚焦办好民生实事,全面深化法治政府建设。", "呼和浩特市人民政府"),
        ("2023年,鞍山市举办法治政府建设推进会,全面推进依法行政。", "鞍山市人民政府"),
    ],
)
def test_a_verb_after_the_place_is_no_office_of_it(opening, agency):
    # 聚焦办 and 举办 end like an office (…办); they are the sentence going on.
    assert facts_for(None, text=opening + "\n" + BODY).agency_name == agency


@pytest.mark.parametrize(
    "opening",
    [
        "紧紧围绕市委部署,全市法治政府建设取得新成效。",
        "全市法治政府建设纳入省政府考核,成效明显。",
        "我乡在县委领导下,开展送法下乡,并邀请清流县人民法院法官授课。",
        "政务服务事项全程网办比例达到99%,在服务全市经济社会高质量发展大局中勇担当。",  # 全程网办, …大局
        "区政府和市司法局共同推进法治政府建设。",  # 区政府和市 is no place
        "现将2023年度县人民政府法治政府建设工作情况报告如下。",  # 度县: a word cut in two
        "2023年,各地各级人民政府坚持依法行政,接受省人民政府督查。",  # 各级, 接受: a sentence
    ],
)
def test_a_phrase_in_the_opening_is_not_taken_for_an_agency(opening):
    with pytest.raises(RejectedFile, match="找不到报告机关"):
        facts_for(None, text=opening + "\n" + BODY)


@pytest.mark.parametrize(
    "opening",
    [
        "2022年,司法部坚持以习近平法治思想为指导,全面推进依法行政。",
        # after the leadership it works under (set 98's 海关总署 and 交通运输部 were refused)
        "2024年,在党中央、国务院的坚强领导下,司法部坚持以习近平法治思想为指导。",
    ],
)
def test_a_ministry_named_as_the_subject_of_an_untitled_opening_is_national(opening):
    facts = facts_for(None, text=opening + "\n" + BODY)
    assert (facts.agency_name, facts.agency_kind, facts.agency_level) == ("司法部", "department", "national")


def test_a_central_organ_followed_by_a_place_is_that_places_branch_not_a_national_organ():
    facts = facts_for("国家税务总局北京市税务局2023年法治税务建设情况报告")
    assert (facts.agency_name, facts.agency_level) == ("国家税务总局北京市税务局", "province")


def test_a_title_naming_only_the_place_takes_the_fuller_government_name_of_the_text():
    text = BODY.replace("2023年以来,我们", "2023年,吴忠市利通区人民政府")

    facts = facts_for("利通区2023年法治政府建设情况工作报告", text)

    assert facts.agency_name == "吴忠市利通区人民政府"
    assert facts.agency_level == "county"


def test_a_department_is_named_as_in_its_signature_when_the_title_is_shorter():
    facts = facts_for("綦江区交通局2023年法治政府建设情况报告", BODY + "\n重庆市綦江区交通局\n2024年1月23日")

    assert facts.agency_name == "重庆市綦江区交通局"
    assert facts.signed_on == date(2024, 1, 23)


def test_opening_paragraph_names_the_agency_when_title_and_signature_do_not():
    text = BODY.replace("2023年以来,我们", "2023年以来,许昌市交通运输局")

    facts = facts_for(None, text)

    assert facts.agency_name == "许昌市交通运输局"
    assert facts.title == "许昌市交通运输局2023年法治政府建设情况报告"


def test_a_place_mentioned_before_the_agency_in_the_opening_is_not_taken_for_it():
    text = BODY.replace("2023年以来,我们", "2023年以来,重庆市潼南区城市管理局在区委、区政府的领导下")

    assert facts_for(None, text).agency_name == "重庆市潼南区城市管理局"


@pytest.mark.parametrize(
    "opening",
    [
        "2025年,市政府国资委在市委、市政府的坚强领导下,坚持依法行政,现将我委工作报告如下,我们",  # set 206
        "2016年,市政府法制办在市委、市政府的领导下,坚持依法行政,我们",  # set 160
    ],
)
def test_an_organ_named_after_its_government_is_not_the_government(opening):
    # both were filed as 武汉市人民政府 and 咸宁市人民政府; with no name of their own, refused
    with pytest.raises(RejectedFile, match="找不到报告机关"):
        facts_for(None, BODY.replace("2023年以来,我们", opening))


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        ("2021年,在市委、市政府的正确领导下,大鹏新区坚持以习近平法治思想为指导,我们", "大鹏新区管理委员会"),
        ("2024年,两江新区坚持以习近平新时代中国特色社会主义思想为指导,我们", "两江新区管理委员会"),
        ("2023年,重庆两江新区坚持依法行政,我们", "重庆两江新区管理委员会"),
    ],
)
def test_a_new_area_opening_the_text_is_its_subject(opening, agency):
    # sets 54, 103 and 208: refused for want of a name the division table knows
    assert facts_for(None, BODY.replace("2023年以来,我们", opening)).agency_name == agency


def test_an_organ_the_subject_works_under_is_not_the_subject():
    # set 181: a county bureau, named by its level alone, under its city's bureau; the county
    # portal's address places it
    opening = "2021年,县公安局在县委县政府和台州市公安局党委的坚强领导下,坚持依法行政,我们"
    text = BODY.replace("2023年以来,我们", opening)

    address = ReportOverrides(source_url="http://www.sanmen.gov.cn/art/2022/1/25/a.html")

    assert detect_report_facts(Page(text=text)).agency_name == "县公安局"
    parsed = parse_report_file(text.encode(), filename="sanmen.txt", overrides=address)
    assert parsed.agency_name == "台州市三门县公安局"


@pytest.mark.parametrize(
    "opening",
    [
        "2019年,在省委、省政府和市委、市政府的正确领导下,南昌县",
        "2019年,按照江西省和南昌市的部署,南昌县",
    ],
)
def test_an_opening_naming_only_its_place_means_that_places_government(opening):
    text = BODY.replace("2023年以来,我们", opening)

    facts = facts_for(None, text)

    assert facts.agency_name == "南昌县人民政府"
    assert facts.agency_kind == "government"


@pytest.mark.parametrize(
    ("opening", "agency", "level"),
    [
        ("2025年,郑庄镇在沁水县委、县政府的坚强领导下,我们", "沁水县郑庄镇人民政府", "township"),
        ("2024年,在县委、县政府的领导下,金鸡镇始终坚持依法行政,我们", "金鸡镇人民政府", "township"),
        ("现将黄桷坪街道2023年法治政府建设情况报告如下,我们", "黄桷坪街道办事处", "township"),
        ("2024年,钟楼区五星街道坚持依法行政,我们", "钟楼区五星街道办事处", "township"),
        # after a sentence on what the rule of law is (set 143)
        (
            "法治政府建设是全面推进依法治国的关键。2024年,钟楼区五星街道以法治为纲,我们",
            "钟楼区五星街道办事处",
            "township",
        ),
        ("2023年,清镇市坚持依法行政,我们", "清镇市人民政府", "city"),  # a city, not a town 清镇
        # the year spaced from 年, as text taken from a PDF often has it (set 139)
        ("2025 年,双龙乡坚持依法行政,我们", "双龙乡人民政府", "township"),
    ],
)
def test_a_town_or_street_an_opening_starts_with_is_its_subject(opening, agency, level):
    facts = facts_for(None, BODY.replace("2023年以来,我们", opening))

    assert (facts.agency_name, facts.agency_kind, facts.agency_level) == (agency, "government", level)


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        # the shortest place read first is a former county (梅县) or a banner (社旗): the 区 or 县
        # after it ends the name (sets 93, 137, 139)
        ("2025年是收官之年。一年来,梅县区坚持依法行政,我们", "梅县区人民政府"),
        ("2024年,社旗县认真贯彻落实党的二十大精神,我们", "社旗县人民政府"),
    ],
)
def test_a_place_opening_the_text_is_read_to_the_end_of_its_name(opening, agency):
    assert facts_for(None, BODY.replace("2023年以来,我们", opening)).agency_name == agency


def test_the_first_heading_naming_a_year_gives_the_year_an_opening_does_not():
    # set 148: 今年以来 in the opening, the year in the first heading
    opening = BODY.splitlines()[0]
    text = BODY.replace(opening, "今年以来,未央区坚持依法行政,取得了积极成效。").replace(
        "一、主要举措和成效", "一、2023年主要举措和成效"
    )
    assert facts_for("未央区人民政府关于法治政府建设情况的报告", text).year == 2023


def test_an_opening_that_says_only_this_year_still_names_its_subject():
    # set 144: the year is in the title, the opening says 今年
    text = BODY.replace("2023年以来,我们", "今年,在市委、市政府的正确领导下,市科技局全面贯彻,枣庄市")
    facts = facts_for("2023年度法治政府建设情况报告", text)
    assert (facts.agency_name, facts.year) == ("枣庄市科技局", 2023)


def test_words_ending_like_a_town_are_no_town():
    with pytest.raises(RejectedFile, match="找不到报告机关"):
        facts_for(None, BODY.replace("2023年以来,我们", "2023年,城乡融合发展,乡镇治理持续加强,我们"))


@pytest.mark.parametrize(
    ("opening", "agency", "kind"),
    [
        ("2020年,省统计局深入贯彻《河南省法治政府建设实施方案》,我们", "河南省统计局", "department"),
        ("2025年,在市委、市政府的正确领导下,市民政局坚持依法行政,常州市", "常州市民政局", "department"),
        # the opening also writes it out in full: that name, not the short one
        ("2023年,县应急局坚持依法行政,奉节县应急管理局获评先进,我们", "奉节县应急管理局", "department"),
        # no place of the organ's level named: not composed (区 is no city), nor the district's
        ("2024年,市司法局深入推进,越城区", "市司法局", "department"),
        # the organ presenting its own report, its office's address naming a district
        (
            "根据上级要求,现将市人社局2023年法治政府建设情况报告予以公开。"
            "如有疑问请联系(地址:天津市和平区建设路18号),我们",
            "天津市人社局",
            "department",
        ),
        (
            "根据督察工作规定,现将市政府办公室2022年度法治政府建设情况报告如下:保山市",
            "保山市人民政府办公室",
            "department",
        ),
    ],
)
def test_an_organ_named_by_its_level_takes_the_place_of_that_level(opening, agency, kind):
    facts = facts_for(None, BODY.replace("2023年以来,我们", opening))

    assert (facts.agency_name, facts.agency_kind) == (agency, kind)


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        ("2023年,南阳市深入贯彻落实习近平法治思想,西峡县综合执法机制入选全国示范项目,我们", "南阳市人民政府"),
        ("2023年,南陽市深入貫徹落實習近平法治思想,西峽縣綜合執法機制入選全國示範項目,我們", "南阳市人民政府"),
        ("2024年,东城区坚持依法行政,修订北京市权力清单动态调整管理办法,我们", "东城区人民政府"),
        ("荆门市第九届人民代表大会常务委员会:2023年以来,我们", "荆门市人民政府"),  # the addressee
    ],
)
def test_the_place_an_opening_starts_with_is_its_subject(opening, agency):
    text = BODY.replace("2023年以来,我们", opening)

    assert facts_for(None, text).agency_name == agency


# --- dates and years -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signature", "signed_on"),
    [
        ("重庆市潼南区城市管理局\n2024年1月23日", date(2024, 1, 23)),
        ("重庆市潼南区城市管理局\n2024年01月23日", date(2024, 1, 23)),
        ("重庆市潼南区城市管理局\n二〇二四年一月二十三日", date(2024, 1, 23)),
        ("重庆市潼南区城市管理局\n二○二三年十二月三十一日", date(2023, 12, 31)),
        ("重庆市潼南区城市管理局  2024年3月5日", date(2024, 3, 5)),
        ("重庆市潼南区城市管理局\n2024-02-05", date(2024, 2, 5)),
        ("重庆市潼南区城市管理局\n２０２４年２月５日", date(2024, 2, 5)),
        ("重庆市潼南区城市管理局\n2024年1月23日\n(此件公开发布)", date(2024, 1, 23)),
        ("重庆市潼南区城市管理局\n2022211日", None),
        ("重庆市潼南区城市管理局\n2024年2月30日", None),
        ("重庆市潼南区城市管理局\n二〇二三年十一月十日", date(2023, 11, 10)),
        ("重庆市潼南区城市管理局\n二〇二四年十十月三日", None),
    ],
)
def test_signature_date(signature, signed_on):
    facts = facts_for("重庆市潼南区城市管理局关于2023年法治政府建设情况的报告", f"{BODY}\n{signature}")

    assert facts.signed_on == signed_on
    assert facts.agency_name == "重庆市潼南区城市管理局"


def test_a_date_inside_the_last_paragraph_is_not_a_signature_date():
    facts = facts_for("重庆市潼南区城市管理局关于2023年法治政府建设情况的报告", f"{BODY}截至12月31日")

    assert facts.signed_on is None
    assert facts.warnings == ()


def test_publication_date_is_the_pages_never_the_signature_date():
    facts = facts_for(
        "重庆市潼南区城市管理局关于2023年法治政府建设情况的报告", f"{BODY}\nXX局\n2024年1月23日"
    )

    assert facts.published_on is None
    assert facts.signed_on == date(2024, 1, 23)


def test_report_year_comes_from_the_title_not_the_publication_date():
    facts = facts_for("重庆市綦江区2021年度法治政府建设情况报告", published_on=date(2022, 3, 22))

    assert facts.year == 2021


@pytest.mark.parametrize(
    ("opening", "year"),
    [
        ("2023年以来,我们", 2023),
        ("2022年,我们", 2022),
        ("2021年度,我们", 2021),
        ("一年来,我们现将2020年", 2020),
        # set 150: the year whose rule-of-law work it sums up, as a last resort
        ("一年来,我们圆满达成2022年法治政府建设目标任务,我们", 2022),
    ],
)
def test_report_year_from_the_opening_paragraph_when_the_title_has_none(opening, year):
    text = BODY.replace("2023年以来,我们", opening)

    facts = facts_for("重庆市綦江区交通局关于法治政府建设情况的报告", text)

    assert facts.year == year
    assert any("正文开头" in warning for warning in facts.warnings)


@pytest.mark.parametrize(("signed", "year"), [("2024年1月23日", 2023), ("2023年12月20日", 2023)])
def test_report_year_from_the_signature_date_when_nothing_else_states_it(signed, year):
    text = BODY.replace("2023年以来,我们", "今年以来,我们") + f"\n重庆市綦江区交通局\n{signed}"

    facts = facts_for("重庆市綦江区交通局关于法治政府建设情况的报告", text)

    assert facts.year == year
    assert any("落款日期" in warning for warning in facts.warnings)


def test_publication_before_the_report_year_ends_is_flagged():
    facts = facts_for("重庆市綦江区2023年度法治政府建设情况报告", published_on=date(2023, 3, 1))

    assert any("发布日期" in warning for warning in facts.warnings)


# --- refusals --------------------------------------------------------------------------------


def test_short_news_item_is_rejected_as_too_short():
    news = (
        "3月15日,区司法局在万达广场开展“3·15”消费者权益保护法治宣传活动,发放宣传资料500余份,"
        "现场解答群众法律咨询30余人次,进一步增强了群众依法维权意识。"
    )

    with pytest.raises(RejectedFile) as refusal:
        facts_for("区司法局开展3·15普法宣传活动", news)

    assert refusal.value.reason.startswith("不是法治政府建设年度报告")
    assert "过短" in refusal.value.reason
    assert "请上传报告的完整网页或文件" in refusal.value.reason  # what to do about it


ATTACHMENT_PAGE = """<html><head><title>綦江区2022年法治政府建设年度报告_重庆市綦江区人民政府</title></head>
<body><div class="nav">首页 > 政务公开 > 法治政府建设</div>
<h1>綦江区2022年法治政府建设年度报告</h1><div>发布时间:2023-03-28 来源:区司法局</div>
<div class="content"><p>附件:<a href="/uploads/2023/03/{href}">{label}</a></p></div>
</body></html>"""  # synthetic: how a site publishes a report as a file


@pytest.mark.parametrize(
    ("href", "label", "named"),
    [
        ("P020230328.pdf", "綦江区2022年法治政府建设年度报告.pdf", "綦江区2022年法治政府建设年度报告.pdf"),
        ("%E6%8A%A5%E5%91%8A.docx", "点击下载", "报告.docx"),  # the link says nothing: the file's name
    ],
)
def test_a_page_whose_report_is_a_linked_file_is_refused_naming_the_file(href, label, named):
    page = ATTACHMENT_PAGE.format(href=href, label=label)

    with pytest.raises(RejectedFile) as refusal:
        parse_report_file(page.encode(), filename="page.html")

    assert refusal.value.code == "report_in_attachment"
    assert f"报告应在页面的附件中({named})" in refusal.value.reason


def test_a_text_naming_its_attachment_is_refused_naming_it():
    text = "綦江区2022年法治政府建设年度报告\n附件:綦江区2022年法治政府建设年度报告.wps\n"

    with pytest.raises(RejectedFile) as refusal:
        parse_report_file(text.encode(), filename="page.txt")

    assert "附件中(綦江区2022年法治政府建设年度报告.wps)" in refusal.value.reason


def test_government_work_report_is_rejected_by_its_title():
    with pytest.raises(RejectedFile) as refusal:
        facts_of_file("synthetic_not_a_report_work_report.txt")

    assert refusal.value.reason.startswith("不是法治政府建设年度报告")
    assert "2024年政府工作报告" in refusal.value.reason


def test_an_opening_presenting_its_report_outweighs_a_title_cut_short():
    # set 146: a mirror kept only the end of the title
    text = BODY.replace(
        "2023年以来,我们", "2023年省应急管理厅坚持依法行政,现将我厅2023年法治政府建设情况报告如下。江苏省"
    )
    assert facts_for("建设工作情况的报告", text).agency_name == "江苏省应急管理厅"
    # a title on something else, with no such opening, is still refused
    with pytest.raises(RejectedFile, match="不涉及法治建设"):
        facts_for("建设工作情况的报告", BODY)


@pytest.mark.parametrize(
    "title",
    [
        "关于《清水县人民政府关于清水县2023年度法治政府建设工作总结的报告》的政策解读",
        "图解:许昌市2023年度法治政府建设情况报告",
        "甘南州人大常委会审议甘南州政府2020年法治政府建设工作情况报告",
    ],
)
def test_an_interpretation_of_a_report_is_rejected_as_commentary(title):
    with pytest.raises(RejectedFile) as refusal:
        facts_for(title, BODY)

    assert refusal.value.reason.startswith("不是法治政府建设年度报告")
    assert "不是报告本身" in refusal.value.reason


def test_government_work_report_without_title_is_rejected_for_lack_of_rule_of_law_content():
    page = extract_page((SAMPLES / "synthetic_not_a_report_work_report.txt").read_text(), is_html=False)

    with pytest.raises(RejectedFile) as refusal:
        detect_report_facts(Page(text=page.text, title=None))

    assert "过少" in refusal.value.reason or "未提及" in refusal.value.reason


@pytest.mark.parametrize(
    "title", ["重庆市綦江区2024年法治政府建设工作要点", "关于印发《2024年全面依法治区工作要点》的通知"]
)
def test_plans_and_notices_about_rule_of_law_are_not_reports(title):
    with pytest.raises(RejectedFile, match="其他类型的文件"):
        facts_for(title)


def test_report_without_any_named_agency_is_refused_asking_for_the_agency():
    with pytest.raises(RejectedFile) as refusal:
        facts_for("关于2023年法治政府建设情况的报告")

    # It is a report: the refusal says what is missing and how to supply it.
    assert refusal.value.reason.startswith("找不到报告机关")
    assert "请在上传时填写报告机关的全称" in refusal.value.reason


@pytest.mark.parametrize(
    "opening", ["今年以来,我们", "今年以来,我们落实《衡阳市2024年法治政府建设工作要点》,我们"]
)
def test_report_without_any_year_is_refused_asking_for_the_year(opening):
    # a plan's title names a year, but not the year reported on
    text = BODY.replace("2023年以来,我们", opening)

    with pytest.raises(RejectedFile) as refusal:
        facts_for("重庆市綦江区交通局关于法治政府建设情况的报告", text)

    assert refusal.value.reason.startswith("无法确定报告年度")
    assert "请在上传时填写报告年度" in refusal.value.reason


def test_damaged_text_is_flagged():
    facts = facts_for("重庆市綦江区交通局2023年法治政府建设情况报告", BODY + "\ufffd")

    assert any("U+FFFD" in warning for warning in facts.warnings)


def test_every_place_in_the_division_table_names_its_government():
    from reports.ingest.metadata import _normalise_agency
    from reports.regions import read_divisions

    unread = [d.name for d in read_divisions() if _normalise_agency(d.name + "人民政府") is None]
    assert unread == []


@pytest.mark.parametrize(
    ("opening", "agency", "level"),
    [
        # 区城市 is no place: the district's own 城市管理局, at county level.
        ("2024年,区城市管理局在区委、区政府的坚强领导下,深入贯彻习近平法治思想。", "区城市管理局", "county"),
        ("2022年,省司法厅坚持以习近平法治思想为指导。", "省司法厅", "province"),
    ],
)
def test_an_organ_named_by_its_level_alone_is_the_subject_when_no_place_is_named(opening, agency, level):
    # Its place may still come from the page's address (tests/test_region_hosts.py).
    facts = facts_for(None, text=opening + "\n" + BODY)
    assert (facts.agency_name, facts.agency_level) == (agency, level)


def test_a_party_group_prefix_is_not_part_of_the_organs_name():
    opening = "2025年,中共重庆市市场监督管理局党组、重庆市市场监督管理局以习近平法治思想为指导。"
    assert facts_for(None, text=opening + "\n" + BODY).agency_name == "重庆市市场监督管理局"


def test_an_organ_opening_by_its_level_takes_the_one_full_name_the_text_gives_it():
    opening = "2025年,区城市管理局坚持以习近平法治思想为指导,深入推进依法行政。"
    later = "印发《重庆市涪陵区城市管理局2025年法治政府建设工作要点》,明确任务分工。"
    two_names = later + "学习借鉴重庆市南岸区城市管理局的经验做法。"

    assert facts_for(None, text=f"{opening}\n{BODY}\n{later}").agency_name == "重庆市涪陵区城市管理局"
    assert facts_for(None, text=f"{opening}\n{BODY}\n{two_names}").agency_name == "区城市管理局"


@pytest.mark.parametrize(
    ("text", "title", "agency"),
    [
        # the title's organ, not the sentence that runs into it further on
        (
            "2023年,我局坚持依法行政,制定下发西安市退役军人事务局《关于加强法治文化建设的具体措施》。",
            "西安市退役军人事务局2023年法治政府建设年度报告",
            "西安市退役军人事务局",
        ),
        ("本报告由浦东新区人民政府编制,全文包括法治政府建设工作情况。", None, "浦东新区人民政府"),
    ],
)
def test_a_sentence_running_into_an_organs_name_is_not_part_of_it(text, title, agency):
    assert facts_for(title, text=text + "\n" + BODY).agency_name == agency


def test_a_department_speaking_of_itself_is_not_filed_as_the_government_of_a_place_it_names():
    # 我局 writes: the 许昌市 it mentions is where it works, not its name.
    opening = "2022年,我局在许昌市委、市政府的正确领导下,深入学习贯彻习近平法治思想。"

    with pytest.raises(RejectedFile, match="正文以“我局”自称,是某个部门的报告"):
        facts_for(None, text=opening + "\n" + BODY)
    assert facts_for(None, text=opening.replace("我局", "我市") + "\n" + BODY).agency_name == "许昌市人民政府"


def test_an_organ_a_department_praises_by_name_is_not_its_subject():
    # 广州市人社局's report (a real opening, shortened): the districts' bureaus it names won awards.
    opening = (
        "2023年,在市委、市政府的正确领导下,我局坚持以习近平新时代中国特色社会主义思想为指导,"
        "扎实推进法治人社建设。积极支持各区人社部门创先争优,海珠区人社局获评“全国人力资源社会保障系统"
        "先进集体”,南沙区南沙街劳动人事争议调解中心分获全国工作突出基层劳动人事争议调解组织。"
    )

    with pytest.raises(RejectedFile, match="正文以“我局”自称,是某个部门的报告"):
        facts_for(None, text=opening + "\n" + BODY)


def test_an_organ_merged_into_the_reporter_is_not_its_name():
    # set 106 (武汉市硚口区住房和城市更新局, no title): 划入区 read as a place filed the report
    # as 武汉市硚口区划入区住房保障和房屋管理局; an untitled 我局 opening is refused instead
    opening = (
        "于2024年6月组建区住房和城市更新局,划入区住房保障和房屋管理局、区城区改造更新局职责,"
        "划入区建设局市政基础设施建设管理等职责。机构组建后,我局坚持以习近平新时代中国特色社会主义思想为指导。"
    )

    with pytest.raises(RejectedFile, match="正文以“我局”自称,是某个部门的报告"):
        facts_for(None, text=opening + "\n" + BODY)


def test_an_organ_named_inside_a_documents_title_is_not_the_reporter():
    # set 116 (上海市体育局, no title) was filed as 上海市青少年高水平运动队, the start of a rule's name
    opening = (
        "2024年,我局认真贯彻落实《法治政府建设实施纲要(2021-2025年)》。市体育局会同相关部门印发了"
        "《上海市青少年高水平运动队申报认定管理办法》。"
    )

    with pytest.raises(RejectedFile, match="正文以“我局”自称,是某个部门的报告"):
        facts_for(None, text=opening + "\n" + BODY)
    # a report's own title, quoted, still names its organ
    presented = "现将《上海市体育局2024年法治政府建设情况报告》公布如下。"
    assert facts_for(None, text=presented + "\n" + BODY).agency_name == "上海市体育局"


def test_a_department_speaking_of_itself_is_not_the_organ_whose_document_it_follows():
    # set 190 (广东省市场监督管理局): filed as the province's 依法行政工作领导小组办公室, whose notice
    # it follows; its own document's title still names it (set 36: 我委印发了《…卫生健康委员会…》)
    follows = (
        "根据《广东省依法行政工作领导小组办公室关于印发广东省法治政府建设情况定期报告规定的通知》要求,"
        "现将我局2019年度法治政府建设情况报告如下:"
    )
    with pytest.raises(RejectedFile, match="正文以“我局”自称"):
        facts_for(None, text=follows + "\n" + BODY)
    made = "2022年,我委印发了《重庆市开州区卫生健康委员会关于进一步加强规范性文件管理的通知》。"
    assert facts_for(None, text=made + "\n" + BODY).agency_name == "重庆市开州区卫生健康委员会"


def test_a_document_numbers_issuer_code_is_no_agency():
    opening = "按照《关于报送法治政府建设情况报告的通知》(泸治县办〔2022〕3号)要求,现将有关情况报告如下。"

    with pytest.raises(RejectedFile, match="找不到报告机关"):
        facts_for(None, text=opening + "\n" + BODY)


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        # the city above the one district it names
        ("2024年,我市坚持以习近平法治思想为指导,潞州区获评全省法治政府建设示范区。", "长治市人民政府"),
        # the city above two places of its own, not the county-level city among them
        ("2025年,市政府坚持依法行政,赤坎区、吴川市法治政府建设取得新成效。", "湛江市人民政府"),
        # a county-level city speaking: every other place named lies above it
        ("2020年,市政府全面落实《江西省法治政府建设纲要》和《乐平市法治政府建设纲要》。", "乐平市人民政府"),
        # the place after the leadership clause, not the districts praised after it
        (
            "2020年,在省委、省政府坚强领导下,临沂市始终坚持依法行政,兰山区、沂水县被评为全省示范县(区)。",
            "临沂市人民政府",
        ),
    ],
)
def test_a_government_speaking_of_itself_by_its_level_is_the_one_at_that_level(opening, agency):
    assert facts_for(None, text=opening + "\n" + BODY).agency_name == agency


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        # a county government naming only its city's plan is no city's government
        ("2020年,我县全面贯彻《眉山市法治政府建设实施方案》确定的目标任务。", "县人民政府"),
        (
            "2022年以来,在市委市政府和县委的坚强领导下,县政府坚持《浙江省法治政府建设实施纲要》。",
            "县人民政府",
        ),
        ("2024年,在市委、市政府的坚强领导下,我区践行《宝鸡市2024年法治政府建设工作要点》。", "区人民政府"),
        # 和县 read across a word break is no county named
        ("2020年,我县认真落实省委市委的决策部署和县委关于法治政府建设的工作安排。", "县人民政府"),
    ],
)
def test_a_government_speaking_of_itself_names_no_other_level_when_its_own_is_not_named(opening, agency):
    # Named by its level alone: the page's address may place it, or the importer refuses it.
    assert facts_for(None, text=opening + "\n" + BODY).agency_name == agency


@pytest.mark.parametrize(
    ("title", "agency"),
    [
        ("山东青岛市农业农村局2025年法治政府建设情况报告(农法日记)", "山东省青岛市农业农村局"),  # set 118
        ("黑龙江哈尔滨市司法局2022年法治政府建设情况报告", "黑龙江省哈尔滨市司法局"),
        ("吉林市司法局2023年法治政府建设情况报告", "吉林市司法局"),  # 吉林 is also the city's name
    ],
)
def test_a_provinces_short_name_before_a_place_of_it_is_read_as_the_province(title, agency):
    assert facts_for(title).agency_name == agency


def test_a_zone_named_by_its_kind_after_its_city_is_an_agency():
    # set 74: 示范区 read as prose (示范) and the report was refused
    facts = facts_for("中共开封市示范区工委 开封市示范区管委会2024年度法治政府建设情况的报告")

    assert facts.agency_name == "开封市示范区管委会"


def test_the_whole_province_in_a_title_is_no_place_and_the_opening_names_it():
    # set 123: filed as 全省人民政府 and placed by the address's letters in 四方台区
    opening = "2018年,黑龙江省坚持以习近平新时代中国特色社会主义思想为指导。"
    facts = facts_for("关于2018年度全省法治政府建设工作情况的报告", text=opening + "\n" + BODY)

    assert facts.agency_name == "黑龙江省人民政府"


def test_a_town_is_not_read_from_the_leadership_an_opening_works_under():
    # set 122: '在镇党委…的监督支持下' made a town called 在镇
    opening = "2025年以来,在雷州市委、市政府的坚强领导下,在镇党委、镇人大的监督支持下,我镇政府坚持依法行政。"

    with pytest.raises(RejectedFile, match="正文以“我镇”自称"):
        facts_for(None, text=opening + "\n" + BODY)
    later = opening.replace("我镇政府", "东里镇")
    assert facts_for(None, text=later + "\n" + BODY).agency_name == "雷州市东里镇人民政府"


def test_a_title_starting_with_guanyu_names_the_place_before_its_year():
    facts = facts_for("关于牡丹江市2022年度法治政府建设工作情况的报告")

    assert (facts.agency_name, facts.year) == ("牡丹江市人民政府", 2022)


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        ("今年以来,我旗坚持依法行政,乌审旗法治政府建设取得新成效。", "乌审旗人民政府"),
        ("根据督察工作规定,现将铜仁市2024年度法治政府建设情况报告如下。", "铜仁市人民政府"),
        ("这一年,唐山市委、市政府以习近平法治思想为指导,全面推进依法行政。", "唐山市人民政府"),
        ("2021年是“十四五”全面建设法治政府的开局之年,长治市深入学习贯彻习近平法治思想。", "长治市人民政府"),
        # the year described at length, naming three plans (set 120)
        (
            "区委、区政府:\n2025年是贯彻实施《法治政府建设实施纲要(2021-2025年)》《北京市法治政府建设实施意见"
            "(2021-2025年)》《西城区法治政府建设规划(2021-2025年)》的收官之年,区司法局坚持依法行政。",
            "西城区司法局",  # the place its 区 stands for: the pipeline makes it 北京市西城区司法局
        ),
        ("2021年,深圳坚持以习近平新时代中国特色社会主义思想为指导。", "深圳市人民政府"),
        ("2023年,在省委、省政府和市委坚强领导下,全市各级行政机关坚持依法行政,景德镇市", "景德镇市人民政府"),
        # the line it is addressed to is no subject; the opening after it names one
        (
            "中共长沙市委、长沙市人民政府:\n2022年,在市委、市政府的坚强领导下,开福区坚持依法行政。",
            "开福区人民政府",
        ),
        ("中共三明市委、三明市人民政府:\n2023年,我县坚持依法行政。", "县人民政府"),
        # …also on a page that lost its line breaks (sets 124, 196)
        ("中共嘉兴市委、嘉兴市人民政府: 2022年,海宁市坚持以习近平法治思想为指导。", "海宁市人民政府"),
        # presenting its report (sets 26, 41, 74): its address may then place it
        (
            "根据《法治政府建设与责任落实督察工作规定》要求,现将省政府2022年度法治政府建设情况报告如下。",
            "省人民政府",
        ),
        ("2024年,在安义县委、县政府的正确领导下,石鼻镇全镇上下坚持依法行政。", "安义县石鼻镇人民政府"),
        # its party committee and government by their level, then 办法 (rules), no office
        ("2025年,县委、县政府坚持依法行政,落实《金平县党政主要负责人述法办法》。", "金平县人民政府"),
        # a bureau's branch in a county is the branch
        ("2025年,岳阳市生态环境局岳阳县分局(以下简称“我局”)坚持依法行政。", "岳阳市生态环境局岳阳县分局"),
        # set 152: the branch named by its seat's short name
        ("现将常德市生态环境局桃源分局2023年度法治政府建设工作情况报告如下:", "常德市生态环境局桃源分局"),
    ],
)
def test_the_subject_an_opening_states_is_its_agency(opening, agency):
    assert facts_for(None, text=opening + "\n" + BODY).agency_name == agency


@pytest.mark.parametrize(
    "opening",
    [
        # a department's report that never names itself: not the government of the city it names
        "2024年,全市卫生健康法治建设工作以习近平法治思想为指导,对照《2024年苏州市法治政府建设工作要点》。",
        # 朝阳 is a city and a district of Beijing: no subject
        "2021年,朝阳坚持以习近平新时代中国特色社会主义思想为指导。",
        # the leadership it works under is no subject
        "2022年,在长治市委、市政府的坚强领导下,全面推进依法行政。",
        # a department's whole system speaks (set 160), not the city's government
        "上海市教育系统深入贯彻落实法治政府建设的各项要求,现将2019年度教育法治工作情况报告如下:",
        # a department's field of law (set 164), not the province's government
        "2025年福建省人力资源和社会保障法治工作的总体要求是:全面贯彻落实党的二十大精神。",
        # a department speaking as 我局/我厅 reports, not a government it names (sets 113, 141, 160)
        "2020年,我局以习近平法治思想为指导,明确全区行政职权5737项,制定区政府年度重大行政决策事项目录。",
        "2019年,在省委、省政府坚强领导下,我厅认真贯彻落实《四川省人民政府2019年度法治政府建设重点工作安排》。",
        # a unit in a quoted project's name is what the project is about (set 158)
        "2025年,新区司法局坚持依法行政,成功申报“金普新区社会治安综合治理中心规范化建设”为省级重点项目。",
    ],
)
def test_a_place_an_opening_only_mentions_is_not_its_agency(opening):
    with pytest.raises(RejectedFile, match="找不到报告机关"):
        facts_for(None, text=opening + "\n" + BODY)


SPEAKS_AS_BUREAU = "2023年,我局坚持以习近平法治思想为指导,全面推进依法行政。"
SHORTCOMINGS = "二、存在的不足\n部分干部运用法治思维的能力有待提高。"


@pytest.mark.parametrize(
    ("address", "speaks", "agency"),
    [
        # sets 36, 77, 113, 116, 141, 160: a department's own sub-site names it, where its organ
        # is named alike everywhere
        ("https://jtj.ezhou.gov.cn/xxgk/t20240104_605894.html", "我局", "鄂州市交通运输局"),
        ("http://jtt.sc.gov.cn/jtt/c101/2024/3/1/a.shtml", "我厅", "四川省交通运输厅"),
        ("https://yjglj.sh.gov.cn/xxgk/2024/a.html", "我局", "上海市应急管理局"),  # a municipality's 局
    ],
)
def test_a_department_speaking_as_wo_ju_is_named_by_its_own_sites_address(address, speaks, agency):
    text = BODY.replace("我们坚持", f"{speaks}坚持") + "\n加强交通运输、应急管理执法。"

    facts = detect_report_facts(Page(text=text), source_url=address)

    assert facts.agency_name == agency
    assert any("据来源网址" in warning for warning in facts.warnings)


def test_a_committee_speaking_as_wo_wei_is_named_by_its_own_sites_address():
    # set 206: 市政府国资委 speaking as 我委, on gzw.wuhan.gov.cn (was filed as 武汉市人民政府)
    text = BODY.replace("我们坚持", "我委坚持") + "\n推进国资监管机构与出资企业法治建设。"

    facts = detect_report_facts(Page(text=text), source_url="https://gzw.wuhan.gov.cn/ztzl_69/a.html")

    assert facts.agency_name == "武汉市国有资产监督管理委员会"
    with pytest.raises(RejectedFile, match="找不到报告机关"):  # a bureau is no committee
        detect_report_facts(
            Page(text=text.replace("我委", "我局")), source_url="https://gzw.wuhan.gov.cn/a.html"
        )


@pytest.mark.parametrize(
    ("address", "speaks"),
    [
        ("https://jtj.ezhou.gov.cn/a.html", "我厅"),  # a city's bureau is no 厅
        ("https://swj.ezhou.gov.cn/a.html", "我局"),  # 商务局 or 税务局: no one organ
        ("https://sfj.ezhou.gov.cn/a.html", "我局"),  # the text never writes of its field
        ("https://www.ezhou.gov.cn/a.html", "我局"),  # the city's portal: no department named
    ],
)
def test_an_address_that_does_not_name_the_speaking_department_names_nothing(address, speaks):
    text = BODY.replace("我们坚持", f"{speaks}坚持").replace("司法", "")

    with pytest.raises(RejectedFile, match="找不到报告机关"):
        detect_report_facts(Page(text=text), source_url=address)


def test_a_bureau_speaking_as_wo_ju_is_the_one_bureau_whose_own_document_the_text_names():
    # sets 62, 77, 81, 96 and others: past the opening, titles of documents the bureau says it
    # made open with its name
    made = "制定《海口市审计局2023年法治建设工作要点》,落实《海南省行政复议条例》。"
    text = f"{SPEAKS_AS_BUREAU}\n{BODY}\n{made}\n{SHORTCOMINGS}"

    facts = facts_for(None, text=text)

    assert facts.agency_name == "海口市审计局"
    assert any("它制定的文件标题" in warning for warning in facts.warnings)


def test_a_town_speaking_as_wo_zhen_is_the_town_whose_own_document_the_text_names():
    # sets 63 and 161: 出台《道滘镇2020年依法行政工作要点》
    opening = "2020年,我镇坚持以习近平法治思想为指导,全面推进依法行政。"
    made = "出台《道滘镇2020年依法行政工作要点》,明确工作任务。"

    facts = facts_for(None, text=f"{opening}\n{BODY}\n{made}\n{SHORTCOMINGS}")

    assert facts.agency_name == "道滘镇人民政府"


def test_a_bureau_speaking_as_wo_ju_is_named_by_the_pages_publisher_row():
    # set 118: the metadata table's 发布机构
    facts = facts_for(None, text=f"{SPEAKS_AS_BUREAU}\n{BODY}", publisher="温州市自然资源和规划局")

    assert facts.agency_name == "温州市自然资源和规划局"


@pytest.mark.parametrize(
    "named",
    [
        # two bureaus' documents: which one speaks is not said
        "制定《海口市审计局工作要点》,印发《海口市财政局工作规程》。",
        # a government's document, or one it only carries out, names no bureau of its own
        "印发《海口市人民政府工作要点》,落实《海口市审计局工作要点》。",
    ],
)
def test_a_bureau_speaking_as_wo_ju_is_refused_unless_one_document_of_its_own_names_it(named):
    with pytest.raises(RejectedFile, match="正文以“我局”自称"):
        facts_for(None, text=f"{SPEAKS_AS_BUREAU}\n{BODY}\n{named}\n{SHORTCOMINGS}")


@pytest.mark.parametrize(
    "opening",
    [
        "2023年,我镇在大方县委、县政府的坚强领导下,深入推进依法行政。",
        # the county government named in a plan the town follows is not the town
        "2024年,我乡认真贯彻落实《渠县人民政府2024年法治政府建设重点工作安排》,依法行政。",
    ],
)
def test_a_town_speaking_of_itself_is_not_filed_as_its_countys_government(opening):
    with pytest.raises(RejectedFile, match="是某个乡镇\\(街道\\)的报告"):
        facts_for(None, text=opening + "\n" + BODY)


def test_the_year_a_line_starts_with_beats_a_year_the_text_mentions():
    opening = "2022年西城区坚持依法行政,完成2021年度法治政府建设评估。"
    dated = "2023年4月27日在区人大常委会会议上\n区政府坚持依法行政,完成2022年度法治政府建设评估。"

    assert facts_for("西城区人民政府法治政府建设情况报告", BODY.replace(BODY[:60], opening)).year == 2022
    # a date is no report year: the year of the work it reports is
    assert facts_for("西城区人民政府法治政府建设情况报告", BODY.replace(BODY[:60], dated)).year == 2022


def test_a_title_naming_the_report_decides_however_little_rule_of_law_vocabulary_the_text_has():
    plain = "全年办理群众来信来访事项。完善工作台账,加强队伍建设,推进各项工作有序开展。" * 12

    facts = facts_for("天津市宝坻区人民政府2022年法治政府建设情况报告", plain)

    assert (facts.agency_name, facts.year) == ("天津市宝坻区人民政府", 2022)
    with pytest.raises(RejectedFile, match="法治建设相关词语过少"):
        facts_for("天津市宝坻区2022年法治宣传活动情况", plain + "依法行政。")


def test_a_first_part_headed_by_the_reports_subject_decides_too():
    # set 166: an opening cut after a section on licensing reform, under 一、2020年法治政府建设情况
    plain = "全年办理群众来信来访事项。完善工作台账,加强队伍建设,推进各项工作有序开展。" * 12
    opening = "2020年,三亚市坚持依法行政,取得积极成效。\n一、2020年法治政府建设情况\n"

    assert facts_for(None, opening + plain).agency_name == "三亚市人民政府"
    with pytest.raises(RejectedFile, match="法治建设相关词语过少"):
        facts_for(None, opening.replace("一、2020年法治政府建设情况", "一、2020年信访工作情况") + plain)


def test_a_clerks_job_title_is_no_office():
    # set 110: 重庆市人力社保系统行政办事员(窗口服务人员)职业技能大赛 was read as the office 行政办
    text = BODY.replace(
        "2023年以来,我们坚持", "2023年,我局干部获重庆市人力社保系统行政办事员职业技能大赛三等奖,坚持"
    )

    with pytest.raises(RejectedFile, match="找不到报告机关"):
        facts_for(None, text=text)


def test_rule_of_law_words_written_in_traditional_characters_count():
    # 執法, 復議, 規範性文件, 顧問 are the vocabulary too (mirrors of Hong Kong and Taiwan sites)
    traditional = (
        "全年堅持依法行政。"
        + "開展行政執法檢查,辦理行政復議案件,審核規範性文件,聘請法律顧問,化解矛盾糾紛。" * 12
    )

    facts = facts_for("天津市寶坻區2022年法治工作情況", traditional)

    assert facts.year == 2022


def test_a_longer_name_in_the_text_completes_the_title_only_with_places():
    text = BODY.replace("2023年以来,我们", "2023年,为全面总结工作,特编制贵州省教育厅年度报告。我们")

    assert facts_for("贵州省教育厅2022年度法治政府建设报告", text).agency_name == "贵州省教育厅"


def test_an_unknown_province_or_city_word_is_prose_not_a_place():
    opening = "2024年,我厅依法履职,协助省人大常委会开展立法调研,"
    with pytest.raises(RejectedFile, match="正文以“我厅”自称"):
        facts_for("关于2024年度法治政府建设情况的报告", BODY.replace("2023年以来,我们", opening))


def test_an_untitled_text_that_never_says_it_reports_is_refused_asking_whether_it_is_one():
    news = (
        "3月15日,区司法局联合区市场监管局在中心广场开展“八五”普法宣传活动,现场发放宣传资料"
        "1200余份,解答群众法律咨询86人次,进一步提升了群众的法治意识,推进法治政府建设。" * 6
    )

    with pytest.raises(RejectedFile, match="请先确认这是年度报告"):
        facts_for(None, text=news)


def test_a_zone_named_after_its_city_opening_the_text_is_its_subject_not_an_organ_it_mentions():
    opening = (
        "市委、市政府:\n一年来,长春新区坚持以习近平法治思想为引领,认真贯彻落实省、市关于法治政府建设的安排部署。\n"
        "一、2024年度推进法治政府建设的主要举措和成效\n对省二实验、吉林大学与新区管委会合作办学等重大行政决策进行审核。\n"
    )

    assert facts_for(None, text=opening + BODY).agency_name == "长春新区管理委员会"
    # sets 45 and 61: the zone's own name read as the place 郑州 and a zone 高新区 (refused)
    zhengzhou = "2022年,在郑州市委、市政府的正确领导下,郑州高新区以习近平新时代中国特色社会主义思想为指导。\n"
    assert facts_for(None, text=zhengzhou + BODY).agency_name == "郑州高新区管理委员会"


def test_an_autonomous_prefecture_named_with_自治_but_without_its_nationalities_is_placed():
    text = "湘西自治州生态环境局凤凰分局 2024年度法治政府建设的报告\n" + BODY
    address = ReportOverrides(source_url="http://www.fhzf.gov.cn/zwgk/t20250108_2215250.html")

    parsed = parse_report_file(text.encode(), filename="fh.txt", overrides=address)

    assert parsed.place is not None and parsed.place.name == "凤凰县"
    assert parsed.agency_name == "湘西土家族苗族自治州生态环境局凤凰分局"


@pytest.mark.parametrize(
    ("title_agency", "agency", "place"),
    [
        ("大连海事局", "大连海事局", "大连市"),  # a city's short form before 海事局 (set 181: 厦门)
        ("中华人民共和国深圳海事局", "深圳海事局", "深圳市"),
        ("江苏海事局", "江苏海事局", "江苏省"),  # was filed as 江苏省海事局, a name it never had
        ("深圳海关", "深圳海关", "深圳市"),  # 海关 ends an organ's name
        ("黄埔海关", "黄埔海关", "黄埔区"),
    ],
)
def test_a_customs_or_maritime_office_of_the_state_is_placed_and_keeps_its_own_name(
    title_agency, agency, place
):
    text = f"{title_agency}2022年法治政府建设情况报告\n" + BODY

    parsed = parse_report_file(text.encode(), filename="office.txt", overrides=ReportOverrides())

    assert (parsed.agency_name, parsed.place.name if parsed.place else None) == (agency, place)
