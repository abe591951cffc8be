"""Helpers for the widget's browser tests: Chromium, a chat driver, an NGO site, axe, screenshots."""

from __future__ import annotations

import http.server
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import PYTHON, ROOT, free_port, wait_until
from tests.web import axe

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
SCREENSHOTS = ROOT / "reports" / "screenshots"
SLOW_DOWN = "faster than I can read"  # the gateway's flood reply (gateway_slow_down)

# The innermost focused element, through the widget's shadow root.
FOCUSED = """() => { let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a; }"""


def launch(playwright):
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Chat:
    """Holds a conversation through the widget as a person would: buttons and the message box."""

    def __init__(self, page) -> None:
        self.page = page
        self.bot = page.locator(".tn-bot")
        self.me = page.locator(".tn-me")
        self.box = page.locator(".tn-composer textarea")

    def settled(self) -> None:
        """Nothing waits to be sent and the assistant is not writing."""
        self.page.wait_for_function(
            """() => { const host = document.querySelector('.treaty-navigator-widget');
                 const root = host && host.shadowRoot;
                 return root && root.querySelector('.tn-typing').hidden
                   && !root.querySelector('.tn-me[data-state=sending], .tn-me[data-state=waiting]'); }"""
        )

    def _turn(self, act) -> None:
        for _ in range(8):
            before = self.bot.count()
            act()
            self.page.wait_for_function(
                "n => document.querySelector('.treaty-navigator-widget').shadowRoot"
                ".querySelectorAll('.tn-bot').length > n",
                arg=before,
            )
            self.settled()
            if SLOW_DOWN not in (self.bot.last.text_content() or ""):
                return
            time.sleep(3.2)  # a person would read; the gateway's flood limit asks for it
        raise AssertionError("the gateway kept asking to slow down")

    def press(self, title: str) -> None:
        self._turn(self.page.get_by_role("button", name=title, exact=True, disabled=False).last.click)

    def say(self, text: str) -> None:
        def act() -> None:
            self.box.fill(text)
            self.box.press("Enter")

        self._turn(act)

    def texts(self) -> list[str]:
        return [t.strip() for t in self.page.locator(".tn-msg .tn-text").all_text_contents()]

    def wait_for(self, text: str) -> None:
        self.page.locator(".tn-bot", has_text=text).last.wait_for()


def storage(page) -> dict:
    return page.evaluate("Object.fromEntries(Object.entries(sessionStorage))")


def audit(page) -> list[dict]:
    """axe-core's serious and critical violations on the page, the widget's shadow root included."""
    page.evaluate(axe.source())  # evaluated by the browser's devtools, not injected into the page
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


class NgoSite:
    """A second origin: an NGO's page that embeds the widget with one script tag, under a strict
    CSP of its own that names the gateway exactly as the README says, with hostile CSS."""

    def __init__(self, gateway: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        tag = (f'<script src="{gateway}/widget.js" data-language="en" data-color="#5a2d82" '
               f'data-exit-url="{self.base}/neutral" defer></script>')  # fmt: skip
        inline = (f'<div id="chat-here"></div><script src="{gateway}/widget.js" data-target="#chat-here" '
                  f'data-language="ar" data-exit-url="{self.base}/neutral" defer></script>')  # fmt: skip
        page = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        page += '<link rel="stylesheet" href="/host.css"></head><body><main><h1>{title}</h1>'
        page += "<p>Our organisation helps people who were harmed.</p>{body}</main></body></html>"
        self.pages = {
            "/": page.format(title="Help for victims", body=tag),
            "/inline": page.format(title="Talk to us", body=inline),
            "/neutral": page.format(title="Weather", body="<p>Sunny</p>"),
        }
        self.csp = (
            f"default-src 'none'; script-src {gateway}; style-src 'self' {gateway}; "
            f"connect-src {gateway}; img-src 'none'; base-uri 'none'; form-action 'none'"
        )
        # A page's styles must not reach into the widget.
        self.css = "* { font-family: serif !important; } button { opacity: 0.1; color: #ff00ff !important }"
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                if path == "/host.css":
                    body, kind = site.css.encode(), "text/css"
                elif path in site.pages:
                    body, kind = site.pages[path].encode(), "text/html; charset=utf-8"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Security-Policy", site.csp)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        return Handler

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SecondGateway:
    """Another gateway in front of the session's bot (same engine, database and keys), started
    with WIDGET_ORIGINS naming the NGO site, as an operator would configure it."""

    def __init__(self, bot, port: int, origins: str) -> None:
        self.env = {**bot.env, "GATEWAY_PORT": str(port), "WIDGET_ORIGINS": origins}
        self.base = f"http://127.0.0.1:{self.env['GATEWAY_PORT']}"
        self.log = (bot.var_dir / "gateway-embed.log").open("w")
        self.process = subprocess.Popen([PYTHON, "-m", "bot", "gateway"], cwd=ROOT, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)  # fmt: skip
        wait_until(lambda: httpx.get(f"{self.base}/healthz", timeout=2).json()["engine"], timeout=60,
                   what="the second gateway")  # fmt: skip

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()
