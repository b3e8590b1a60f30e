"""The Label page in Chromium: label five suggestions with the keyboard, undo one, kill and
restart the server, and find four labels kept."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the workbench needs the 'review' extra")
pytest.importorskip("selenium.webdriver", reason="browser tests need selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

import alchemist  # noqa: E402

from .run_helpers import build_run  # noqa: E402
from .test_review_browser import browser, pytestmark  # noqa: E402, F401


def _start(run: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(Path(alchemist.__file__).parents[1])}
    process = subprocess.Popen(
        [sys.executable, "-m", "alchemist", "review", str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    lines = []
    for _ in range(20):  # warnings may come first
        lines.append(process.stdout.readline())
        if match := re.search(r"(http://127\.0\.0\.1:\d+/\?token=[\w-]+)", lines[-1]):
            return process, match.group(1)
    raise AssertionError(f"no address printed: {lines!r}")


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Path]:
    yield build_run(tmp_path / "run").folder


def _label_page(driver, url: str) -> None:
    driver.get(url)
    driver.get(url.split("/?")[0] + "/label")
    WebDriverWait(driver, 60).until(lambda d: d.find_element(By.ID, "label-text").text)


def _wait_count(driver, count: int) -> None:
    WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.ID, "label-count").text == str(count)
    )


def test_label_five_by_keyboard_undo_one_kill_restart_four_kept(run: Path, browser):  # noqa: F811
    process, url = _start(run)
    try:
        _label_page(browser, url)
        body = browser.find_element(By.TAG_NAME, "body")
        labeled = []
        for key in "12s121":  # five labels and one skip
            row = browser.find_element(By.ID, "label-card").get_attribute("data-row")
            body.send_keys(key)
            if key != "s":
                labeled.append((row, ("HAM", "SPAM")[int(key) - 1]))
                _wait_count(browser, len(labeled))
            else:
                WebDriverWait(browser, 10).until(
                    lambda d, row=row: (
                        d.find_element(By.ID, "label-card").get_attribute("data-row") != row
                    )
                )
        body.send_keys("u")  # undo the last label
        _wait_count(browser, 4)
        assert browser.find_element(By.ID, "label-card").get_attribute("data-row") == labeled[-1][0]
    finally:
        process.send_signal(signal.SIGKILL)  # no clean shutdown
        process.wait(timeout=10)
        process.stdout.close()
    events = [json.loads(x) for x in (run / "labels" / "labels.jsonl").read_text().splitlines()]
    assert [e["action"] for e in events] == ["label"] * 5 + ["undo"]

    process, url = _start(run)
    try:
        _label_page(browser, url)
        assert browser.find_element(By.ID, "label-count").text == "4"
        recent = {
            tr.get_attribute("data-row"): tr.find_element(By.CSS_SELECTOR, ".current").text
            for tr in browser.find_elements(By.CSS_SELECTOR, "#recent tbody tr")
        }
        assert recent == dict(labeled[:4])
        # A label is corrected from the recent list; the suggestions leave labeled rows out.
        first, label = labeled[0]
        other = "SPAM" if label == "HAM" else "HAM"
        browser.find_element(
            By.CSS_SELECTOR, f'button.correct[data-row="{first}"][data-class="{other}"]'
        ).click()
        WebDriverWait(browser, 10).until(
            lambda d: (
                d.find_element(By.CSS_SELECTOR, f'tr[data-row="{first}"] .current').text == other
            )
        )
        shown = browser.find_element(By.ID, "label-card").get_attribute("data-row")
        assert shown not in dict(labeled[:4])
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
    events = [json.loads(x) for x in (run / "labels" / "labels.jsonl").read_text().splitlines()]
    assert events[-1]["action"] == "correct" and events[-1]["class"] == other
