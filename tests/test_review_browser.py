"""The workbench end to end: `alchemist review` serving a real run, driven by headless Chromium.

Needs Debian's ``chromium`` and ``chromium-driver`` (``make test`` installs them). With
``ALCHEMIST_SCREENSHOTS=docs/workbench`` the screenshots of each page land there, where
docs/workbench.md shows them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the workbench needs the 'review' extra")
webdriver = pytest.importorskip("selenium.webdriver", reason="browser tests need selenium")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

import alchemist  # noqa: E402

from .run_helpers import build_run  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = os.environ.get("ALCHEMIST_SCREENSHOTS")
P005_BROADER = (
    "def label_spam(text):\n    t = text.lower()\n"
    "    spam = ('check' in t or 'subscribe' in t or 'http' in t or 'www' in t\n"
    "            or 'channel' in t)\n"
    "    return 1 if spam else -1\n"
)

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
    reason="Chromium is not installed; `make test` installs it "
    "(apt-get install -y chromium chromium-driver)",
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`alchemist review RUN` in its own process; yields the printed address and the run."""
    run = build_run(tmp_path / "run").folder
    env = {**os.environ, "PYTHONPATH": str(Path(alchemist.__file__).parents[1])}
    process = subprocess.Popen(
        [sys.executable, "-m", "alchemist", "review", str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        line = process.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/\?token=[\w-]+)", line)
        assert match, f"no address printed: {line!r}"
        yield match.group(1), run
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--window-size=1280,860",
        "--disable-dev-shm-usage",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver: webdriver.Chrome, name: str, folder: Path, *, full: bool = False) -> None:
    target = Path(SHOTS) if SHOTS else folder
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{name}.png"
    if full:  # the whole page, up to 1700 pixels
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, min(int(height) + 140, 1700))
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 860)
    if SHOTS:  # small files for the repository: a 64-colour palette
        from PIL import Image

        Image.open(path).convert("RGB").quantize(colors=64).save(path, optimize=True)
    assert path.stat().st_size > 10_000


def _accuracy(driver: webdriver.Chrome, split: str, method: str) -> float:
    cell = driver.find_element(
        By.CSS_SELECTOR, f'tr[data-split="{split}"][data-method="{method}"] td.accuracy'
    )
    return float(cell.text)


def test_review_disable_edit_try_save_rerun(server: tuple[str, Path], browser, tmp_path: Path):
    url, run = server
    wait = WebDriverWait(browser, 60)
    base = url.split("/?")[0]

    # Without the token the server refuses; with it, the overview opens.
    browser.get(base + "/")
    assert "Missing or wrong access token" in browser.page_source
    browser.get(url)
    assert browser.current_url == base + "/"  # token moved into a cookie
    before = {m: _accuracy(browser, "test", m) for m in ("label_model", "distilled")}
    assert len(browser.find_elements(By.CSS_SELECTOR, "#overview svg")) == 4
    _shot(browser, "overview", tmp_path, full=True)

    # Disable p001 (its URL rule moves into the broader p005 below) on the Programs page.
    browser.find_element(By.LINK_TEXT, "Programs").click()
    browser.find_element(By.CSS_SELECTOR, 'input.toggle[data-program="p001"]').click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "rerun-status"), "p001 disabled"))
    assert "disabled" in browser.find_element(By.ID, "row-p001").get_attribute("class")
    assert '"enabled": false' in (run / "programs" / "p001.json").read_text()
    _shot(browser, "programs", tmp_path)

    # Edit p005, try it on dev rows: refused code first, then a broader rule.
    browser.find_element(By.LINK_TEXT, "p005").click()
    editor = browser.find_element(By.ID, "editor")
    editor.clear()
    editor.send_keys("import os\ndef label_spam(text):\n    return 1\n")
    browser.find_element(By.ID, "try").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "edit-status"), "imports os"))
    browser.execute_script("document.getElementById('editor').value = arguments[0]", P005_BROADER)
    browser.find_element(By.ID, "try").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "try-summary"), "50 rows"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#try-results tbody tr")
    assert len(rows) == 50
    cells = [[td.text for td in row.find_elements(By.TAG_NAME, "td")] for row in rows]
    assert {c[4] for c in cells} <= {"HAM", "SPAM"}  # gold of every dev row
    assert sum(c[3] == "SPAM" for c in cells) > sum(c[2] == "SPAM" for c in cells)
    changed = sum(c[3] != c[2] for c in cells)
    Select(browser.find_element(By.ID, "try-filter")).select_by_value("changed")
    shown = [r for r in rows if r.is_displayed()]
    assert 0 < len(shown) == changed < 50
    _shot(browser, "program", tmp_path)

    # Save as a new version: the old one is kept, disabled; the page says so and shows the diff.
    browser.find_element(By.ID, "save").click()
    wait.until(EC.url_to_be(base + "/programs/p005_v2?saved=p005_v2"))
    assert "Saved as p005_v2" in browser.find_element(By.ID, "edit-status").text
    assert (run / "programs" / "p005.py").exists()
    assert "channel" in (run / "programs" / "p005_v2.py").read_text()
    added = browser.find_elements(By.CSS_SELECTOR, "#parent-diff pre.diff span.add")
    assert any("channel" in line.text for line in added)

    # A new program from the template: the task's function and classes, tried with
    # Ctrl+Enter, saved, in use from the next re-run.
    browser.get(base + "/programs")
    browser.find_element(By.ID, "new-program").click()
    editor = browser.find_element(By.ID, "editor")
    template = editor.get_attribute("value")
    assert "def label_spam(text):" in template and "1 = SPAM" in template
    browser.execute_script(
        "document.getElementById('editor').value = arguments[0]",
        template.replace('"write a clue here"', '"subscribe"').replace(
            "return 0  # HAM", "return 1"
        ),
    )
    editor.send_keys(Keys.CONTROL, Keys.ENTER)
    wait.until(EC.text_to_be_present_in_element((By.ID, "try-summary"), "50 rows"))
    browser.find_element(By.ID, "save").click()
    wait.until(EC.url_to_be(base + "/programs/w001?saved=w001"))
    assert "'subscribe'" in (run / "programs" / "w001.py").read_text().replace('"', "'")
    _shot(browser, "new-program", tmp_path)

    # Revert p005_v2: p005 is back in use, the edit out of use (both stay on disk).
    browser.get(base + "/programs/p005_v2")
    browser.find_element(By.ID, "revert").click()
    wait.until(EC.url_to_be(base + "/programs/p005?saved=p005"))
    assert '"enabled": true' in (run / "programs" / "p005.json").read_text()
    assert '"enabled": false' in (run / "programs" / "p005_v2.json").read_text()

    # Re-run: progress shows; a toggle meanwhile is refused, and the refusal stays on screen.
    browser.get(base + "/programs")
    browser.find_element(By.ID, "rerun").click()
    WebDriverWait(browser, 10, poll_frequency=0.05).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-rerun") == "running"
    )
    assert browser.find_element(By.ID, "rerun-progress").is_displayed()
    browser.find_element(By.CSS_SELECTOR, 'input.toggle[data-program="p002"]').click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "notice"), "in progress"))
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-rerun") == "done")
    assert "in progress" in browser.find_element(By.ID, "notice").text  # not overwritten
    assert browser.find_element(By.CSS_SELECTOR, 'input.toggle[data-program="p002"]').is_selected()
    assert re.search(r"re-run done in \d+\.\d s", browser.find_element(By.ID, "rerun-status").text)

    # The overview: figures before and after, with the time it took and a warning where one fell
    # (p001's URL rule is out, and p005 is back to its narrow rule).
    browser.get(base + "/")
    assert re.match(r"\d+\.\d s, choices kept", browser.find_element(By.ID, "rerun-seconds").text)
    after = {m: _accuracy(browser, "test", m) for m in ("label_model", "distilled")}
    # p001's URL rule is out and p005 is back to its narrow rule: the label model loses the
    # spam those rules found, and the page must say that it fell.
    assert after["label_model"] < before["label_model"]
    change = browser.find_element(
        By.CSS_SELECTOR, '#changes tr[data-split="test"][data-method="label_model"]'
    )
    cells = change.find_elements(By.TAG_NAME, "td")
    assert cells[4].text == f"{after['label_model'] - before['label_model']:+.3f}"
    fell = browser.find_elements(By.CSS_SELECTOR, "#changes td.down")
    warning = browser.find_elements(By.ID, "fell-warning")
    assert fell and warning and warning[0].is_displayed(), (before, after)
    assert "test label model accuracy" in warning[0].text
    print(f"test accuracy before/after: {before} -> {after}")
    _shot(browser, "rerun", tmp_path)

    # Items agree with the overview: on every labeled split, the rows each model gets wrong
    # are as many as its accuracy there says.
    browser.get(base + "/")
    accuracy = {
        (split, method): _accuracy(browser, split, method)
        for split in ("dev", "test")
        for method in ("label_model", "distilled")
    }
    for (split, method), figure in accuracy.items():
        browser.get(base + f"/items?split={split}")
        rows = int(browser.find_element(By.ID, "item-count").text.split()[0])
        browser.get(base + f"/items?split={split}&show={method.replace('_', '-')}-wrong")
        count = int(browser.find_element(By.ID, "item-count").text.split()[0])
        assert count == round((1 - figure) * rows), (split, method, count, figure)
    assert count > 0
    browser.get(base + "/items?split=dev&show=label-model-wrong&q=http")
    assert browser.find_elements(By.CSS_SELECTOR, "#items td.text mark")
    _shot(browser, "items", tmp_path)
