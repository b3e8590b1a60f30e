"""The workbench's pages on a tabular run without a test split, class names needing escapes."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette", reason="the workbench needs the 'review' extra")
from starlette.testclient import TestClient  # noqa: E402

from alchemist.programs import Program  # noqa: E402
from alchemist.review import create_app  # noqa: E402
from alchemist.run import pipeline  # noqa: E402
from alchemist.task import load_task  # noqa: E402

from .conftest import EXAMPLES  # noqa: E402
from .synthetic import census_rows  # noqa: E402

CENSUS = [
    "def label_income(row):\n    return 1 if row['capital_gain'] > 5000 else -1\n",
    "def label_income(row):\n    return 0 if row['age'] < 25 else -1\n",
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    task = load_task(EXAMPLES / "census.yaml")
    folder = tmp_path_factory.mktemp("census")
    census_rows(400).to_csv(folder / "adult.csv", index=False)
    config = pipeline.RunConfig(
        data=str(folder / "adult.csv"),
        limit=400,
        dev_size=80,
        n_programs=2,
        workers=1,
        use_cache=False,
    )
    run = pipeline.init_run(folder / "run", task, config)
    for i, source in enumerate(CENSUS, 1):
        run.programs.add(Program(id=f"p{i:03d}", source=source, function_name=task.function_name))
    pipeline.rerun(run)
    app = create_app(run.folder, token="t", hosts=["testserver"])
    return TestClient(app, headers={"x-alchemist-token": "t"})


def test_tabular_rows_read_as_fields_and_class_names_are_escaped(client: TestClient):
    page = client.get("/items?split=dev").text
    assert "age: " in page and "capital_gain: " in page and "{'age'" not in page
    assert "&lt;=50K" in page and "<=50K" not in page.replace("&lt;=50K", "")


def test_a_run_without_test_split_has_overview_and_dev_rows_only(client: TestClient):
    scores = client.get("/api/overview").json()["scores"]
    assert {s["split"] for s in scores} == {"train", "dev"}
    overview = client.get("/")
    assert overview.status_code == 200 and overview.text.count("<svg") >= 4
    assert client.get("/items?split=test").status_code == 404
    tried = client.post(
        "/api/programs/p002/try", json={"source": CENSUS[1], "split": "dev", "n": 30}
    ).json()
    assert len(tried["rows"]) == 30 and all("age: " in r["text"] for r in tried["rows"])
