"""The admin upload in Chromium: log in, upload files, watch the batch page refresh until done.

A real ``manage.py db_worker`` process parses the files, against the live server's database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from playwright.sync_api import expect

from reports.ingest import ReportOverrides
from reports.models import ImportItem, Report
from reports.uploads import IncomingFile, create_batch, process_item
from tests.browser.checks import horizontal_overflow
from tests.upload_samples import blank_pdf_bytes, docx_bytes

pytestmark = pytest.mark.browser

SAMPLES = Path(__file__).parent.parent / "samples"


@pytest.fixture
def start_worker(transactional_db: None):
    """Starts ``manage.py db_worker`` in its own process, on this test's database."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{auth}@{quote(db['HOST'] or '', safe='')}{port}/{db['NAME']}",
    }
    env.pop("DEBUG", None)
    processes: list[subprocess.Popen] = []

    def start() -> None:
        command = [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ]
        processes.append(
            subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        )

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_staff_upload_files_and_watch_the_batch_finish(page, seed_reports, start_worker, screenshot):
    User.objects.create_superuser("editor", password="pw-editor-1")
    # A synthetic sample report (not a real one) as Word, a scan without text layer, and a seed
    # report that is already in the library.
    good = docx_bytes((SAMPLES / "synthetic_county_2019_parts.txt").read_text(encoding="utf-8").splitlines())
    files = [
        {"name": "黟县2019年报告(合成样本).docx", "mimeType": "application/octet-stream", "buffer": good},
        {"name": "扫描件.pdf", "mimeType": "application/pdf", "buffer": blank_pdf_bytes(2)},
        {
            "name": "重复.txt",
            "mimeType": "text/plain",
            "buffer": next(SAMPLES.glob("000_*.txt")).read_bytes(),
        },
    ]

    page.goto("/admin/reports/importbatch/add/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-1")
    page.click("input[type=submit]")
    expect(page.get_by_role("heading", name="上传报告文件")).to_be_visible()
    page.set_input_files("input[name=files]", files)
    page.fill("#id_source_url", "https://www.yixian.gov.cn/report-2019.html")
    screenshot("form")

    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))
    page.click("input[name=_upload]")
    # No worker yet: the batch page shows the files queued and will update itself in place,
    # leaving focus where it is (a reload sent it to the top and had a screen reader start over).
    progress = page.locator("#batch-progress")
    expect(progress).to_contain_text("正在解析\uff1a已完成 0 / 3")
    expect(page.locator("tr.item[data-status=queued]")).to_have_count(3)
    assert page.locator("#batch-status").get_attribute("aria-live") == "polite"
    # the live region changes only when the progress does: not read out again every 2 seconds
    page.evaluate(
        """() => { window.liveChanges = 0; new MutationObserver(() => window.liveChanges++)
            .observe(document.getElementById("batch-status"),
                     {childList: true, subtree: true, characterData: true}); }"""
    )
    page.wait_for_timeout(4500)  # two polls, the batch still queued (no worker yet)
    assert page.evaluate("window.liveChanges") == 0
    screenshot("queued")
    loads_before = len(loads)
    page.get_by_role("link", name="继续上传").focus()
    start_worker()
    expect(progress).to_contain_text("已全部处理\uff1a3 / 3", timeout=60_000)
    assert len(loads) == loads_before, "the page reloaded itself"
    assert page.evaluate("document.activeElement.textContent") == "继续上传"

    rows = page.locator("tr.item")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_have_attribute("data-status", "done")
    expect(rows.nth(0)).to_contain_text("黟县")
    expect(rows.nth(1)).to_have_attribute("data-status", "needs_ocr")
    expect(rows.nth(1)).to_contain_text("需要先做文字识别")
    expect(rows.nth(2)).to_have_attribute("data-status", "duplicate")
    expect(rows.nth(2)).to_contain_text("重复于")
    expect(page.locator("#batch-summary")).to_contain_text("已导入 1")
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    screenshot()

    item = ImportItem.objects.get(status=ImportItem.Status.DONE)
    assert item.report.source_url == "https://www.yixian.gov.cn/report-2019.html"
    assert Report.objects.count() == len(seed_reports) + 1
    # The report link leads to its admin page.
    rows.nth(0).get_by_role("link", name=f"报告 #{item.report.pk}").click()
    expect(page.locator("#id_title")).to_have_value(item.report.title)


def test_a_batch_with_long_names_and_reasons_fits_the_screen(page, seed_reports, screenshot):
    User.objects.create_superuser("editor", password="pw-editor-1")
    duplicate = next(SAMPLES.glob("000_*.txt")).read_bytes()
    refused = "找不到报告机关的名称:标题、开头和落款都没有写明带地名的机关;请在上传时填写报告机关的全称"
    batch = create_batch(
        [
            IncomingFile(
                "县司法局 上传 2024 年 报告 合集.zip/重庆市綦江区交通局2023年法治政府建设情况报告(重复).txt",
                len(duplicate),
                duplicate,
            ),
            IncomingFile(
                "某某镇人民政府关于2024年度法治政府建设工作情况的报告(定稿 第三版).txt", 9, None, refused
            ),
        ],
        overrides=ReportOverrides(),
        created_by=None,
    )
    for item in batch.items.filter(status=ImportItem.Status.QUEUED):
        process_item(item.pk)

    page.goto(f"/admin/reports/importbatch/{batch.pk}/change/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-1")
    page.click("input[type=submit]")
    expect(page.locator("#batch-progress")).to_contain_text("已全部处理")
    screenshot()

    assert horizontal_overflow(page) == 0
    # Each reason is given a readable width, not a column of a few characters.
    for reason in page.locator("td.reason").all():
        assert reason.bounding_box()["width"] >= 300
