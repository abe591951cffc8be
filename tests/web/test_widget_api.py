"""The gateway's side of the widget, without a bot: CORS, quick exit, resends, bad input.

A fake chat service stands in for the engine, so each rule is checked in milliseconds; the
browser tests (tests/test_web_page.py) hold the same conversations with the real bot.
"""

import asyncio
import re
import warnings

import pytest
import yaml

with warnings.catch_warnings():  # Starlette would rather use httpx2, which the lock file does not have
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from bot.chat import TurnResult
from bot.config import ConfigError, load_settings
from bot.paths import REPLIES, STATIC
from bot.replies import Replies
from bot.web.app import WIDGET_LABELS, create_app
from bot.web.replay import Answer, ReplayCache

NGO = "https://ngo.example"
SESSION = "S" * 43


class FakeEngine:
    async def ready(self) -> dict:
        return {"engine": True, "actions": True}

    async def close(self) -> None:
        pass


class FakeChat:
    """Counts turns and ends; answers like the real service (a greeting, then an echo)."""

    def __init__(self, status: str = "ok") -> None:
        self.replies = Replies()
        self.engine = FakeEngine()
        self.status = status
        self.turns: list[tuple[str, str | None, str | None]] = []
        self.ended: list[str] = []

    async def handle(self, channel, user_id, text=None, payload=None, language_hint=None) -> TurnResult:
        self.turns.append((user_id, text, payload))
        await asyncio.sleep(0.01)
        return TurnResult(self.status, [{"text": f"turn {len(self.turns)}"}], "en")

    async def end(self, channel: str, user_id: str) -> None:
        self.ended.append(user_id)

    def purge(self) -> int:
        return 0


@pytest.fixture
def chat():
    return FakeChat()


@pytest.fixture
def client(chat):
    with TestClient(create_app(chat, origins=(NGO,), exit_url="https://example.org/?a=1&b=<2>")) as client:
        yield client


def test_a_resent_message_is_answered_once(client, chat):
    body = {"session": SESSION, "text": "hello", "id": "client-id-1"}
    first = client.post("/api/messages", json=body)
    again = client.post("/api/messages", json=body)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert len(chat.turns) == 1
    client.post("/api/messages", json={**body, "id": "client-id-2"})
    client.post("/api/messages", json={"session": SESSION, "text": "hello"})  # no id: no memory
    assert len(chat.turns) == 3


def test_a_resent_start_gets_the_same_conversation(client, chat):
    first = client.post("/api/session", json={"language": "fr", "id": "start-id-1"}).json()
    again = client.post("/api/session", json={"language": "fr", "id": "start-id-1"}).json()
    assert first["session"] == again["session"] and len(chat.turns) == 1


def test_an_unavailable_assistant_is_asked_again_on_resend(chat):
    chat.status = "unavailable"
    with TestClient(create_app(chat)) as client:
        body = {"session": SESSION, "text": "hello", "id": "client-id-1"}
        assert client.post("/api/messages", json=body).status_code == 503
        assert client.post("/api/messages", json=body).status_code == 503
    assert len(chat.turns) == 2  # nothing happened the first time, so it is tried again


def test_concurrent_resends_share_one_turn():
    cache, runs = ReplayCache(), []

    async def turn() -> Answer:
        runs.append(1)
        await asyncio.sleep(0.05)
        return Answer(200, {"messages": []})

    async def both() -> list[Answer]:
        return await asyncio.gather(*(cache.once("k", "s", turn, lambda a: True) for _ in range(3)))

    answers = asyncio.run(both())
    assert len(runs) == 1 and answers[0] is answers[1] is answers[2]


def test_the_replay_memory_is_bounded_expires_and_forgets_a_session():
    now = [0.0]
    cache = ReplayCache(max_entries=3, ttl=60, clock=lambda: now[0])

    async def fill() -> None:
        for i in range(5):
            await cache.once(f"k{i}", "s1" if i % 2 else "s2", lambda: _answer(), lambda a: True)
        await cache.once("start", "", lambda: _answer({"session": "s1"}), lambda a: True)

    asyncio.run(fill())
    assert len(cache) == 3  # the oldest went first
    cache.forget("s1")  # its turns and the greeting that started it
    assert len(cache) == 1
    now[0] = 61.0
    asyncio.run(cache.once("new", "s3", lambda: _answer(), lambda a: True))
    assert len(cache) == 1  # the expired one is gone


async def _answer(body: dict | None = None) -> Answer:
    return Answer(200, body or {"messages": []})


def test_cors_only_for_configured_origins_without_credentials(client):
    allowed = client.post("/api/session", json={}, headers={"Origin": NGO})
    assert allowed.headers["access-control-allow-origin"] == NGO
    assert "access-control-allow-credentials" not in allowed.headers
    other = client.post("/api/session", json={}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    ok = client.options("/api/messages", headers={"Origin": NGO, **preflight})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == NGO
    refused = client.options("/api/messages", headers={"Origin": "https://evil.example", **preflight})
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    labels = client.get("/api/labels?language=ar", headers={"Origin": NGO})
    assert labels.headers["access-control-allow-origin"] == NGO and labels.json()["language"] == "ar"


def test_without_origins_the_api_is_same_origin_only(chat):
    with TestClient(create_app(chat)) as client:
        response = client.post("/api/session", json={}, headers={"Origin": NGO})
        assert "access-control-allow-origin" not in response.headers


def test_quick_exit_ends_the_conversation(client, chat):
    session = client.post("/api/session", json={"id": "start-id-9"}).json()["session"]
    # what navigator.sendBeacon / fetch(keepalive) send: text/plain, no preflight
    response = client.post(
        "/api/exit", content=f'{{"session": "{session}"}}', headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 204 and chat.ended == [session]
    # leaving while the greeting was still on its way: the start id names the conversation
    started = client.post("/api/session", json={"id": "start-id-10"}).json()["session"]
    assert client.post("/api/exit", json={"start": "start-id-10"}).status_code == 204
    assert chat.ended == [session, started]
    bad = client.post("/api/exit", json={"session": "nope"})
    assert bad.status_code == 400 and bad.json()["messages"]


def test_unknown_message_types_and_oversized_messages_get_a_clear_reply(client, chat):
    for body in (
        {"session": SESSION, "type": "image", "url": "https://x.example/a.png"},
        {"session": SESSION, "text": "hi", "sticker": "cat"},
        {"session": SESSION, "text": 42},
        {"session": SESSION, "text": ["a"]},
        {"session": SESSION, "payload": {"intent": "greet"}},
        {"session": SESSION, "text": "hi", "id": "<script>"},
    ):
        response = client.post("/api/messages", json=body)
        assert response.status_code == 400, body
        assert "could not read that message" in response.json()["messages"][0]["text"]
    too_big = client.post("/api/messages", content=b'{"session": "' + b"x" * 20000 + b'"}')
    assert too_big.status_code == 413 and "too long" in too_big.json()["messages"][0]["text"]
    assert chat.turns == []
    assert client.get("/healthz").json()["status"] == "ok"  # still standing


def test_the_page_the_widget_and_the_headers(client):
    page = client.get("/")
    assert 'data-exit-url="https://example.org/?a=1&amp;b=&lt;2&gt;"' in page.text  # escaped
    assert 'src="/widget.js"' in page.text
    csp = page.headers["content-security-policy"]
    for directive in ("default-src 'none'", "script-src 'self'", "connect-src 'self'", "style-src 'self'",
                      "frame-ancestors 'none'", "require-trusted-types-for 'script'"):  # fmt: skip
        assert directive in csp
    script = client.get("/widget.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert client.get("/widget.css").headers["content-type"].startswith("text/css")
    for response in (page, script, client.post("/api/session", json={})):
        assert "set-cookie" not in response.headers
    assert client.get("/static/chat.js").status_code == 404  # the old page is gone


def test_the_widget_never_builds_html_from_strings():
    source = (STATIC / "widget.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, sink


def test_every_widget_word_is_a_reply_and_the_scripts_english_matches():
    entries = yaml.safe_load(REPLIES.read_text())
    replies = Replies()
    source = (STATIC / "widget.js").read_text()
    block = source.split("const ENGLISH = {")[1].split("\n  };")[0]
    english = {}
    for name, parts in re.findall(r"^    (\w+):\s*((?:\s*\"[^\"]*\"\s*\+?)+),$", block, re.M):
        english[name] = "".join(re.findall(r"\"([^\"]*)\"", parts))
    assert set(english) == set(WIDGET_LABELS)
    for name in WIDGET_LABELS:
        assert f"widget_{name}" in entries
        assert english[name] == replies.render(f"widget_{name}", "en")["text"], name


def test_widget_settings_are_validated(tmp_path):
    def settings(**env):
        return load_settings({"VAR_DIR": str(tmp_path), **env}, env_file=tmp_path / "absent.env")

    assert settings().widget_origins == () and settings().exit_url == "https://www.bbc.com/weather"
    both = settings(WIDGET_ORIGINS="https://ngo.example, http://127.0.0.1:8080/")
    assert both.widget_origins == ("https://ngo.example", "http://127.0.0.1:8080")
    assert settings(EXIT_URL="https://example.org/news").exit_url == "https://example.org/news"
    wrong = [{"WIDGET_ORIGINS": "*"}, {"WIDGET_ORIGINS": "https://ngo.example/path"},
             {"EXIT_URL": "javascript:alert(1)"}, {"EXIT_URL": 'https://x.example/"><script>'}]  # fmt: skip
    for env in wrong:
        with pytest.raises(ConfigError):
            settings(**env)


def test_the_supervisor_hands_the_widget_settings_to_the_gateway(tmp_path):
    from bot import secrets
    from bot.services import child_specs

    env = {"VAR_DIR": str(tmp_path), "WIDGET_ORIGINS": NGO, "EXIT_URL": "https://example.org/"}
    settings = load_settings(env, env_file=tmp_path / "absent.env")
    specs = child_specs(settings, secrets.load_or_create(tmp_path, environ={}), "model.tar.gz")
    gateway = next(spec for spec in specs if spec.name == "gateway")
    assert (gateway.env["WIDGET_ORIGINS"], gateway.env["EXIT_URL"]) == (NGO, "https://example.org/")
