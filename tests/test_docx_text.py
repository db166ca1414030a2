"""What a Word (DOCX) file's text is: each paragraph once, in document order, a text box's
paragraphs once after the paragraph it is anchored in, a tracked move at its new place only, no
hidden run, a table's rows as a web page's are read, a web page merged in (w:altChunk) where it
stands (no database). The documents are synthetic,
written as Word 2010 and later write them."""

from __future__ import annotations

from reports.ingest.documents import docx_text
from reports.ingest.pipeline import parse_report_file
from tests.conftest import SAMPLES
from tests.readings import assert_read_alike
from tests.upload_samples import zip_bytes

_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def docx_with_body(body: str) -> bytes:
    document = f"<w:document {_NAMESPACES}><w:body>{body}</w:body></w:document>"
    return zip_bytes({"word/document.xml": document.encode()})


def run(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def text_box(text: str) -> str:
    """A text box as Word writes it: DrawingML for current readers, VML for older ones."""
    content = f"<w:txbxContent><w:p>{run(text)}</w:p></w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{content}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def test_a_text_box_is_read_once_after_the_paragraph_it_is_anchored_in():
    body = (
        f"<w:p>{run('某某区司法局2023年法治政府建设情况报告')}</w:p>"
        f"<w:p>{run('全年办理行政复议案件61件。')}{text_box('附:行政复议案件统计')}</w:p>"
        f"<w:p>{run('二、存在的问题')}</w:p>"
    )

    assert docx_text(docx_with_body(body)).split("\n") == [
        "某某区司法局2023年法治政府建设情况报告",
        "全年办理行政复议案件61件。",
        "附:行政复议案件统计",
        "二、存在的问题",
    ]


def test_a_tracked_move_is_read_at_its_new_place_only():
    moved = "收到行政复议申请61件。"
    body = (
        f"<w:p><w:moveFrom>{run(moved)}</w:moveFrom>{run('依法受理57件。')}</w:p>"
        f"<w:p>{run('办结47件。')}<w:moveTo>{run(moved)}</w:moveTo></w:p>"
        f"<w:p><w:del><w:r><w:delText>删去的话。</w:delText></w:r></w:del><w:ins>{run('新加的话。')}</w:ins></w:p>"
    )

    assert docx_text(docx_with_body(body)).split("\n") == [
        "依法受理57件。",
        "办结47件。" + moved,
        "新加的话。",
    ]


def test_a_run_formatted_hidden_is_not_read():
    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>(内部意见:数字待核)</w:t></w:r>"
    shown_again = '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>纠错率100%。</w:t></w:r>'
    body = f"<w:p>{run('全年办理行政复议案件61件,')}{hidden}{shown_again}</w:p>"

    assert docx_text(docx_with_body(body)) == "全年办理行政复议案件61件,纠错率100%。"


def table(*rows: tuple[str, ...]) -> str:
    """A table; a cell's lines (parted by newlines) are paragraphs of their own."""

    def cell(text: str) -> str:
        return (
            "<w:tc>"
            + "".join(f"<w:p>{run(line) if line else ''}</w:p>" for line in text.split("\n"))
            + "</w:tc>"
        )

    return "<w:tbl>" + "".join("<w:tr>" + "".join(map(cell, row)) + "</w:tr>" for row in rows) + "</w:tbl>"


def test_a_tables_rows_are_lines_with_their_cells_apart_as_a_pages_are():
    body = (
        f"<w:p>{run('全年办理行政复议案件61件。')}</w:p>"
        + table(("项目", "2023年"), ("行政复议申请", "61件"), ("合计", ""))
        + f"<w:p>{run('二、存在的问题')}</w:p>"
    )

    assert docx_text(docx_with_body(body)).split("\n") == [
        "全年办理行政复议案件61件。",
        "项目 | 2023年",
        "行政复议申请 | 61件",  # the figure keeps its row's label (each cell was a line of its own)
        "合计 |",
        "二、存在的问题",
    ]


def test_a_row_whose_cells_hold_several_paragraphs_is_read_paragraph_by_paragraph():
    # A table used for layout: its cells are blocks of text, not values.
    body = table(("一、主要举措\n全年办理行政复议案件61件。", "附图"))

    assert docx_text(docx_with_body(body)).split("\n") == [
        "一、主要举措",
        "全年办理行政复议案件61件。",
        "附图",
    ]


def merged_table(*rows: tuple[str, ...]) -> str:
    """A table whose first column is one cell merged down all rows (Word's vMerge): the first
    row's cell text is that cell's, the other rows' first cells continue it."""
    restart, merged_on = '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>', "<w:tcPr><w:vMerge/></w:tcPr>"

    def cell(text: str, properties: str = "") -> str:
        paragraphs = "".join(f"<w:p>{run(line)}</w:p>" for line in text.split("\n") if line)
        return f"<w:tc>{properties}{paragraphs or '<w:p/>'}</w:tc>"

    rows_xml = [
        f"<w:tr>{cell(row[0], restart if number == 0 else merged_on)}{''.join(map(cell, row[1:]))}</w:tr>"
        for number, row in enumerate(rows)
    ]
    return "<w:tbl>" + "".join(rows_xml) + "</w:tbl>"


def test_a_cell_merged_down_is_repeated_in_a_row_of_figures_but_not_in_a_layout_row():
    figures = merged_table(("行政复议", "收到申请", "61件"), ("", "办结", "58件"))
    layout = merged_table(
        ("栏目导航", "一、主要举措\n全年办理行政复议案件61件。"), ("", "二、存在的问题\n执法还不够规范。")
    )

    assert docx_text(docx_with_body(figures + layout)).split("\n") == [
        "行政复议 | 收到申请 | 61件",
        "行政复议 | 办结 | 58件",  # the row label merged down: each row keeps it
        "栏目导航",
        "一、主要举措",
        "全年办理行政复议案件61件。",
        # a layout row reads its own cells: the merged cell is not read again
        "",
        "二、存在的问题",
        "执法还不够规范。",
    ]


_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"


def docx_with_chunk(body: str, target: str, chunk: bytes | None) -> bytes:
    """A Word file whose body merges another document where ``w:altChunk`` stands, as tools
    that export a web page to Word write it."""
    document = (
        f'<w:document {_NAMESPACES} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<w:body>{body}</w:body></w:document>"
    )
    relationships = (
        f'<Relationships xmlns="{_RELATIONSHIPS}">'
        f'<Relationship Id="rId9" Type="{_CHUNK}" Target="{target}"/></Relationships>'
    )
    parts = {"word/document.xml": document.encode(), "word/_rels/document.xml.rels": relationships.encode()}
    if chunk is not None:
        parts["word/" + target.lstrip("/").removeprefix("word/")] = chunk
    return zip_bytes(parts)


def test_a_web_page_merged_into_a_word_file_is_read_where_it_stands_as_a_page_is():
    page = (
        '<html><head><meta charset="utf-8"></head><body><p>一、主要举措和成效</p>'
        "<p>全年办理行政复议案件61件。</p><table><tr><td>行政复议申请</td><td>61件</td></tr></table>"
        "</body></html>"
    ).encode()
    body = (
        f"<w:p>{run('某某区司法局2023年法治政府建设情况报告')}</w:p>"
        '<w:altChunk r:id="rId9"/>'
        f"<w:p>{run('二、存在的问题')}</w:p>"
    )

    for target in ("afchunk.htm", "/word/afchunk.htm"):
        assert docx_text(docx_with_chunk(body, target, page)).split("\n") == [
            "某某区司法局2023年法治政府建设情况报告",
            "一、主要举措和成效",
            "全年办理行政复议案件61件。",
            "行政复议申请 | 61件",
            "二、存在的问题",
        ]


def test_a_merged_document_that_is_missing_leaves_the_rest_readable():
    body = f'<w:p>{run("全年办理行政复议案件61件。")}</w:p><w:altChunk r:id="rId9"/>'

    assert docx_text(docx_with_chunk(body, "afchunk.htm", None)) == "全年办理行政复议案件61件。"


def test_a_government_page_exported_to_word_reads_as_the_page_itself():
    page = (SAMPLES / "report_page.html").read_bytes()

    as_word = parse_report_file(
        docx_with_chunk('<w:altChunk r:id="rId9"/>', "afchunk.htm", page), filename="r.docx"
    )

    assert_read_alike(as_word, parse_report_file(page, filename="r.html"))
