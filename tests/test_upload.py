"""Uploads: every bad input of issue 5, each with its reason and nothing partial stored, while the
other files of the batch go on; DOCX/PDF/zip happy paths; duplicates across formats; retry.

These tests call the worker's processing function (``process_item``) directly inside the test
transaction; ``test_upload_worker.py`` runs the real ``db_worker`` against committed rows.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.ingest import ReportOverrides
from reports.models import (
    Agency,
    ImportBatch,
    ImportItem,
    IndicatorValue,
    Report,
    Section,
    SourceFile,
)
from reports.uploads import create_batch, incoming_files, process_item, retry_items
from tests.upload_samples import (
    blank_pdf_bytes,
    docx_bytes,
    encrypted_pdf_bytes,
    mhtml_bytes,
    pdf_bytes,
    with_broken_deflate,
    zip_bomb_bytes,
    zip_bytes,
)

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def library_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Report, Section, SourceFile, IndicatorValue, Agency)
    }


def upload(files: dict[str, bytes], **overrides: object) -> ImportBatch:
    uploads = [SimpleUploadedFile(name, data) for name, data in files.items()]
    return create_batch(incoming_files(uploads), overrides=ReportOverrides(**overrides), created_by=None)


def run(batch: ImportBatch) -> dict[str, ImportItem]:
    """Process the batch's queued items as the worker would; the items by file name."""
    for item_id in batch.items.filter(status=ImportItem.Status.QUEUED).values_list("pk", flat=True):
        process_item(item_id)
    return {item.filename: item for item in batch.items.all()}


@pytest.fixture
def seed_bytes(sample_path):
    def read(index: int) -> bytes:
        return next(sample_path("").glob(f"{index:03d}_*.txt")).read_bytes()

    return read


@pytest.fixture
def seed_lines(seed_bytes):
    def lines(index: int) -> list[str]:
        return seed_bytes(index).decode("utf-8").splitlines()

    return lines


def test_one_good_file_is_imported_and_the_item_links_its_report(seed_bytes):
    items = run(upload({"report.txt": seed_bytes(0)}))
    item = items["report.txt"]
    assert item.status == ImportItem.Status.DONE
    assert item.report is not None and item.reason == ""
    assert item.attempts == 1 and item.finished_at is not None
    # The bytes now live in the library; the item links them instead of keeping a copy.
    assert item.data is None and item.source_file == item.report.source_file


BAD_CASES = {
    "empty.txt": (b"", ImportItem.Status.FAILED, "文件为空"),
    "blank.txt": (b"  \n\n ", ImportItem.Status.FAILED, "文件为空"),
    "picture.txt": (PNG, ImportItem.Status.FAILED, "二进制"),
    "scan.pdf": (blank_pdf_bytes(3), ImportItem.Status.NEEDS_OCR, "需要先做文字识别"),
    "locked.pdf": (None, ImportItem.Status.FAILED, "PDF 文件已加密"),
    "broken.docx": (None, ImportItem.Status.FAILED, "Word 文档已损坏"),
    # Word saves a DOCX with a password to open it as an OLE compound file, like an old .doc:
    # the reason must say it is locked, not tell staff to save it as DOCX.
    "locked.docx": (None, ImportItem.Status.FAILED, "Word 文档已加密(设有打开密码)"),
    "broken.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog", ImportItem.Status.FAILED, "PDF 文件已损坏"),
    # its XML's deflate stream damaged (zlib.error, not a zip error: found by fuzzing)
    "bad_deflate.docx": (None, ImportItem.Status.FAILED, "Word 文档已损坏"),
    "not_a_report.txt": (None, ImportItem.Status.FAILED, "不是法治政府建设年度报告"),
}


@pytest.fixture
def bad_files(sample_path, seed_lines):
    files = {name: data for name, (data, _, _) in BAD_CASES.items() if data is not None}
    files["locked.pdf"] = encrypted_pdf_bytes(seed_lines(1)[:60])
    files["broken.docx"] = docx_bytes(seed_lines(1)[:30])[:1500]
    files["bad_deflate.docx"] = with_broken_deflate(docx_bytes(seed_lines(1)[:30]), "word/document.xml")
    files["locked.docx"] = sample_path("synthetic_encrypted_password_123456.docx").read_bytes()
    files["not_a_report.txt"] = sample_path("synthetic_not_a_report_work_report.txt").read_bytes()
    return files


@pytest.mark.parametrize("name", list(BAD_CASES))
def test_each_bad_file_gets_its_reason_and_stores_nothing(name, bad_files):
    before = library_counts()
    items = run(upload({name: bad_files[name]}))
    _, status, reason = BAD_CASES[name]
    item = items[name]
    assert item.status == status
    assert reason in item.reason
    if status != ImportItem.Status.FAILED or "不是法治政府建设年度报告" not in reason:
        assert "请" in item.reason  # what to do about it, not only what is wrong
    assert item.report is None and item.duplicate_of is None
    assert library_counts() == before
    # The file itself is kept on the item, so nothing sent is lost.
    assert bytes(item.data) == bad_files[name]


def test_a_batch_of_every_bad_case_goes_on_with_its_good_files(bad_files, seed_bytes, seed_lines):
    good = {
        "good.txt": seed_bytes(0),
        "good_gbk.txt": seed_bytes(2).decode("utf-8").encode("gb18030"),
        "good.docx": docx_bytes(seed_lines(3)),
        "good.pdf": pdf_bytes(seed_lines(4)),
    }
    before = library_counts()
    items = run(upload({**bad_files, **good}))
    for name, (_, status, reason) in BAD_CASES.items():
        assert items[name].status == status, name
        assert reason in items[name].reason
    for name in good:
        assert items[name].status == ImportItem.Status.DONE, (name, items[name].reason)
    after = library_counts()
    assert after["Report"] == before["Report"] + len(good)
    assert after["SourceFile"] == before["SourceFile"] + len(good)


def test_gbk_file_without_declared_encoding_is_read_as_chinese(seed_bytes):
    text = seed_bytes(2).decode("utf-8")
    items = run(upload({"gbk.txt": text.encode("gbk", errors="strict")}))
    report = items["gbk.txt"].report
    assert items["gbk.txt"].status == ImportItem.Status.DONE
    assert report.title in text and "\ufffd" not in report.text


def test_docx_report_is_imported_with_its_heading_tree(seed_bytes, seed_lines):
    from_txt = run(upload({"a.txt": seed_bytes(3)}))["a.txt"].report
    sections_txt = list(from_txt.sections.values_list("path", "label"))
    Report.objects.filter(pk=from_txt.pk).delete()

    item = run(upload({"a.docx": docx_bytes(seed_lines(3))}))["a.docx"]
    assert item.status == ImportItem.Status.DONE, item.reason
    assert item.report.title == from_txt.title
    assert list(item.report.sections.values_list("path", "label")) == sections_txt
    assert item.report.indicator_values.exists()


def test_pdf_with_text_layer_is_imported_even_with_wrapped_lines_and_page_numbers(seed_bytes, seed_lines):
    lines = seed_lines(4)
    wrapped = [line[i : i + 36] for line in lines for i in range(0, max(len(line), 1), 36)]
    pages = []
    for start in range(0, len(wrapped), 40):
        pages += [*wrapped[start : start + 40], f"- {start // 40 + 1} -"]
    item = run(upload({"a.pdf": pdf_bytes(pages, lines_per_page=41)}))["a.pdf"]
    assert item.status == ImportItem.Status.DONE, item.reason
    report = item.report
    assert report.agency.region is not None
    assert "- 1 -" not in report.text
    # The same report as text is then a duplicate: the PDF's text is the report's text.
    twin = run(upload({"a.txt": seed_bytes(4)}))["a.txt"]
    assert twin.status == ImportItem.Status.DUPLICATE
    assert twin.duplicate_of == report


def test_pdf_spacing_between_chinese_numbers_and_punctuation_is_closed(seed_bytes, seed_lines):
    from reports.ingest import parse_report_file

    spaced = [line.replace("2021年", " 2021 年").replace("(一)", "( 一 )") for line in seed_lines(4)]
    item = run(upload({"spaced.pdf": pdf_bytes(spaced)}))["spaced.pdf"]

    assert item.status == ImportItem.Status.DONE, item.reason
    assert item.report.title == parse_report_file(seed_bytes(4), filename="a.txt").facts.title
    assert "( 一 )" not in item.report.text and " 2021 年" not in item.report.text


def test_pdf_of_an_html_report_is_a_duplicate_of_it(sample_path):
    from reports.ingest import parse_report_file

    html = sample_path("report_page.html").read_bytes()
    first = run(upload({"page.html": html}))["page.html"]
    assert first.status == ImportItem.Status.DONE
    # The PDF someone saved of the same report: title, then the text wrapped at the margin.
    page = parse_report_file(html, filename="page.html").page
    lines = [page.title, *page.text.splitlines()]
    wrapped = [line[i : i + 38] for line in lines for i in range(0, max(len(line), 1), 38)]
    before = library_counts()
    second = run(upload({"page.pdf": pdf_bytes(wrapped)}))["page.pdf"]
    assert second.status == ImportItem.Status.DUPLICATE
    assert second.duplicate_of == first.report
    assert f"#{first.report.pk}" in second.reason
    assert library_counts() == before


@pytest.mark.parametrize("base64", [False, True])
def test_a_page_saved_as_one_file_mht_is_read_as_its_html(sample_path, base64):
    html = sample_path("report_page.html").read_bytes()  # a GBK page
    items = run(upload({"page.html": html, "另存为单个文件.mht": mhtml_bytes(html, base64=base64)}))
    assert items["page.html"].status == ImportItem.Status.DONE
    saved = items["另存为单个文件.mht"]
    # The same text as the page itself: a duplicate of it, not "not a report" of encoded gibberish.
    assert saved.status == ImportItem.Status.DUPLICATE, saved.reason
    assert saved.duplicate_of == items["page.html"].report


def _xml_of(lines: list[str]) -> bytes:
    """A seed's lines as the text elements of some XML data (an OFD page, a workbook's strings)."""
    body = "".join(f"<t>{line.replace('&', '&amp;').replace('<', '&lt;')}</t>" for line in lines)
    return f'<?xml version="1.0" encoding="UTF-8"?><data xmlns="urn:example">{body}</data>'.encode()


def test_zip_based_documents_other_than_word_are_refused_by_name_not_unpacked(seed_lines):
    """An OFD file, an Excel workbook or an OpenDocument text is a zip of XML: it was unpacked like
    an archive of reports and one XML part stored as a report whose text was the markup."""
    text = _xml_of(seed_lines(3))
    documents = {
        "焦作市司法局.ofd": (
            zip_bytes({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Pages/Page_0/Content.xml": text}),
            "不支持OFD 版式文件",
        ),
        "统计.xlsx": (
            zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/sharedStrings.xml": text}),
            "不支持Excel 表格(.xlsx)",
        ),
        "报告.odt": (
            zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": text}),
            "不支持OpenDocument 文本(.odt)",
        ),
    }
    before = library_counts()
    items = run(upload({name: data for name, (data, _) in documents.items()}))
    assert set(items) == set(documents)  # one item each, no parts
    for name, (_, reason) in documents.items():
        assert items[name].status == ImportItem.Status.FAILED
        assert reason in items[name].reason and "另存为 PDF 或 Word" in items[name].reason
    assert library_counts() == before


def test_a_zip_whose_mimetype_member_is_damaged_is_refused_not_an_error_of_the_upload(seed_lines):
    # telling OpenDocument from an archive reads its mimetype member: damaged, it raised zlib.error
    damaged = with_broken_deflate(
        zip_bytes(
            {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": _xml_of(seed_lines(3))}
        ),
        "mimetype",
    )
    before = library_counts()
    items = run(upload({"报告.odt": damaged}))
    assert items and all(item.status == ImportItem.Status.FAILED for item in items.values())
    assert library_counts() == before


def _zip_of(*infos: tuple[zipfile.ZipInfo, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info, data in infos:
            archive.writestr(info, data)
    return buffer.getvalue()


def test_zips_zipfile_cannot_open_or_list_are_refused_not_errors_of_the_upload(seed_bytes):
    """Found by fuzzing the upload: a zip of an unknown version raised NotImplementedError, a
    member without a name IndexError, out of the upload request."""
    newer = zipfile.ZipInfo("a.txt")
    newer.extract_version = 99
    archives = {
        "newer.zip": _zip_of((newer, seed_bytes(0))),
        "nameless.zip": _zip_of((zipfile.ZipInfo(""), b"x"), (zipfile.ZipInfo("b.txt"), seed_bytes(0))),
    }
    items = run(upload(archives))
    assert items["newer.zip"].status == ImportItem.Status.FAILED
    assert items["newer.zip"].reason.startswith("压缩包已损坏,无法打开")
    assert items["nameless.zip/b.txt"].status == ImportItem.Status.DONE  # the named member read


@pytest.mark.parametrize("name", ["export.xml", "export.txt"])
def test_xml_data_is_refused_rather_than_stored_with_its_tags(seed_lines, name):
    before = library_counts()
    item = run(upload({name: _xml_of(seed_lines(3))}))[name]
    assert item.status == ImportItem.Status.FAILED
    assert "文件内容是 XML 数据,不是报告正文" in item.reason
    assert library_counts() == before


@pytest.mark.parametrize("name", ["t20240315_1", "page.txt"])
def test_a_page_saved_under_another_name_is_read_as_a_page(sample_path, name):
    from reports.ingest import parse_report_file

    html = sample_path("report_page.html").read_bytes()  # a GBK page declaring its charset
    as_page = parse_report_file(html, filename="page.html").page
    item = run(upload({name: html}))[name]
    assert item.status == ImportItem.Status.DONE, item.reason
    # the page's text and title, not its source with tags, scripts and navigation
    assert item.report.text == as_page.text and item.report.title == as_page.title


def test_a_page_saved_as_one_file_gives_the_address_it_was_saved_from(seed_lines):
    lines = seed_lines(1)
    html = "<html><head><meta charset='utf-8'></head><body>{}</body></html>".format(
        "".join(f"<p>{line}</p>" for line in lines)
    )
    address = "https://www.cqtn.gov.cn/bm/qcgj/zwgk/202401/t20240123_1.html"
    item = run(upload({"潼南.mhtml": mhtml_bytes(html.encode("utf-8"), address=address)}))["潼南.mhtml"]
    assert item.status == ImportItem.Status.DONE, item.reason
    assert item.report.source_url == address
    assert "=E" not in item.report.text and lines[-1].strip()[:10] in item.report.text


def test_same_file_twice_is_a_duplicate_linking_the_stored_file(seed_bytes):
    first = run(upload({"a.txt": seed_bytes(0)}))["a.txt"]
    before = library_counts()
    again = run(upload({"copy.txt": seed_bytes(0)}))["copy.txt"]
    assert again.status == ImportItem.Status.DUPLICATE
    assert again.duplicate_of == first.report
    assert again.source_file == first.report.source_file and again.data is None
    assert library_counts() == before


def test_a_duplicate_says_that_the_facts_stated_with_it_were_not_applied(seed_bytes):
    first = run(upload({"a.txt": seed_bytes(0)}))["a.txt"]

    again = run(upload({"copy.txt": seed_bytes(0)}, source_url="https://example.gov.cn/a.html", year=2019))

    reason = again["copy.txt"].reason
    assert f"上传时填写的报告年度、来源网址没有用于已存的报告 #{first.report.pk}" in reason
    first.report.refresh_from_db()
    assert first.report.source_url == "" and first.report.year != 2019


def test_same_agency_and_year_with_other_text_is_a_new_version(seed_bytes):
    original = seed_bytes(0).decode("utf-8")
    first = run(upload({"v1.txt": original.encode()}))["v1.txt"]
    revised = original.replace("有力有效筑法治之基", "有力有效筑牢法治之基(修订)", 1)
    second = run(upload({"v2.txt": revised.encode()}))["v2.txt"]
    assert second.status == ImportItem.Status.NEW_VERSION
    first.report.refresh_from_db()
    assert first.report.superseded_by == second.report and not first.report.is_current
    # the first file sent again is that old version, and says which one is current
    again = run(upload({"v1 again.txt": original.encode()}))["v1 again.txt"]
    assert again.status == ImportItem.Status.DUPLICATE and again.duplicate_of == first.report
    assert f"(旧版本,现行版本是 #{second.report.pk})" in again.reason


def test_a_stored_report_says_what_staff_should_check(seed_bytes):
    """An agency left without a place (城关区 is 兰州's and 拉萨's) and a text cut short were stored
    with nothing but 已导入: staff found them only by chance."""
    whole = seed_bytes(0).decode("utf-8")
    cut = whole[: whole.index("。", 1500) + 30]  # ends inside a sentence
    items = run(upload({"cut.txt": cut.encode()}))
    placeless = run(upload({"城关区.txt": whole.encode()}, agency_name="城关区司法局"))["城关区.txt"]
    sound = run(upload({"whole.txt": seed_bytes(1)}))["whole.txt"]

    assert items["cut.txt"].status == ImportItem.Status.DONE
    assert "请核对:正文可能不完整(在句子中间结束" in items["cut.txt"].reason
    assert "如有完整的文件,请上传以替换" in items["cut.txt"].reason
    assert placeless.status == ImportItem.Status.DONE and placeless.report.agency.region is None
    assert "机关所属地区未能确定(城关区 有2处同名:拉萨市、兰州市" in placeless.reason
    assert "为“城关区司法局”选择所属地区" in placeless.reason
    assert sound.status == ImportItem.Status.DONE and sound.reason == ""


def test_overrides_win_over_detection(seed_bytes):
    items = run(
        upload(
            {"a.txt": seed_bytes(0)},
            year=2022,
            source_url="https://example.gov.cn/a.html",
            agency_name="綦江区交通局",
            region_code="500110",
        )
    )
    report = items["a.txt"].report
    assert report.year == 2022
    assert report.source_url == "https://example.gov.cn/a.html"
    assert report.agency.region.code == "500110"


def test_zip_upload_becomes_one_item_per_file(seed_bytes, seed_lines):
    archive = zip_bytes(
        {
            "reports/a.txt": seed_bytes(0),
            "reports/b.docx": docx_bytes(seed_lines(1)),
            "reports/empty.txt": b"",
            "__MACOSX/reports/._a.txt": b"junk",
        }
    )
    items = run(upload({"spring.zip": archive}))
    assert set(items) == {
        "spring.zip/reports/a.txt",
        "spring.zip/reports/b.docx",
        "spring.zip/reports/empty.txt",
    }
    assert items["spring.zip/reports/a.txt"].status == ImportItem.Status.DONE
    assert items["spring.zip/reports/b.docx"].status == ImportItem.Status.DONE
    assert items["spring.zip/reports/empty.txt"].status == ImportItem.Status.FAILED


def test_a_zip_entry_whose_data_is_damaged_is_refused_and_the_others_imported(seed_bytes):
    archive = with_broken_deflate(zip_bytes({"a.txt": seed_bytes(0), "b.txt": seed_bytes(2)}), "b.txt")
    items = run(upload({"spring.zip": archive}))
    assert items["spring.zip/a.txt"].status == ImportItem.Status.DONE
    damaged = items["spring.zip/b.txt"]
    assert damaged.status == ImportItem.Status.FAILED
    assert damaged.reason.startswith("压缩包内文件已损坏:请从原网页重新下载后上传或重新压缩")


def test_zip_with_gbk_file_names_keeps_the_chinese_names(seed_bytes):
    import io
    import zipfile

    # As Windows' built-in zip tool writes them: GBK bytes, no UTF-8 flag.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("XXXX.txt", seed_bytes(0))
    data = buffer.getvalue().replace(b"XXXX.txt", "报告.txt".encode("gbk"))
    items = run(upload({"old.zip": data}))
    assert list(items) == ["old.zip/报告.txt"]


def test_docx_bomb_is_refused_before_expansion_and_the_batch_goes_on(seed_bytes):
    bomb = zip_bomb_bytes("word/document.xml", gigabytes=3)
    before = library_counts()
    started = time.monotonic()
    items = run(upload({"bomb.docx": bomb, "good.txt": seed_bytes(0)}))
    assert time.monotonic() - started < 30  # expanding 3 GiB would take far longer and the memory
    assert items["bomb.docx"].status == ImportItem.Status.FAILED
    assert "zip bomb" in items["bomb.docx"].reason and "未解压" in items["bomb.docx"].reason
    assert items["good.txt"].status == ImportItem.Status.DONE
    assert library_counts()["Report"] == before["Report"] + 1


def test_zip_bomb_upload_is_refused_whole_before_expansion(seed_bytes):
    bomb = zip_bomb_bytes("reports/huge.txt", gigabytes=3)
    before = library_counts()
    items = run(upload({"spring.zip": bomb, "good.txt": seed_bytes(0)}))
    assert items["spring.zip"].status == ImportItem.Status.FAILED
    assert "压缩包解压后将达 3072 MB" in items["spring.zip"].reason
    assert items["spring.zip"].data is None  # refused at intake: nothing to retry
    assert items["good.txt"].status == ImportItem.Status.DONE
    assert library_counts()["Report"] == before["Report"] + 1


def test_file_over_the_size_limit_is_refused_unread(settings, seed_bytes):
    settings.REPORT_MAX_BYTES = 64 * 1024
    big = seed_bytes(0) + b"\n" + "补充说明。".encode() * 20_000
    before = library_counts()
    items = run(upload({"big.txt": big, "small.txt": seed_bytes(0)}))
    assert items["big.txt"].status == ImportItem.Status.FAILED
    assert "文件过大" in items["big.txt"].reason
    assert items["big.txt"].data is None and items["big.txt"].size == len(big)
    assert items["small.txt"].status == ImportItem.Status.DONE
    assert library_counts()["Report"] == before["Report"] + 1


def test_a_report_file_over_the_whole_upload_limit_is_told_the_limit_of_one_file(settings, seed_bytes):
    settings.REPORT_MAX_BYTES = 1024 * 1024
    settings.REPORT_UPLOAD_MAX_BYTES = 3 * 1024 * 1024
    big = b"%PDF-1.7\n" + bytes(4 * 1024 * 1024)
    archive = zip_bytes({"a.txt": seed_bytes(0)}) + bytes(4 * 1024 * 1024)
    items = run(upload({"big.pdf": big, "big.zip": archive}))
    # A PDF is held to the limit of one file (1 MB here), not to the 3 MB a whole zip may hold.
    assert items["big.pdf"].reason.startswith("文件过大:4.0 MB,上限 1 MB")
    assert items["big.zip"].reason.startswith("文件过大:4.0 MB,上限 3 MB")


def test_file_over_the_limit_inside_a_zip_is_refused_without_expanding_it(settings, seed_bytes):
    settings.REPORT_MAX_BYTES = 64 * 1024
    archive = zip_bytes({"big.txt": seed_bytes(0) + "补充说明。".encode() * 20_000, "a.txt": seed_bytes(0)})
    items = run(upload({"z.zip": archive}))
    assert "文件过大" in items["z.zip/big.txt"].reason
    assert items["z.zip/a.txt"].status == ImportItem.Status.DONE


def test_retry_queues_failed_items_again_and_they_can_succeed(seed_bytes, monkeypatch):
    import reports.uploads.processing as processing

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(processing, "import_report", broken)
    items = run(upload({"a.txt": seed_bytes(0)}))
    item = items["a.txt"]
    assert item.status == ImportItem.Status.FAILED
    assert "internal error" in item.reason
    assert library_counts()["Report"] == 0

    monkeypatch.undo()
    assert retry_items(ImportItem.objects.filter(pk=item.pk)) == 1
    item.refresh_from_db()
    assert item.status == ImportItem.Status.QUEUED and item.reason == ""
    process_item(item.pk)
    item.refresh_from_db()
    assert item.status == ImportItem.Status.DONE and item.attempts == 2


def test_a_failure_half_way_through_storing_leaves_nothing(seed_bytes, monkeypatch):
    """An error after sections and the file were written rolls the whole item back."""
    import reports.ingest.pipeline as pipeline

    def fail_indexing(ids: object) -> None:
        raise RuntimeError("index failed")

    monkeypatch.setattr(pipeline, "index_reports", fail_indexing)
    before = library_counts()
    item = run(upload({"a.txt": seed_bytes(0)}))["a.txt"]
    assert item.status == ImportItem.Status.FAILED
    assert library_counts() == before


def test_a_word_97_file_is_imported_and_a_broken_one_refused_as_broken(sample_path):
    seed = sample_path("004_78ed85b0c485cc82_word97.doc").read_bytes()
    # The same container as a password-protected DOCX, but without its encrypted package.
    broken = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(4000)

    items = run(upload({"綦江区.doc": seed, "旧版.doc": broken}))

    assert items["綦江区.doc"].status == ImportItem.Status.DONE, items["綦江区.doc"].reason
    assert items["綦江区.doc"].report.agency.name == "重庆市綦江区人民政府"
    assert items["綦江区.doc"].report.indicator_values.filter(key="reconsideration_received").exists()
    assert items["旧版.doc"].status == ImportItem.Status.FAILED
    assert "已损坏" in items["旧版.doc"].reason and "已加密" not in items["旧版.doc"].reason
