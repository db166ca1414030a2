"""Browser tests: one headless Debian Chromium per session, driven by Playwright against live_server.

Every test that takes the ``page`` fixture runs twice, at desktop (1280×900) and phone (390×844)
size. Screenshots go to ``test-artifacts/screenshots/<test>-<desktop|phone>.png``. Chromium is
never downloaded: the tests use ``/usr/bin/chromium`` and fail (never skip) when it is missing,
so CI cannot pass without having run them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, Response, sync_playwright

from reports.models import Region, Report
from reports.regions.loading import sync_regions
from reports.seeding import load_seed_fixture

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "apt-get install chromium chromium-driver fonts-wqy-microhei"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


def _missing_cjk_font() -> bool:
    """True when fontconfig knows no font covering Chinese (the pages would show empty boxes)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:  # Chromium depends on fontconfig; without the tool we cannot tell.
        return False
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return not found.stdout.strip()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Browser tests need Debian's Chromium at {CHROMIUM}, which is missing. "
            f"Install it with: {INSTALL_HINT}  (the tests never download a browser)",
            pytrace=False,
        )
    if _missing_cjk_font():
        pytest.fail(
            f"No Chinese font is installed, so pages would render as boxes. Install one with: {INSTALL_HINT}",
            pytrace=False,
        )
    # Playwright's sync API runs its asyncio loop in a greenlet of this thread and leaves it
    # registered as the thread's running loop for as long as Playwright is started. Django's
    # async-safety check sees that loop and refuses every ORM call made here (loading the seed
    # data, the transactional_db flush) although none of them runs inside a coroutine: test code
    # and Playwright take turns in one thread, and the live server answers in its own thread
    # with its own connection. So the check is switched off exactly while Playwright runs, and
    # the previous setting is restored when it stops.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    """Remember each phase's outcome on the item, so ``page`` can screenshot a failure."""
    report = yield
    setattr(item, f"outcome_{report.when}", report)
    return report


@pytest.fixture
def seed_reports(transactional_db: None) -> list[Report]:
    """The five real seed reports, committed so that the live server's thread sees them.

    live_server needs committed rows, hence ``transactional_db``, which empties every table
    after each test, the national division table the migration loaded included. So it is put
    back first (a bulk load, much faster than a serialized rollback's row-by-row restore).
    """
    sync_regions(Region)
    assert load_seed_fixture() == 5
    return list(Report.objects.select_related("agency", "source_file").order_by("pk"))


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, browser: Browser, live_server) -> Iterator[Page]:
    """A fresh page on the live server (relative URLs work) at desktop or phone size.

    It fails the test if anything the page loads (a stylesheet, a link followed) answers with
    an error status, but for the refusals a test asks for and names in ``page.refusals_asked``
    (the search page answers a refused query with its help and a 400).
    """
    context = browser.new_context(
        viewport=VIEWPORTS[request.param], locale="zh-CN", base_url=live_server.url, accept_downloads=True
    )
    new_page = context.new_page()
    new_page.set_default_timeout(10_000)
    failed: list[str] = []
    new_page.refusals_asked = set()

    def note_failure(response: Response) -> None:
        asked = any(response.url.endswith(path) for path in new_page.refusals_asked)
        if response.status >= 400 and not (asked and response.status < 500):
            failed.append(f"{response.status} {response.url}")

    new_page.on("response", note_failure)
    yield new_page
    call = getattr(request.node, "outcome_call", None)
    if call is not None and call.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        new_page.screenshot(path=SCREENSHOTS / f"{_shot_name(request)}-failed.png", full_page=True)
    context.close()
    assert not failed, f"requests answered with an error: {failed}"


def _shot_name(request: pytest.FixtureRequest) -> str:
    return f"{request.node.originalname}-{request.node.callspec.params['page']}"


@pytest.fixture
def screenshot(request: pytest.FixtureRequest, page: Page) -> Callable[..., Path]:
    """``screenshot()`` saves the whole page as test-artifacts/screenshots/<test>-<width>.png.

    ``screenshot("step")`` names it <test>-step-<width>.png, for a test that visits several pages.
    """

    def take(step: str = "") -> Path:
        name = _shot_name(request)
        if step:
            name = name.replace(f"{request.node.originalname}-", f"{request.node.originalname}-{step}-", 1)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
