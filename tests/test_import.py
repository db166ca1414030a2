"""import_report and the import_reports command, against real PostgreSQL and the real seed files."""

from __future__ import annotations

import json
import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from reports.ingest import ImportStatus, ReportOverrides, import_report, parse_report_file
from reports.ingest.errors import RejectedFile
from reports.ingest.pipeline import VERSION_OVERLAP, text_overlap
from reports.models import Agency, Region, Report, Section, SourceFile
from reports.search import search_page

SAMPLES = Path(__file__).parent / "samples"
SEEDS = sorted(SAMPLES.glob("0*.txt"))

# The metadata in shared/seeds/README.md, which the importer must reproduce exactly.
EXPECTED_SEEDS = {
    "000_0bf6173844fdf9f5.txt": {
        "title": "重庆市綦江区交通局2023年法治政府建设情况报告",
        "agency": "重庆市綦江区交通局",
        "kind": "department",
        "level": "county",
        "chain": ["重庆市", "綦江区"],
        "code": "500110",
        "year": 2023,
        "published_on": None,
    },
    "001_2a747604b19e6eb5.txt": {
        "title": "重庆市潼南区城市管理局关于2023年法治政府建设情况的报告",
        "agency": "重庆市潼南区城市管理局",
        "kind": "department",
        "level": "county",
        "chain": ["重庆市", "潼南区"],
        "code": "500152",
        "year": 2023,
        "published_on": None,
        "signed_on": date(2024, 1, 23),
    },
    "002_93b0a848b4e38b69.txt": {
        "title": "吴忠市利通区2023年法治政府建设情况工作报告",
        "agency": "吴忠市利通区人民政府",
        "kind": "government",
        "level": "county",
        "chain": ["宁夏回族自治区", "吴忠市", "利通区"],
        "code": "640302",
        "year": 2023,
        "published_on": date(2024, 2, 28),
        "publisher": "利通区司法局",
    },
    "003_dc28648a02efcf17.txt": {
        "title": "许昌市交通运输局2022年法治政府部门建设工作报告",
        "agency": "许昌市交通运输局",
        "kind": "department",
        "level": "city",
        "chain": ["河南省", "许昌市"],
        "code": "411000",
        "year": 2022,
        "published_on": date(2023, 3, 1),
    },
    "004_78ed85b0c485cc82.txt": {
        "title": "重庆市綦江区2021年度法治政府建设情况报告",
        "agency": "重庆市綦江区人民政府",
        "kind": "government",
        "level": "county",
        "chain": ["重庆市", "綦江区"],
        "code": "500110",
        "year": 2021,
        "published_on": date(2022, 3, 22),
    },
}


def table_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Agency, SourceFile, Report, Section)}


def import_sample(name: str, **kwargs):
    path = SAMPLES / name
    return import_report(path.read_bytes(), filename=path.name, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("filename", sorted(EXPECTED_SEEDS))
def test_seed_report_metadata_matches_the_seed_readme(filename):
    expected = EXPECTED_SEEDS[filename]

    outcome = import_sample(filename)

    assert outcome.status is ImportStatus.CREATED, outcome.reason
    report = Report.objects.select_related("agency__region").get(pk=outcome.report_id)
    assert report.title == expected["title"]
    assert report.agency.name == expected["agency"]
    assert report.agency.kind == expected["kind"]
    assert report.agency.level == expected["level"]
    assert [region.name for region in report.agency.region.ancestors_and_self()] == expected["chain"]
    assert report.agency.region.code == expected["code"]
    assert report.year == expected["year"]
    assert report.published_on == expected["published_on"]
    if "signed_on" in expected:
        assert report.signed_on == expected["signed_on"]
    if "publisher" in expected:
        assert report.publisher == expected["publisher"]


@pytest.mark.django_db
def test_imported_sections_are_stored_in_order_with_offsets_into_the_text():
    outcome = import_sample("002_93b0a848b4e38b69.txt")
    report = Report.objects.get(pk=outcome.report_id)
    sections = list(report.sections.order_by("position"))

    assert sections[0].label == "preamble"
    top_labels = [s.label for s in sections if s.level == 1]
    assert top_labels == ["measures", "problems", "next_steps"]
    for section in sections:
        assert section.heading in report.text[section.start : section.end]
    assert [s.start for s in sections] == sorted(s.start for s in sections)


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing():
    first = import_sample("000_0bf6173844fdf9f5.txt")
    before = table_counts()

    again = import_sample("000_0bf6173844fdf9f5.txt")

    assert again.status is ImportStatus.UNCHANGED
    assert again.report_id == first.report_id
    assert table_counts() == before


@pytest.mark.django_db
def test_same_text_in_another_encoding_is_a_duplicate_and_stores_nothing():
    first = import_sample("003_dc28648a02efcf17.txt")
    before = table_counts()
    gbk_bytes = (SAMPLES / "003_dc28648a02efcf17.txt").read_text(encoding="utf-8").encode("gb18030")

    outcome = import_report(gbk_bytes, filename="xuchang-gbk.txt")

    assert outcome.status is ImportStatus.DUPLICATE
    assert outcome.report_id == first.report_id
    assert table_counts() == before


@pytest.mark.django_db
def test_the_same_report_in_traditional_characters_is_a_duplicate():
    first = import_sample("003_dc28648a02efcf17.txt")
    before = table_counts()
    traditional = (SAMPLES / "003_dc28648a02efcf17.txt").read_text(encoding="utf-8")
    for simplified, mirrored in (
        ("报告", "報告"),
        ("法治政府", "法治政府"),
        ("建设", "建設"),
        ("许昌", "許昌"),
    ):
        traditional = traditional.replace(simplified, mirrored)
    assert traditional != (SAMPLES / "003_dc28648a02efcf17.txt").read_text(encoding="utf-8")

    outcome = import_report(traditional.encode("utf-8"), filename="mirror-traditional.txt")

    assert outcome.status is ImportStatus.DUPLICATE
    assert outcome.report_id == first.report_id
    assert table_counts() == before


@pytest.mark.django_db
def test_an_agency_named_in_traditional_characters_is_stored_under_its_simplified_name():
    text = (SAMPLES / "000_0bf6173844fdf9f5.txt").read_text(encoding="utf-8")
    outcome = import_report(
        text.replace("交通局", "交通局").replace("綦江区", "綦江區").encode(), filename="t.txt"
    )
    agency = Report.objects.get(pk=outcome.report_id).agency
    assert agency.name == "重庆市綦江区交通局"


@pytest.mark.django_db
def test_a_town_government_is_seated_at_its_county_at_township_level():
    text = (SAMPLES / "002_93b0a848b4e38b69.txt").read_text(encoding="utf-8")
    outcome = import_report(
        text.encode(),
        filename="town.txt",
        overrides=ReportOverrides(agency_name="吴忠市利通区金积镇人民政府", year=2023),
    )

    agency = Report.objects.get(pk=outcome.report_id).agency
    assert (agency.name, agency.kind, agency.level) == (
        "吴忠市利通区金积镇人民政府",
        "government",
        "township",
    )
    assert agency.region.code == "640302"


@pytest.mark.django_db
def test_a_text_naming_no_agency_is_refused_until_the_uploader_names_it():
    from tests.test_ingest_metadata import BODY  # 2023年以来,我们…: no agency, no place

    refused = import_report(BODY.encode(), filename="untitled.txt")
    named = import_report(
        BODY.encode(),
        filename="untitled.txt",
        overrides=ReportOverrides(agency_name="大连市司法局", year=2023),
    )

    assert refused.status is ImportStatus.FAILED and "找不到报告机关" in refused.reason
    assert named.status is ImportStatus.CREATED, named.reason
    report = Report.objects.select_related("agency__region").get(pk=named.report_id)
    agency = report.agency
    assert (agency.name, agency.kind, agency.level) == ("大连市司法局", "department", "city")
    assert agency.region.code == "210200"
    assert report.year == 2023


@pytest.mark.parametrize(
    ("agency", "level"),
    [
        ("天津市滨海高新区人民政府", "county"),  # a municipality's zone ranks with its districts
        ("河北省雄安新区管理委员会", "city"),  # a province's with its cities
        ("天津市人民政府", "province"),
    ],
)
def test_a_zone_the_division_table_does_not_know_is_a_level_below_its_place(agency, level):
    from tests.test_ingest_metadata import BODY

    named = ReportOverrides(agency_name=agency)
    parsed = parse_report_file(BODY.encode(), filename="zone.txt", overrides=named)

    assert (parsed.agency_name, parsed.agency_level) == (agency, level)


@pytest.mark.parametrize(
    ("agency", "placed_as", "place"),
    [
        ("长春新区管理委员会", "长春市长春新区管理委员会", "220100"),
        ("武汉经开区统计局", "武汉市武汉经开区统计局", "420100"),
        ("宁波市高新区人民政府", "宁波市高新区人民政府", "330200"),  # after a full name, as written
    ],
)
def test_a_zone_named_after_its_citys_short_name_is_placed_there_under_its_own_name(agency, placed_as, place):
    from tests.test_ingest_metadata import BODY

    named = ReportOverrides(agency_name=agency)
    parsed = parse_report_file(BODY.encode(), filename="zone.txt", overrides=named)

    assert (parsed.agency_name, parsed.agency_level, parsed.place.code) == (placed_as, "county", place)


@pytest.mark.parametrize(
    ("stated", "filed_as", "kind", "place"),
    [
        # a province or city in closing brackets says where, and is no part of the name
        ("驻马店市人民政府(河南)", "驻马店市人民政府", "government", "411700"),
        ("朝阳区司法局(北京)", "北京市朝阳区司法局", "department", "110105"),
        ("铁东区人民政府（四平）", "四平市铁东区人民政府", "government", "220303"),
        ("黎侯镇人民政府(山西长治黎城县)", "长治市黎城县黎侯镇人民政府", "government", "140426"),
        # a party committee and its government reporting together: the government
        ("中共营口市委 营口市人民政府", "营口市人民政府", "government", "210800"),
        ("中共佛坪县委/佛坪县人民政府", "汉中市佛坪县人民政府", "government", "610730"),
        # a place alone stands for its government, a town for its own
        ("焦作市", "焦作市人民政府", "government", "410800"),
        ("杭州市西湖区留下街道", "杭州市西湖区留下街道办事处", "government", "330106"),
        # another note stays part of the name and does not hide a government
        ("西藏自治区藏语委办（编译局）", "西藏自治区藏语委办（编译局）", "department", "540000"),
        # a note about the page is none of the agency's name: it split one agency in two
        ("三亚市人民政府（镜像站点）", "三亚市人民政府", "government", "460200"),
        ("苏州市人民政府 (转载自苏州市政府网站的镜像页面)", "苏州市人民政府", "government", "320500"),
        ("杭州市人民政府（向市人大常委会所作报告，杭州网刊发）", "杭州市人民政府", "government", "330100"),
        ("广东省人民政府 (mirror of 广东省人民政府网)", "广东省人民政府", "government", "440000"),
        ("汕尾市医疗保障局（广东；mirror site）", "汕尾市医疗保障局", "department", "441500"),
        # the place in such a note still says where
        ("河东区人民政府（天津，镜像页）", "天津市河东区人民政府", "government", "120102"),
        ("朝阳区司法局(北京;转载)", "北京市朝阳区司法局", "department", "110105"),
        # a note with a note inside it (the reviewer's #627 was filed under the whole of it)
        ("留坝县人民政府(转载自汉中市人民政府网(镜像页))", "汉中市留坝县人民政府", "government", "610729"),
        ("留坝县人民政府（汉中，转载（镜像））", "汉中市留坝县人民政府", "government", "610729"),
    ],
)
def test_an_agency_named_at_upload_is_read_as_a_title_names_it(stated, filed_as, kind, place):
    from tests.test_ingest_metadata import BODY

    named = ReportOverrides(agency_name=stated)
    parsed = parse_report_file(BODY.encode(), filename="named.txt", overrides=named)

    assert (parsed.agency_name, parsed.agency_kind, parsed.place.code) == (filed_as, kind, place)


@pytest.mark.parametrize(
    ("stated", "code", "filed_as"),
    [
        ("区司法局", "410302", "洛阳市老城区司法局"),  # was 洛阳市老城区区司法局
        ("县司法局", "410323", "洛阳市新安县司法局"),
        ("市司法局", "410300", "洛阳市司法局"),
        ("市场监督管理局", "410300", "洛阳市市场监督管理局"),  # 市场 starts no level word
        ("西工区司法局", "410303", "洛阳市西工区司法局"),
        # a city bureau's branch in the district, named from the city: as stated, not
        # 洛阳市西工区洛阳市公安局西工分局 (six such names in the scratch library)
        ("洛阳市公安局西工分局", "410303", "洛阳市公安局西工分局"),
        ("河南省洛阳市西工区司法局", "410303", "洛阳市西工区司法局"),  # the province dropped
        ("洛阳市西工区司法局", "410303", "洛阳市西工区司法局"),
    ],
)
def test_an_organ_named_by_its_level_and_placed_by_its_code_is_named_once(stated, code, filed_as):
    from tests.test_ingest_metadata import BODY

    named = ReportOverrides(agency_name=stated, region_code=code)
    parsed = parse_report_file(BODY.encode(), filename="named.txt", overrides=named)

    assert (parsed.agency_name, parsed.place.code) == (filed_as, code)


def test_a_province_in_brackets_does_not_place_an_agency_its_name_leaves_unplaced():
    from tests.test_ingest_metadata import BODY

    def parsed(stated: str):
        return parse_report_file(
            BODY.encode(), filename="named.txt", overrides=ReportOverrides(agency_name=stated)
        )

    # 广东 does not say which 区: not a department of the province
    with pytest.raises(RejectedFile, match="没有写明是哪个地方"):
        parsed("区司法局(广东)")
    assert parsed("某区某局(广东)").place is None


def test_text_overlap_tells_a_revision_from_another_report():
    report = (SAMPLES / "001_2a747604b19e6eb5.txt").read_text(encoding="utf-8")
    revised = report.replace("集中学习法律法规2次", "集中学习法律法规3次")
    other = (SAMPLES / "000_0bf6173844fdf9f5.txt").read_text(encoding="utf-8")

    assert text_overlap(report, revised) > 0.95
    assert text_overlap(report[: len(report) // 3], report) == 1.0  # an opening of the same report
    assert text_overlap(report, other) < VERSION_OVERLAP
    assert text_overlap("", report) == 0.0


@pytest.mark.django_db
def test_another_text_read_as_the_same_agency_and_year_is_refused_and_supersedes_nothing():
    stored = import_sample("000_0bf6173844fdf9f5.txt")  # 重庆市綦江区交通局, 2023
    before = table_counts()

    # Another agency's report, which a wrong reading (here: the uploader's) files under the same.
    misread = import_sample(
        "001_2a747604b19e6eb5.txt",
        overrides=ReportOverrides(region_code="500110", agency_name="重庆市綦江区交通局", year=2023),
    )

    assert misread.status is ImportStatus.FAILED and misread.code == "not_a_version"
    assert f"#{stored.report_id}" in misread.reason and "不像同一报告的新版本" in misread.reason
    # Either report may be the misread one: the message says how to put right each.
    assert "请核对上传时填写的机关与年度" in misread.reason and "更正它的机关或年度" in misread.reason
    assert table_counts() == before
    assert Report.objects.get(pk=stored.report_id).is_current


@pytest.mark.django_db
def test_a_rewritten_report_imported_after_staff_withdrew_the_stored_one_becomes_its_new_version():
    """The refusal above advises unticking 现行版本 for a rewritten report: the next import then
    stored a second report beside the withdrawn one, which stayed hidden with no link to it."""
    from reports.versions import delete_report

    stored = import_sample("000_0bf6173844fdf9f5.txt")  # 重庆市綦江区交通局, 2023
    Report.objects.filter(pk=stored.report_id).update(is_current=False)  # as the admin form does
    stated = ReportOverrides(region_code="500110", agency_name="重庆市綦江区交通局", year=2023)

    rewritten = import_sample("001_2a747604b19e6eb5.txt", overrides=stated)

    assert rewritten.status is ImportStatus.NEW_VERSION, rewritten.reason
    assert f"替换了此前收录的 #{stored.report_id}" in rewritten.reason
    withdrawn = Report.objects.get(pk=stored.report_id)
    assert (withdrawn.is_current, withdrawn.superseded_by_id) == (False, rewritten.report_id)
    # and deleting the rewrite puts the withdrawn report back, as for any version
    delete_report(Report.objects.get(pk=rewritten.report_id))
    assert Report.objects.get(pk=stored.report_id).is_current


@pytest.mark.django_db
def test_the_refusal_of_another_text_says_what_the_uploader_stated_may_be_wrong():
    import_sample("000_0bf6173844fdf9f5.txt")
    stated = ReportOverrides(region_code="500110", agency_name="重庆市綦江区交通局", year=2023)

    misread = import_sample("001_2a747604b19e6eb5.txt", overrides=stated)

    assert "请核对上传时填写的机关与年度" in misread.reason and "请在上传时填写" not in misread.reason


@pytest.mark.django_db
def test_changed_text_for_the_same_agency_and_year_becomes_a_new_version():
    original = import_sample("001_2a747604b19e6eb5.txt")
    revised_text = (
        (SAMPLES / "001_2a747604b19e6eb5.txt")
        .read_text(encoding="utf-8")
        .replace("集中学习法律法规2次", "集中学习法律法规3次")
    )

    revised = import_report(revised_text.encode("utf-8"), filename="001-revised.txt")

    assert revised.status is ImportStatus.NEW_VERSION
    old = Report.objects.get(pk=original.report_id)
    new = Report.objects.get(pk=revised.report_id)
    assert old.superseded_by == new
    assert not old.is_current and new.is_current
    assert old.agency == new.agency
    assert list(Report.objects.current().filter(agency=new.agency, year=2023)) == [new]
    assert old.sections.count() > 0, "the earlier version keeps its sections"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "filename", "reason_word"),
    [
        (b"", "empty.txt", "空"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "picture.txt", "二进制"),
        ("今天天气很好,我们去公园散步。".encode(), "note.txt", "不是"),
    ],
    ids=["empty", "binary", "not-a-report"],
)
def test_bad_files_are_refused_with_a_reason_and_store_nothing(data, filename, reason_word):
    import_sample("000_0bf6173844fdf9f5.txt")
    before = table_counts()

    outcome = import_report(data, filename=filename)

    assert outcome.status is ImportStatus.FAILED
    assert reason_word in outcome.reason
    assert table_counts() == before


@pytest.mark.django_db
def test_oversized_file_is_refused_before_parsing(settings):
    settings.REPORT_MAX_BYTES = 1000
    outcome = import_sample("003_dc28648a02efcf17.txt")
    assert outcome.status is ImportStatus.FAILED
    assert "过大" in outcome.reason
    assert Report.objects.count() == 0


MINISTRY_REPORT = "\n".join(
    [
        "司法部2021年法治政府建设年度报告",
        "2021年,司法部坚持以习近平法治思想为指导,深入推进法治政府建设,依法行政水平不断提高。",
        "一、主要工作",
        "(一)完善依法行政制度体系。全年审查行政法规草案30件,办理规章备案审查1200件。",
        "(二)推进行政复议体制改革。全年办理行政复议案件1500件,行政应诉案件80件。",
        "(三)深入开展普法宣传。组织“宪法宣传周”活动,开展法治宣传活动200余场次。",
        "(四)严格规范公正文明执法。全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核"
        "制度,组织开展行政执法案卷评查,推动行政执法责任制落实,提升行政执法规范化水平。",
        "(五)加强公共法律服务体系建设。推进公共法律服务实体平台、热线平台、网络平台融合发展,"
        "全年提供法律咨询服务超过一百万人次,办理法律援助案件一百五十万件。",
        "二、存在的问题",
        "一是行政立法质量有待提高;二是基层行政执法规范化水平仍需加强。",
        "三、2022年工作安排",
        "持续推进法治政府建设,加强行政执法监督,提升依法行政能力。",
    ]
)


@pytest.mark.django_db
def test_a_ministry_report_is_filed_at_the_national_level_with_no_region():
    outcome = import_report(MINISTRY_REPORT.encode(), filename="sfb-2021.txt")
    report = Report.objects.select_related("agency").get(pk=outcome.report_id)
    assert (report.agency.name, report.agency.kind, report.agency.level) == (
        "司法部",
        "department",
        "national",
    )
    assert report.agency.region is None and report.region_note == ""
    assert search_page("行政复议", {"level": "national"}).results[0].report_id == report.pk


@pytest.mark.django_db
def test_a_local_branch_of_a_central_organ_is_placed_by_the_name_after_it():
    text = MINISTRY_REPORT.replace("司法部", "国家税务总局北京市朝阳区税务局")
    outcome = import_report(text.encode(), filename="chaoyang-tax-2021.txt")
    agency = Report.objects.select_related("agency__region").get(pk=outcome.report_id).agency
    assert (agency.name, agency.level, agency.region.code) == (
        "国家税务总局北京市朝阳区税务局",
        "county",
        "110105",
    )


@pytest.mark.django_db
def test_overrides_win_over_detected_facts():
    outcome = import_sample(
        "000_0bf6173844fdf9f5.txt",
        overrides=ReportOverrides(published_on=date(2024, 3, 5), source_url="https://example.gov.cn/r.html"),
    )
    report = Report.objects.get(pk=outcome.report_id)
    assert report.published_on == date(2024, 3, 5)
    assert report.source_url == "https://example.gov.cn/r.html"


@pytest.mark.django_db
def test_import_command_goes_on_after_a_bad_file_and_exits_non_zero(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_report.txt").write_bytes((SAMPLES / "004_78ed85b0c485cc82.txt").read_bytes())
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="1 of 2 files failed"):
        call_command("import_reports", str(tmp_path), "--json", stdout=out, stderr=err)

    summary = json.loads(out.getvalue())
    by_file = {entry["file"]: entry for entry in summary["files"]}
    assert by_file["a_empty.txt"]["status"] == "failed"
    assert by_file["a_empty.txt"]["reason"]
    assert by_file["b_report.txt"]["status"] == "created"
    assert Report.objects.filter(pk=by_file["b_report.txt"]["report_id"]).exists()
    assert "[2/2]" in err.getvalue()


@pytest.mark.django_db
def test_import_command_reports_unchanged_files_on_a_second_run():
    out = StringIO()
    call_command("import_reports", *map(str, SEEDS), stdout=out)
    assert "5 created" in out.getvalue()

    out = StringIO()
    call_command("import_reports", *map(str, SEEDS), stdout=out)
    assert "5 unchanged" in out.getvalue()
    assert Report.objects.count() == 5


def test_import_command_rejects_a_missing_path():
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_reports", "/nonexistent/reports")


@pytest.mark.django_db
def test_import_command_takes_each_files_address_from_a_sources_table(tmp_path):
    from tests.test_ingest_metadata import BODY

    report_file = tmp_path / "chengguan.txt"
    report_file.write_text(f"城关镇人民政府2023年法治政府建设工作报告\n{BODY}", encoding="utf-8")
    sources = tmp_path / "sources.tsv"
    sources.write_text("file\turl\nchengguan.txt\thttp://www.zhuxi.gov.cn/xxgkxi/1.html\n")

    call_command("import_reports", str(report_file), "--sources", str(sources), stdout=StringIO())

    report = Report.objects.select_related("agency__region").get()
    assert report.source_url == "http://www.zhuxi.gov.cn/xxgkxi/1.html"
    assert (report.agency.name, report.agency.region.name) == ("十堰市竹溪县城关镇人民政府", "竹溪县")


@pytest.mark.django_db
def test_import_command_refuses_a_sources_table_without_its_columns(tmp_path):
    sources = tmp_path / "sources.csv"
    sources.write_text("name,address\na.txt,https://example.gov.cn/\n", encoding="utf-8")

    with pytest.raises(CommandError, match="'file' and 'url' columns"):
        call_command("import_reports", *map(str, SEEDS[:1]), "--sources", str(sources))

    assert not Report.objects.exists()


@pytest.mark.django_db
def test_import_command_refuses_a_sources_table_with_an_address_that_is_no_web_address(tmp_path):
    sources = tmp_path / "sources.csv"
    sources.write_text("file,url\na.txt,not a url at all\nb.txt,https://www.cqqj.gov.cn/1.html\n")

    with pytest.raises(CommandError, match=re.escape("a.txt: not a url at all is no http(s) web address")):
        call_command("import_reports", *map(str, SEEDS[:1]), "--sources", str(sources))

    assert not Report.objects.exists()


@pytest.mark.django_db
def test_import_command_takes_the_agency_and_year_a_page_leaves_out_from_the_sources_table(tmp_path):
    from tests.test_ingest_metadata import BODY

    # set 118's 江门市交通运输局: an untitled page that calls itself 我局
    page = "市委、市政府:\n根据法治政府建设年度报告制度的要求,现将我局2025年度法治政府建设工作情况报告如下:\n"
    (tmp_path / "jiangmen.txt").write_text(page + BODY, encoding="utf-8")
    with pytest.raises(CommandError, match="1 of 1 files failed"):
        call_command("import_reports", str(tmp_path / "jiangmen.txt"), stdout=StringIO())

    sources = tmp_path / "sources.tsv"
    sources.write_text(
        "file\turl\tagency\tyear\njiangmen.txt\thttp://jtj.jiangmen.gov.cn/1.html\t江门市交通运输局\t2025\n",
        encoding="utf-8",
    )
    call_command(
        "import_reports", str(tmp_path / "jiangmen.txt"), "--sources", str(sources), stdout=StringIO()
    )

    report = Report.objects.select_related("agency__region").get()
    assert (report.agency.name, report.agency.region.name, report.year) == (
        "江门市交通运输局",
        "江门市",
        2025,
    )


@pytest.mark.django_db
def test_import_command_refuses_a_sources_table_with_a_year_or_agency_it_cannot_use(tmp_path):
    sources = tmp_path / "sources.csv"
    next_year = timezone.localdate().year + 1
    sources.write_text(
        f"file,url,agency,year\na.txt,,某局,{next_year}\nb.txt,,{'局' * 129},2023\nc.txt,,,二〇二三\n"
    )

    with pytest.raises(CommandError) as refused:
        call_command("import_reports", *map(str, SEEDS[:1]), "--sources", str(sources))

    assert f"a.txt: year {next_year} is no year from 2000 to this one" in str(refused.value)
    assert "b.txt: the agency name is longer than 128 characters" in str(refused.value)
    assert "c.txt: year 二〇二三" in str(refused.value)
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_import_command_says_which_files_in_a_folder_it_left_out(tmp_path):
    (tmp_path / "report.txt").write_bytes(SEEDS[0].read_bytes())
    (tmp_path / "slides.ppt").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    out = StringIO()

    call_command("import_reports", str(tmp_path), stdout=out)

    printed = out.getvalue()
    assert "Skipped 2 files in the folders that are no report format (.jpg、.ppt;" in printed
    assert "save other documents as .docx or .pdf" in printed and "1 files: 1 created" in printed


@pytest.mark.django_db
def test_namesakes_without_a_place_are_told_apart_by_their_websites():
    from tests.test_ingest_metadata import BODY  # names no agency or place

    def import_from(url: str, year: int):
        body = BODY.replace("2023年以来", f"{year}年以来").replace("2024年工作安排", f"{year + 1}年工作安排")
        text = f"区城市管理局{year}年法治政府建设情况报告\n{body}"
        return import_report(text.encode(), filename="cgj.txt", overrides=ReportOverrides(source_url=url))

    jiulongpo = import_from("http://cqjlp.gov.cn/zwgk_251/zfxxgkml_1/1.html", 2023)
    nanan = import_from("https://cqna.gov.cn/bm/qcgj/2.html", 2024)
    stored = table_counts()
    unplaced = import_from("", 2022)

    agencies = [
        Report.objects.select_related("agency__region").get(pk=outcome.report_id).agency
        for outcome in (jiulongpo, nanan)
    ]
    assert [(a.name, a.level, a.region.code) for a in agencies] == [
        ("重庆市九龙坡区城市管理局", "county", "500107"),
        ("重庆市南岸区城市管理局", "county", "500108"),
    ]
    note = Report.objects.get(pk=nanan.report_id).region_note
    assert "cqna.gov.cn" in note and "重庆市南岸区" in note
    # Without an address there is no telling which district's bureau it is: refused, not
    # filed under an agency every district's 区城市管理局 would share.
    assert (unplaced.status, unplaced.code) == (ImportStatus.FAILED, "agency_without_place")
    assert unplaced.as_dict()["code"] == "agency_without_place"  # in import_reports --json
    assert table_counts() == stored


@pytest.mark.django_db
def test_a_page_titled_by_its_organ_alone_is_filed_under_the_publisher_its_metadata_table_names():
    # 市司法局 in the title and the opening, 大连市司法局 in the 发布机构 and 来源 rows, no address.
    outcome = import_sample("synthetic_dalian_city_bureau_page.html")

    assert outcome.status is ImportStatus.CREATED, outcome.reason
    report = Report.objects.select_related("agency__region").get(pk=outcome.report_id)
    agency = report.agency
    assert (agency.name, agency.kind, agency.level, agency.region.code) == (
        "大连市司法局",
        "department",
        "city",
        "210200",
    )
    assert report.title == "市司法局2023年度法治政府建设情况报告"  # the page's own title, as written
    assert report.publisher == "大连市司法局"


@pytest.mark.django_db
def test_a_publisher_naming_another_organ_does_not_place_an_organ_named_by_its_level_alone():
    # A portal's office posting a bureau's report: which city's 司法局 it is stays unknown.
    page = (SAMPLES / "synthetic_dalian_city_bureau_page.html").read_text(encoding="utf-8")
    page = page.replace("<td>大连市司法局</td>", "<td>大连市人民政府办公室</td>").replace(
        "来源：大连市司法局", "来源：大连市人民政府办公室"
    )

    outcome = import_report(page.encode(), filename="page.html")

    assert (outcome.status, outcome.code) == (ImportStatus.FAILED, "agency_without_place")
    assert not Report.objects.exists()


SAMPLE_001 = SAMPLES / "001_2a747604b19e6eb5.txt"


def _import_text(text: str, name: str, url: str = ""):
    return import_report(text.encode("utf-8"), filename=name, overrides=ReportOverrides(source_url=url))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("copy_url", "traditional", "why"),
    [
        ("https://www.pingwi-fi.com/a/1.html", False, "来源 www.pingwi-fi.com 不是政府网站"),
        ("", True, "繁体字转载页"),
    ],
)
def test_a_reprint_of_a_stored_official_report_does_not_replace_it(copy_url, traditional, why):
    import opencc

    text = SAMPLE_001.read_text(encoding="utf-8")
    official = _import_text(text, "official.txt", "https://www.cqqj.gov.cn/zwgk/1.html")
    copy = text[: len(text) * 2 // 3]  # a mirror cuts the page elsewhere: another fingerprint
    if traditional:
        copy = opencc.OpenCC("s2t").convert(copy)
    before = table_counts()

    outcome = _import_text(copy, "mirror.txt", copy_url)

    assert outcome.status is ImportStatus.DUPLICATE and outcome.report_id == official.report_id
    assert why in outcome.reason and "转载" in outcome.reason
    assert table_counts() == before
    assert Report.objects.get(pk=official.report_id).is_current


@pytest.mark.django_db
def test_a_repost_on_the_site_of_a_government_below_does_not_replace_the_publisher_s_page():
    from tests.test_ingest_metadata import BODY

    text = f"河南省人民政府2023年法治政府建设情况报告\n{BODY}"
    official = _import_text(text, "official.txt", "https://www.henan.gov.cn/2024/03-20/1.html")
    before = table_counts()

    repost = text.rsplit("\n", 1)[0]  # cut elsewhere: another fingerprint
    outcome = _import_text(repost, "repost.txt", "http://www.nanyang.gov.cn/2024/1.html")

    assert outcome.status is ImportStatus.DUPLICATE and outcome.report_id == official.report_id
    assert "来源 www.nanyang.gov.cn 是南阳市政府的网站,发布机关在其上级" in outcome.reason
    assert table_counts() == before and Report.objects.get(pk=official.report_id).is_current


@pytest.mark.django_db
def test_a_copy_cut_short_does_not_replace_the_whole_stored_report():
    text = SAMPLE_001.read_text(encoding="utf-8")
    whole = _import_text(text, "whole.txt")
    assert not Report.objects.get(pk=whole.report_id).text_cut
    before = table_counts()

    # The same report saved from a page that stopped loading: it ends inside a sentence.
    cut = _import_text(text[: len(text) * 3 // 5], "cut.txt")

    assert cut.status is ImportStatus.DUPLICATE and cut.report_id == whole.report_id
    assert "这份正文在句中断开,不完整" in cut.reason and f"请先取消 #{whole.report_id}" in cut.reason
    assert table_counts() == before
    assert Report.objects.get(pk=whole.report_id).is_current


@pytest.mark.django_db
def test_a_whole_text_still_replaces_a_stored_opening_as_a_new_version():
    text = SAMPLE_001.read_text(encoding="utf-8")
    opening = _import_text(text[: len(text) * 3 // 5], "opening.txt")
    assert Report.objects.get(pk=opening.report_id).text_cut

    whole = _import_text(text, "whole.txt")

    assert whole.status is ImportStatus.NEW_VERSION
    assert Report.objects.get(pk=opening.report_id).superseded_by_id == whole.report_id


@pytest.mark.django_db
def test_the_official_page_replaces_a_stored_reprint_as_a_new_version():
    text = SAMPLE_001.read_text(encoding="utf-8")
    mirror = _import_text(text[: len(text) * 2 // 3], "mirror.txt", "https://www.pingwi-fi.com/a/1.html")

    official = _import_text(text, "official.txt", "https://www.cqqj.gov.cn/zwgk/1.html")

    assert official.status is ImportStatus.NEW_VERSION
    assert Report.objects.get(pk=mirror.report_id).superseded_by_id == official.report_id


@pytest.mark.django_db
def test_a_fuller_name_at_a_place_staff_gave_an_agency_files_under_that_agency():
    from tests.test_ingest_metadata import BODY

    first = _import_text(f"城关镇人民政府2022年法治政府建设工作报告\n{BODY}", "2022.txt")
    placed = Report.objects.get(pk=first.report_id).agency
    assert placed.region is None  # 城关镇 of 88 counties
    placed.region = Region.objects.get(code="420324")  # staff set 竹溪县 in the admin
    placed.save()

    second = _import_text(
        f"城关镇人民政府2023年法治政府建设工作报告\n{BODY.replace('2023年', '2024年')}",
        "2023.txt",
        "http://www.zhuxi.gov.cn/xxgkxi/2.html",
    )

    assert Report.objects.get(pk=second.report_id).agency == placed
    assert Agency.objects.count() == 1


@pytest.mark.django_db
def test_a_name_several_places_share_is_placed_where_an_earlier_report_of_its_site_was():
    held_out = Path(__file__).parent / "gold" / "heldout" / "set100" / "texts"
    site = "http://www.tiedong.gov.cn/html/ASTDQ/"
    # 2023 names 鞍山; 2024 only 铁东区, a district of 鞍山 and of 四平
    named = _import_text((held_out / "01_tiedong_district_2023.txt").read_text(), "2023.txt", site + "1.html")
    unnamed = parse_report_file(
        (held_out / "02_tiedong_district_2024.txt").read_bytes(),
        filename="2024.txt",
        overrides=ReportOverrides(source_url=site + "2.html"),
    )
    assert unnamed.place is None

    text_2024 = (held_out / "02_tiedong_district_2024.txt").read_text()
    outcome = _import_text(text_2024, "2024.txt", site + "2.html")

    report = Report.objects.get(pk=outcome.report_id)
    assert report.agency == Report.objects.get(pk=named.report_id).agency
    assert report.agency.name == "鞍山市铁东区人民政府"
    assert report.region_note == "同一网站(www.tiedong.gov.cn)此前的报告已定为鞍山市铁东区人民政府"
    # another site's report of a 铁东区 is not taken for it
    elsewhere = _import_text(
        text_2024.replace("2024年", "2022年"), "other.txt", "http://www.example.gov.cn/1.html"
    )
    assert Report.objects.get(pk=elsewhere.report_id).agency.region is None


@pytest.mark.django_db
def test_a_longer_organ_name_ending_like_a_placed_agency_is_another_agency():
    from tests.test_ingest_metadata import BODY

    qijiang = Region.objects.get(code="500110")
    placed = Agency.objects.create(name="交通局", region=qijiang, kind="department", level="county")

    outcome = _import_text(f"重庆市綦江区公共交通局2023年法治政府建设工作报告\n{BODY}", "bus.txt")

    agency = Report.objects.get(pk=outcome.report_id).agency
    assert agency != placed and agency.name == "重庆市綦江区公共交通局"


@pytest.mark.django_db
def test_a_provincial_portal_hosting_several_namesakes_does_not_place_a_name_by_an_earlier_report():
    from tests.test_ingest_metadata import BODY

    portal = "https://www.jiangsu.gov.cn/art/2024/3/20/"
    nanjing = f"南京市鼓楼区人民政府2023年法治政府建设工作报告\n{BODY}"
    named = _import_text(nanjing, "nj.txt", portal + "1.html")
    assert Report.objects.get(pk=named.report_id).agency.region.code == "320106"

    gulou = f"鼓楼区人民政府2022年法治政府建设工作报告\n{BODY.replace('2023年', '2022年')}"
    unnamed = _import_text(gulou, "gl.txt", portal + "2.html")

    # 江苏 has a 鼓楼区 in 南京 and one in 徐州: the portal says nothing of which
    assert Report.objects.get(pk=unnamed.report_id).agency.region is None


@pytest.mark.django_db
def test_an_import_records_whether_the_stored_text_stops_inside_a_sentence():
    from reports.models import Report
    from tests.test_ingest_metadata import BODY

    more = "\n" + "坚持依法行政,持续推进法治政府建设。" * 40  # long enough to hold a whole report
    whole = f"吴忠市利通区人民政府2023年法治政府建设情况报告\n{BODY}{more}"
    cut = f"吴忠市利通区人民政府2022年法治政府建设情况报告\n{more}{BODY.rsplit('。', 2)[0]},推动法治"
    opening = f"吴忠市利通区人民政府2021年法治政府建设情况报告\n{BODY}"  # ends on a full stop, too short

    stored = [
        import_report(text.encode(), filename=f"{n}.txt").report_id
        for n, text in enumerate((whole, cut, opening))
    ]

    assert [Report.objects.get(pk=pk).text_cut for pk in stored] == [False, True, True]


@pytest.mark.parametrize(
    ("stated", "warning"),
    [
        ("2030-01-05", "发布日期 2030-01-05 晚于今天,未采用"),  # 2026-12-31 for a page of 20251231
        ("2017-08-20", "发布日期 2017-08-20 早于报告年度 2023 结束,未采用"),  # a newspaper's page date
    ],
)
def test_a_publication_date_no_report_on_its_year_can_have_falls_back_to_the_address(stated, warning):
    seed = (SAMPLES / "001_2a747604b19e6eb5.txt").read_text(encoding="utf-8")  # on 2023
    address = "https://www.cqtn.gov.cn/zwgk/202403/t20240315_1.html"
    parsed = parse_report_file(
        f"发布时间:{stated}\n{seed}".encode(), filename="a.txt", overrides=ReportOverrides(source_url=address)
    )

    assert (parsed.facts.published_on, parsed.facts.published_on_inferred) == (date(2024, 3, 15), True)
    assert warning in parsed.facts.warnings
    possible = parse_report_file(f"发布时间:2024-03-01\n{seed}".encode(), filename="a.txt")
    assert (possible.facts.published_on, possible.facts.published_on_inferred) == (date(2024, 3, 1), False)


@pytest.mark.django_db
def test_a_text_nearly_another_agencys_report_is_imported_with_a_note_to_check_it():
    """A bureau's report saved under another bureau's name (only the name changed) was imported
    without a word: the fingerprint sees only exact copies, the version check one agency."""
    path = SAMPLES / "000_0bf6173844fdf9f5.txt"  # 重庆市綦江区交通局, 2023
    stored = import_report(path.read_bytes(), filename=path.name)
    copied = path.read_text(encoding="utf-8").replace("交通局", "水利局")
    stated = ReportOverrides(region_code="500110", agency_name="重庆市綦江区水利局", year=2023)

    copy = import_report(copied.encode(), filename="copy.txt", overrides=stated)

    assert copy.status is ImportStatus.CREATED
    assert "正文与其他机关的报告几乎相同" in copy.reason and f"#{stored.report_id}《" in copy.reason
    other = import_sample("001_2a747604b19e6eb5.txt")  # another agency's own report: nothing to check
    assert "几乎相同" not in other.reason
