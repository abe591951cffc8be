"""The gateway alone, with the engine down: it stays up, answers kindly, and says why.

A real uvicorn process on a free port; the Rasa engine and action server ports have
nothing listening, as after a crash.
"""

import subprocess
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from bot.db import migrate
from tests.conftest import PYTHON, ROOT, bot_env, wait_until


@pytest.fixture
def gateway(var_dir):
    env = bot_env(var_dir)
    migrate.upgrade(f"sqlite:///{var_dir}/treaty.db")
    log = (var_dir / "gateway.log").open("w")
    process = subprocess.Popen([PYTHON, "-m", "bot", "gateway"], cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{env['GATEWAY_PORT']}"
    wait_until(lambda: httpx.get(f"{base}/healthz").status_code == 200, timeout=30, what="gateway")
    yield base, var_dir / "gateway.log"
    process.terminate()
    process.wait(timeout=10)
    log.close()


SESSION = "A" * 43


def test_unknown_route_and_method_are_json(gateway):
    base, _ = gateway
    response = httpx.get(f"{base}/nope")
    assert response.status_code == 404 and response.json()["error"] == "not_found"
    response = httpx.get(f"{base}/api/messages")
    assert response.status_code == 405 and response.json()["error"] == "method_not_allowed"


def test_malformed_requests_get_400_with_a_message(gateway):
    base, _ = gateway
    response = httpx.post(f"{base}/api/messages", content=b"{not json")
    assert response.status_code == 400 and "JSON" in response.json()["detail"]
    response = httpx.post(f"{base}/api/messages", json=["a list"])
    assert response.status_code == 400
    response = httpx.post(f"{base}/api/messages", json={"session": "short", "text": "hi"})
    assert response.status_code == 400 and response.json()["error"] == "bad_session"
    response = httpx.post(f"{base}/api/messages", json={"session": SESSION, "text": "a", "payload": "/b"})
    assert response.status_code == 400 and response.json()["error"] == "bad_message"
    response = httpx.post(f"{base}/api/messages", content=b"x" * 20000)
    assert response.status_code == 413


def test_empty_and_too_long_messages_get_a_clear_reply(gateway):
    base, _ = gateway
    response = httpx.post(f"{base}/api/messages", json={"session": SESSION, "text": "  "})
    assert response.status_code == 422
    assert "empty" in response.json()["messages"][0]["text"]
    response = httpx.post(f"{base}/api/messages", json={"session": SESSION, "text": "x" * 4001})
    assert response.status_code == 422
    assert "4001 characters" in response.json()["messages"][0]["text"]


def test_engine_down_the_person_is_told_to_resend_in_their_language(gateway):
    base, log = gateway
    response = httpx.post(
        f"{base}/api/messages",
        json={"session": SESSION, "text": "I was arrested CANARY-4412"},
        headers={"Accept-Language": "es-ES,es;q=0.9"},
    )
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert "vuelva a enviarlo" in body["messages"][0]["text"]
    assert httpx.get(f"{base}/healthz").json() == {"status": "ok", "engine": False, "actions": False}
    assert "CANARY-4412" not in log.read_text()


def test_security_headers_on_every_response(gateway):
    base, _ = gateway
    for response in (httpx.get(f"{base}/"), httpx.get(f"{base}/nope")):
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
        assert "server" not in response.headers


def test_database_down_is_a_kind_error_not_a_trace(var_dir):
    env = bot_env(var_dir, DATABASE_URL="postgresql://nobody:none@127.0.0.1:1/none")
    process = subprocess.Popen(
        [PYTHON, "-m", "bot", "gateway"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{env['GATEWAY_PORT']}"
    try:
        wait_until(lambda: httpx.get(f"{base}/healthz").status_code == 200, timeout=30, what="gateway")
        response = httpx.post(f"{base}/api/messages", json={"session": SESSION, "text": "hello"})
        assert response.status_code == 503
        assert response.json()["messages"][0]["text"].startswith("Something went wrong on our side")
        assert "Traceback" not in response.text
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert "Traceback" not in output


def test_a_script_opening_conversations_is_slowed_and_the_gateway_stays_up(gateway):
    """Each new conversation costs a row and an engine turn: one address cannot open hundreds."""
    base, _ = gateway

    def open_one(_: int) -> httpx.Response:
        return httpx.post(f"{base}/api/session", json={}, headers={"Accept-Language": "fr"}, timeout=60)

    with ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(pool.map(open_one, range(90)))
    refused = [a for a in answers if a.status_code == 429]
    assert refused and "plus vite" in refused[0].json()["messages"][0]["text"]  # in the person's language
    assert httpx.get(f"{base}/healthz").status_code == 200
