"""Who may use the workbench: token on every request, CSRF-safe writes, one host, confined
paths; and edits that only ever run in the isolated executor."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the workbench needs the 'review' extra")
from starlette.testclient import TestClient  # noqa: E402

from alchemist.review import create_app  # noqa: E402
from alchemist.review.security import TOKEN_COOKIE, TOKEN_HEADER  # noqa: E402

from .run_helpers import build_run  # noqa: E402

TOKEN = "s3cret-token-for-tests"
HOST = "127.0.0.1:5000"


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_run(tmp_path_factory.mktemp("security") / "run").folder


@pytest.fixture
def client(run_folder: Path) -> TestClient:
    app = create_app(run_folder, token=TOKEN, hosts=[HOST])
    return TestClient(app, base_url=f"http://{HOST}", follow_redirects=False)


def _write(client: TestClient, url: str, body: dict, **headers: str):
    return client.post(
        url, content=json.dumps(body), headers={"content-type": "application/json", **headers}
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/programs",
        "/programs/p001",
        "/items",
        "/api/overview",
        "/api/rerun",
        "/run/summary.json",
        "/static/app.js",
    ],
)
def test_every_read_without_the_token_is_refused(client: TestClient, path: str):
    assert client.get(path).status_code == 403
    assert client.get(path, headers={TOKEN_HEADER: "wrong" + TOKEN}).status_code == 403
    assert client.get(path, headers={TOKEN_HEADER: TOKEN}).status_code == 200


def test_the_token_in_the_address_becomes_a_strict_cookie(client: TestClient):
    first = client.get("/items?token=" + TOKEN + "&split=dev")
    assert first.status_code == 303 and first.headers["location"] == "/items?split=dev"
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/items?split=dev").status_code == 200  # the cookie now suffices
    # No open redirect: a path starting with // would send the browser to another site.
    bounce = client.get(f"http://{HOST}//evil.example?token={TOKEN}")
    assert bounce.headers["location"] == "/evil.example"


def test_writes_need_the_header_token_a_json_body_and_their_own_origin(
    client: TestClient, run_folder: Path
):
    url = "/api/programs/p002/enabled"
    client.cookies.set(TOKEN_COOKIE, TOKEN)
    assert client.get("/programs").status_code == 200
    # A cross-site form or fetch gets the cookie attached, never the header: refused.
    assert _write(client, url, {"enabled": False}).status_code == 403
    assert (
        client.post(url, data={"enabled": "false"}, headers={TOKEN_HEADER: TOKEN}).status_code
        == 403
    )
    assert (
        _write(
            client,
            url,
            {"enabled": False},
            **{TOKEN_HEADER: TOKEN, "origin": "http://evil.example"},
        ).status_code
        == 403
    )
    meta = json.loads((run_folder / "programs" / "p002.json").read_text())
    assert meta["enabled"] is True  # nothing changed
    ok = _write(
        client, url, {"enabled": False}, **{TOKEN_HEADER: TOKEN, "origin": f"http://{HOST}"}
    )
    assert ok.status_code == 200 and ok.json() == {"id": "p002", "enabled": False}
    assert json.loads((run_folder / "programs" / "p002.json").read_text())["enabled"] is False
    _write(client, url, {"enabled": True}, **{TOKEN_HEADER: TOKEN})


def test_other_host_names_are_refused_against_dns_rebinding(client: TestClient):
    response = client.get("/", headers={TOKEN_HEADER: TOKEN, "host": "attacker.example:5000"})
    assert response.status_code == 421


@pytest.mark.parametrize(
    "path",
    [
        "/run/../run.yaml",
        "/run/%2e%2e/%2e%2e/etc/passwd",
        "/run/programs/../../../etc/passwd",
        "/run//etc/passwd",
        "/run/.workbench.lock",
        "/run/outside-link",
        "/run/matrices",
    ],
)
def test_files_outside_the_run_directory_are_not_served(
    client: TestClient, run_folder: Path, path: str
):
    link = run_folder / "outside-link"
    if not link.is_symlink():
        link.symlink_to("/etc/passwd")
    response = client.get(path, headers={TOKEN_HEADER: TOKEN})
    assert response.status_code == 404 and "root:" not in response.text


def test_files_inside_the_run_directory_are_served_as_text(client: TestClient):
    response = client.get("/run/programs/p001.py", headers={TOKEN_HEADER: TOKEN})
    assert response.status_code == 200 and "def label_spam" in response.text
    assert response.headers["content-type"].startswith("text/plain")
    report = client.get("/run/report.html", headers={TOKEN_HEADER: TOKEN})
    assert (
        report.status_code == 200
        and "default-src 'none'" in report.headers["content-security-policy"]
    )


@pytest.mark.parametrize("program_id", ["..%2f..%2fetc", "p001.json", "%2e%2e"])
def test_program_ids_cannot_name_other_files(client: TestClient, program_id: str):
    response = _write(
        client, f"/api/programs/{program_id}/enabled", {"enabled": False}, **{TOKEN_HEADER: TOKEN}
    )
    assert response.status_code == 404


def test_pages_forbid_framing_and_inline_scripts(client: TestClient):
    headers = client.get("/", headers={TOKEN_HEADER: TOKEN}).headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer"


def _try(client: TestClient, source: str, n: int = 20) -> dict:
    response = _write(
        client,
        "/api/programs/p001/try",
        {"source": source, "split": "dev", "n": n},
        **{TOKEN_HEADER: TOKEN},
    )
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    "source, reason",
    [
        ("import os\ndef label_spam(text):\n    return 1\n", "imports os"),
        ("def label_spam(text):\n    return len(open('/etc/passwd').read())\n", "uses open"),
        ("def label_spam(text):\n    return ().__class__.__bases__[0]\n", "accesses attribute __"),
        ("def label(text):\n    return 1\n", "no top-level function 'label_spam'"),
    ],
)
def test_trying_refuses_what_the_static_check_refuses(client: TestClient, source: str, reason: str):
    result = _try(client, source)
    assert result["ok"] is False and reason in result["reason"] and result["rows"] == []


def test_tried_code_runs_in_the_executor_with_its_time_limit(client: TestClient):
    # In this process the loop would hang the request; the executor's call limit stops it.
    result = _try(client, "def label_spam(text):\n    while True:\n        pass\n", n=3)
    assert result["ok"] is True and len(result["rows"]) == 3
    assert {r["error"] for r in result["rows"]} == {"timeout"}
    crash = _try(client, "def label_spam(text):\n    return 1 // (len(text) - len(text))\n")
    assert {r["error"] for r in crash["rows"]} == {"exception"}
    assert "ZeroDivisionError" in crash["reason"]


def test_the_test_split_is_never_offered_for_trying(client: TestClient):
    response = _write(
        client, "/api/programs/p001/try", {"source": "x", "split": "test"}, **{TOKEN_HEADER: TOKEN}
    )
    assert response.status_code == 404


def test_saving_code_the_static_check_refuses_writes_nothing(client: TestClient, run_folder: Path):
    before = sorted(os.listdir(run_folder / "programs"))
    response = _write(
        client,
        "/api/programs/p001/versions",
        {"source": "import socket\ndef label_spam(text):\n    return 1\n"},
        **{TOKEN_HEADER: TOKEN},
    )
    assert response.status_code == 400 and "imports socket" in response.json()["error"]
    assert sorted(os.listdir(run_folder / "programs")) == before


def test_program_text_is_shown_escaped_never_run_in_the_page(client: TestClient, run_folder: Path):
    hostile = run_folder / "programs" / "p009.py"
    hostile.write_text("def label_spam(text):\n    return '</textarea><script>alert(1)</script>'\n")
    try:
        page = client.get("/programs/p009", headers={TOKEN_HEADER: TOKEN})
        assert page.status_code == 200
        assert "<script>alert" not in page.text and "&lt;/textarea&gt;" in page.text
    finally:
        hostile.unlink()


def test_static_files_stay_in_their_folder(client: TestClient):
    for path in ("/static/%2e%2e/app.py", "/static/../workbench.py", "/static/..%2fapp.py"):
        response = client.get(path, headers={TOKEN_HEADER: TOKEN})
        assert response.status_code == 404 and "create_app" not in response.text
