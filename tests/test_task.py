from pathlib import Path

import pytest

from alchemist.errors import TaskError
from alchemist.task import load_task, task_from_dict

from .conftest import EXAMPLES

MINIMAL = {"name": "t", "description": "Is it spam?", "classes": ["ham", "spam"]}


def test_every_example_task_loads():
    for path in EXAMPLES.glob("*.yaml"):
        task = load_task(path)
        assert task.n_classes >= 2 and task.description


def test_class_forms_give_ids_and_indices():
    as_list = task_from_dict(MINIMAL)
    as_map = task_from_dict({**MINIMAL, "classes": {3: "ham", 7: "spam"}})
    assert as_list.class_ids == (0, 1)
    assert as_map.class_ids == (3, 7)
    assert as_map.index_of(7) == 1 and as_map.index_of("ham") == 0 and as_map.index_of("7") == 1
    assert as_map.index_of(None) == -1 and as_map.index_of(float("nan")) == -1
    with pytest.raises(TaskError, match="not one of the task's classes"):
        as_map.index_of(0)


def test_signature_depends_on_inputs():
    text = task_from_dict({**MINIMAL, "function_name": "label_spam"})
    rows = task_from_dict({**MINIMAL, "modality": "tabular", "input_fields": ["age", "job"]})
    assert text.signature == "def label_spam(text: str) -> int:"
    assert rows.signature == "def label(row: dict) -> int:"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"classes": ["only"]}, "at least two classes"),
        ({"classes": ["a", "a"]}, "unique"),
        ({"classes": {200: "a", 1: "b"}}, "0..127"),
        ({"modality": "audio"}, "'modality' must be one of"),
        ({"function_name": "class"}, "Python identifier"),
        ({"colour": "red"}, "Unknown task setting"),
        ({"description": ""}, "non-empty 'description'"),
        (
            {
                "classes": [
                    {"id": 0, "name": "a", "description": "x", " links": None},
                    {"id": 1, "name": "b"},
                ]
            },
            "unknown key",
        ),
        ({"classes": [{"id": 0, "name": "a", "share": 0.3}, "b"]}, "missing for"),
        (
            {
                "classes": [
                    {"id": 0, "name": "a", "share": 0.3},
                    {"id": 1, "name": "b", "share": 0.3},
                ]
            },
            "sum to 1",
        ),
        ({"classes": [{"id": 0, "name": "a", "share": "most"}, "b"]}, "between 0 and 1"),
        ({"supplementary": {"keywords": {"eggs": ["x"]}}}, "keywords"),
        ({"supplementary": {"exemplars": [{"input": "x", "label": "nope"}]}}, "exemplar"),
        ({"feature_fields": "f0"}, "'feature_fields' must be a list of column names"),
    ],
)
def test_invalid_tasks_say_what_is_wrong(change, message):
    with pytest.raises(TaskError, match=message):
        task_from_dict({**MINIMAL, **change})


def test_malformed_file_gives_one_line_error_with_path(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nclasses: [a, b\n")
    with pytest.raises(TaskError) as info:
        load_task(bad)
    assert str(bad) in str(info.value) and "\n" not in str(info.value)
    with pytest.raises(TaskError, match="not found"):
        load_task(tmp_path / "missing.yaml")


def test_toml_and_round_trip(tmp_path: Path):
    toml = tmp_path / "t.toml"
    toml.write_text(
        'name = "t"\ndescription = "d"\nclasses = ["no", "yes"]\n'
        '[supplementary]\nrules = ["short answers are no"]\n'
        '[supplementary.keywords]\nyes = ["sure"]\n'
    )
    task = load_task(toml)
    assert task.supplementary.keywords == {"yes": ["sure"]}
    task.save(tmp_path / "copy.yaml")
    assert load_task(tmp_path / "copy.yaml") == task
    assert task.class_shares is None
    assert "feature_fields" not in (tmp_path / "copy.yaml").read_text()
    featured = task_from_dict({**task.to_dict(), "feature_fields": ["_feature0000"]})
    featured.save(tmp_path / "featured.yaml")
    assert load_task(tmp_path / "featured.yaml").feature_fields == ("_feature0000",)


def test_class_shares_are_read_and_survive_a_round_trip(tmp_path: Path):
    classes = [{"id": 0, "name": "no", "share": 0.75}, {"id": 1, "name": "yes", "share": 0.25}]
    task = task_from_dict({**MINIMAL, "classes": classes})
    assert task.class_shares == (0.75, 0.25)
    task.save(tmp_path / "copy.yaml")
    assert load_task(tmp_path / "copy.yaml").class_shares == (0.75, 0.25)
