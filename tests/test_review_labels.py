"""The Label page's API: two clients labeling at once keep each label once; test rows refused;
the Label Studio export re-imports to the same labels."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the workbench needs the 'review' extra")
from starlette.testclient import TestClient  # noqa: E402

from alchemist.labels import read_label_studio  # noqa: E402
from alchemist.review import create_app  # noqa: E402
from alchemist.run.folder import RunDir  # noqa: E402
from alchemist.run.labeling import RunLabels  # noqa: E402

from .run_helpers import build_run  # noqa: E402


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_run(tmp_path_factory.mktemp("label-api") / "run").folder


def _client(folder: Path) -> TestClient:
    app = create_app(folder, token="t", hosts=["testserver"])
    return TestClient(app, headers={"x-alchemist-token": "t"})


def test_two_clients_labeling_at_once_keep_each_label_once(run_folder: Path, tmp_path: Path):
    labels = RunLabels(RunDir(run_folder))
    rows = [s.id for s in labels.suggest(40)]
    tabs = [_client(run_folder), _client(run_folder)]  # two workbenches, as two tabs or servers
    page = tabs[0].get("/label")
    assert page.status_code == 200 and rows[0] in page.text

    def label(tab: TestClient, part: list[str]) -> None:
        for row in part:
            response = tab.post("/api/labels", json={"row": row, "class": "SPAM"})
            assert response.status_code == 200, response.text

    threads = [
        threading.Thread(target=label, args=(tabs[0], rows[:30])),  # racing for rows 0..29
        threading.Thread(target=label, args=(tabs[1], rows[:30] + rows[30:])),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    events = [
        json.loads(x) for x in (run_folder / "labels" / "labels.jsonl").read_text().split("\n") if x
    ]
    assert sorted(e["row"] for e in events) == sorted(rows)

    exported = tabs[1].get("/api/labels/export.json")
    assert exported.status_code == 200
    (tmp_path / "ls.json").write_bytes(exported.content)
    assert read_label_studio(tmp_path / "ls.json", labels.task) == labels.current()
    assert tabs[0].post("/api/labels/undo", json={"row": rows[0]}).json()["label"] is None

    test_row = next(iter(labels.test_ids - set(labels.items)))
    refused = tabs[0].post("/api/labels", json={"row": test_row, "class": "HAM"})
    assert refused.status_code == 400 and "test rows never take a label" in refused.json()["error"]
