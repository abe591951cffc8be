"""The web widget in a real browser (Debian's Chromium driven by Playwright), against the real bot.

The standalone page at / and the same widget embedded with one script tag on an NGO's page
served from a second origin. Screenshots go to reports/screenshots/.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import sync_playwright

from bot import secrets
from bot.pseudonym import pseudonym
from bot.replies import Replies
from tests.conftest import free_port, wait_until
from tests.test_integration import rows_for
from tests.web.browser import (
    FOCUSED,
    Chat,
    NgoSite,
    SecondGateway,
    audit,
    launch,
    origin,
    screenshot,
    storage,
)

pytestmark = pytest.mark.integration
HOSTILE = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'
EXIT_URL = "https://www.bbc.com/weather"
KEY = "treaty-navigator"
REPLIES = Replies()


def words(name: str, language: str = "en") -> str:
    return REPLIES.render(f"widget_{name}", language)["text"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """A new page in its own context (its own sessionStorage); closed after the test."""
    contexts = []

    def make(locale: str = "en-GB", width: int = 1280, height: int = 800, **options):
        context = browser.new_context(locale=locale, viewport={"width": width, "height": height}, **options)
        # Quick exit's neutral site, answered here: the test never leaves this machine.
        context.route(
            EXIT_URL, lambda route: route.fulfill(content_type="text/html", body="<title>Weather</title>")
        )
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def ngo(bot):
    """An NGO page on another origin, and a gateway configured to let it embed the widget."""
    port = free_port()
    site = NgoSite(f"http://127.0.0.1:{port}")
    gateway = SecondGateway(bot, port, origins=site.base)
    site.gateway = gateway.base
    yield site
    gateway.stop()
    site.close()


def start(page, base: str, language_button: str = "English") -> Chat:
    chat = Chat(page)
    page.goto(base + "/")
    chat.wait_for("Treaty Navigator")
    chat.settled()
    chat.press(language_button)
    return chat


def who(bot, session: str) -> str:
    return pseudonym(secrets.load_or_create(bot.var_dir, environ={}).hmac_key, "web", session)


def test_a_conversation_in_the_browser_shows_hostile_text_as_text(bot, open_page):
    page = open_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    chat = start(page, bot.base)
    chat.wait_for("What would you like to do?")
    chat.press("Learn how UN complaints work")
    chat.wait_for("not court judgments")

    chat.say(HOSTILE)
    assert chat.me.last.locator(".tn-text").text_content() == HOSTILE  # shown as text, not run
    page.reload()  # the transcript comes back from sessionStorage as text too
    chat.wait_for("not court judgments")
    assert HOSTILE in chat.texts()
    assert page.title() == "Treaty Navigator"
    assert page.evaluate("document.querySelector('.treaty-navigator-widget').shadowRoot"
                         ".querySelectorAll('img, script').length") == 0  # fmt: skip
    assert {origin(url) for url in requests} == {bot.base}  # nothing but our own server
    assert list(storage(page)) == [KEY]
    assert page.evaluate("document.cookie") == ""
    assert page.errors == []


def test_what_the_server_sends_is_text_and_unknown_kinds_are_skipped(bot, open_page):
    page = open_page()
    chat = start(page, bot.base)
    odd = {"status": "ok", "language": "en", "messages": [
        {"image": "https://elsewhere.example/x.png"},  # a kind of message the web cannot show
        {"text": "<b>bold?</b>", "buttons": [{"title": "<img src=x onerror=alert(1)>", "payload": "/x"}]},
        {"text": 42}, "not a message",
    ]}  # fmt: skip
    page.route("**/api/messages", lambda route: route.fulfill(json=odd), times=1)
    chat.say("hello")
    assert chat.bot.last.locator(".tn-text").text_content() == "<b>bold?</b>"
    assert chat.bot.last.get_by_role("button").text_content() == "<img src=x onerror=alert(1)>"
    assert page.errors == []


def test_an_oversized_message_gets_a_clear_reply_and_comes_back_to_the_box(bot, open_page):
    page = open_page()
    chat = start(page, bot.base)
    story = ("They came at night. " * 250).strip()  # 4,999 characters
    chat.say(story)
    assert "4999 characters; the limit is 4000" in chat.bot.last.text_content()
    assert chat.box.input_value() == story  # nothing is lost: it can be sent in parts
    assert chat.me.last.get_attribute("data-state") == "refused"
    chat.box.fill("")
    chat.say("hello")  # the gateway is still there
    assert page.errors == []


def test_a_full_triage_conversation_in_the_browser(bot, open_page):
    page = open_page(width=1280, height=900)
    chat = start(page, bot.base)
    chat.press("Find where I can complain")
    chat.wait_for("Safety:")
    chat.press("Yes, let's start")
    chat.wait_for("In your own words, what happened?")
    chat.say("soldiers took my son in Aleppo and we never saw him again")
    chat.wait_for("From what you wrote")
    chat.press("Yes, that's right")
    chat.wait_for("Did you mean Syrian Arab Republic?")
    screenshot(page, "widget-en-triage")
    for step in (
        "!Yes",
        "!No",
        "my son",
        "!They cannot say (detained, missing)",
        "!Yes, under 18",
        "2015",
        "yes it is still going on",
        "no, we never went to court",
        "no, nowhere else",
        "!No",
    ):
        chat.press(step[1:]) if step.startswith("!") else chat.say(step)
    chat.wait_for("Preliminary result for Syrian Arab Republic")
    chat.wait_for("What would you like to do next?")
    assert page.get_by_role("button", name="Talk to an adviser", disabled=False).count() == 1
    assert page.errors == []


@pytest.mark.parametrize(
    ("language", "button", "direction"), [("en", "English", "ltr"), ("ar", "العربية", "rtl")]
)
def test_each_language_reads_in_its_direction_on_desktop_and_phone(
    bot, open_page, language, button, direction
):
    for width, height, device in ((1280, 800, "desktop"), (360, 740, "phone")):
        page = open_page(locale=language, width=width, height=height)
        chat = start(page, bot.base, button)
        chat.wait_for(REPLIES.render("utter_main_menu", language)["text"])
        assert page.evaluate("[document.documentElement.dir, document.documentElement.lang]") == [
            direction,
            language,
        ]
        widget = page.locator(".tn")
        assert (widget.get_attribute("dir"), widget.get_attribute("lang")) == (direction, language)
        for name, selector in (("send", ".tn-send"), ("note", ".tn-note"), ("exit", ".tn-exit")):
            assert page.locator(selector).text_content() == words(name, language)  # the widget's own words
        send, box = page.locator(".tn-send").bounding_box(), chat.box.bounding_box()
        bot_bubble, my_bubble = chat.bot.last.bounding_box(), chat.me.last.bounding_box()
        if direction == "rtl":  # mirrored: the button left of the box, the assistant on the right
            assert send["x"] < box["x"] and bot_bubble["x"] > my_bubble["x"]
        else:
            assert send["x"] > box["x"] and bot_bubble["x"] < my_bubble["x"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"widget-{language}-{device}")
    assert words("send", "ar") == "إرسال"


def test_quick_exit_button_leaves_clears_the_tab_and_ends_the_session(bot, open_page):
    page = open_page()
    page.goto("about:blank")
    chat = start(page, bot.base)
    chat.say("I was beaten in detention")
    session = json.loads(storage(page)[KEY])["session"]
    assert rows_for(bot.var_dir, who(bot, session))[0] == 1

    page.get_by_role("button", name="About quick exit").click()
    assert "does not delete your browser history" in page.locator(".tn-exit-help").text_content()
    with page.expect_request(f"{bot.base}/api/exit"):
        page.get_by_role("button", name="Exit this page").click()
    page.wait_for_url(EXIT_URL)
    wait_until(lambda: rows_for(bot.var_dir, who(bot, session)) == (0, 0), timeout=10, what="the erasure")
    page.go_back()
    assert page.url == "about:blank"  # the chat was replaced in the history, not added to it
    page.goto(f"{bot.base}/healthz")  # back on the gateway's origin, in the same tab
    assert storage(page) == {}


def test_shift_three_times_leaves_but_capital_letters_do_not(bot, ngo, open_page):
    page = open_page()
    page.goto(ngo.base + "/")
    page.get_by_role("button", name="Open the chat").click()
    chat = Chat(page)
    chat.wait_for("Treaty Navigator")
    chat.settled()
    chat.press("English")
    chat.box.click()
    for capital in ("I", "A", "O"):  # Shift for three capitals is typing, not leaving
        page.keyboard.press(f"Shift+{capital}")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(200)
    assert page.url == ngo.base + "/"
    assert page.locator(".tn-exit").first.locator(".tn-light.tn-on").count() == 2  # GOV.UK's lights
    session = json.loads(storage(page)[KEY])["session"]
    page.keyboard.press("Shift")
    page.wait_for_url(ngo.base + "/neutral")
    assert KEY not in storage(page)  # the neutral page shares the NGO's origin: nothing left
    wait_until(lambda: rows_for(bot.var_dir, who(bot, session)) == (0, 0), timeout=10, what="the erasure")


def test_a_network_drop_loses_and_duplicates_nothing(bot, open_page):
    page = open_page()
    chat = start(page, bot.base)
    chat.wait_for("What would you like to do?")
    page.context.set_offline(True)
    chat.box.fill("what can you do")
    chat.box.press("Enter")
    page.locator(".tn-me[data-state=waiting]").wait_for()
    assert words("waiting") in chat.me.last.text_content()
    page.locator(".tn-status", has_text=words("offline")).wait_for()
    replies_before = chat.bot.count()
    page.context.set_offline(False)  # the browser's online event resends at once
    chat.settled()
    assert chat.texts().count("what can you do") == 1
    assert chat.me.last.get_attribute("data-state") == "sent"
    assert chat.bot.count() > replies_before
    assert page.locator(".tn-status").text_content() == ""


def test_an_answer_lost_on_the_way_back_is_not_run_twice(bot, open_page):
    page = open_page()
    chat = start(page, bot.base)
    chat.wait_for("What would you like to do?")
    bodies = []

    def lose_the_answer(route):
        route.fetch()  # the gateway runs the turn...
        route.abort("connectionreset")  # ...and its answer never arrives

    page.route("**/api/messages", lose_the_answer, times=1)
    page.on("request", lambda r: r.url.endswith("/api/messages") and bodies.append(json.loads(r.post_data)))
    chat.press("Learn how UN complaints work")
    chat.wait_for("not court judgments")
    ids = {body["id"] for body in bodies}
    assert len(bodies) >= 2 and len(ids) == 1  # the same message, resent with the same id
    assert "belongs to an earlier question" not in " ".join(chat.texts())  # not pressed twice
    assert chat.texts().count("Learn how UN complaints work") == 1


def test_a_reload_keeps_the_conversation(bot, open_page):
    page = open_page()
    chat = start(page, bot.base)
    chat.press("Learn how UN complaints work")
    before, kept = chat.texts(), storage(page)
    page.reload()
    chat.wait_for("not court judgments")
    assert chat.texts() == before
    assert json.loads(storage(page)[KEY])["session"] == json.loads(kept[KEY])["session"]
    assert page.locator(".tn-choices button:enabled").count() > 0  # the latest options still work
    chat.press("Find where I can complain")
    chat.wait_for("Safety:")


def test_a_slow_connection_shows_the_assistant_writing(bot, open_page):
    page = open_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 1500, "downloadThroughput": 40_000, "uploadThroughput": 20_000},
    )
    chat = Chat(page)
    page.goto(bot.base + "/")
    chat.wait_for("Treaty Navigator")
    chat.settled()
    page.get_by_role("button", name="English").click()
    page.locator(".tn-typing").wait_for()
    page.locator(".tn-status", has_text=words("typing")).wait_for()
    chat.wait_for("What would you like to do?")
    assert page.locator(".tn-typing").is_hidden()


def test_keyboard_only_with_visible_focus(bot, open_page):
    page = open_page()
    page.goto(bot.base + "/")
    Chat(page).wait_for("Which language")
    page.keyboard.press("Tab")
    first = page.evaluate_handle(FOCUSED)
    assert first.text_content() == "Exit this page"  # the way out comes first
    style = first.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }")
    assert style == ["solid", "3px"]  # a visible focus ring
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate_handle(FOCUSED).text_content() == "English":
            break
    page.keyboard.press("Enter")
    chat = Chat(page)
    chat.wait_for("What would you like to do?")
    chat.settled()
    assert page.evaluate_handle(FOCUSED).evaluate("e => e.tagName") == "TEXTAREA"  # ready to write
    page.keyboard.type("how do complaints work")
    page.keyboard.press("Enter")
    chat.settled()
    assert chat.texts().count("how do complaints work") == 1
    page.keyboard.press("Shift+Tab")  # straight back to the newest options
    assert page.evaluate_handle(FOCUSED).evaluate("e => e.closest('.tn-choices') !== null && !e.disabled")
    log = page.locator(".tn-log")
    assert (log.get_attribute("role"), log.get_attribute("aria-live")) == ("log", "polite")
    assert page.locator(".tn-log .tn-bot").count() == chat.bot.count()  # announced as they arrive


def test_text_at_200_percent_on_a_360px_phone(bot, open_page):
    page = open_page(width=360, height=740)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})  # the reader's text size
    chat = start(page, bot.base)
    chat.wait_for("What would you like to do?")
    assert page.locator(".tn").evaluate("e => getComputedStyle(e).fontSize") == "32px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    for control in (page.locator(".tn-exit"), page.locator(".tn-send"), chat.box,
                    page.locator(".tn-choices button").last):  # fmt: skip
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, control
    page.locator(".tn-exit").click(trial=True)  # reachable, not covered
    screenshot(page, "widget-en-phone-200-percent-text")


def test_no_serious_accessibility_violations(bot, ngo, open_page):
    found = {}
    page = open_page()
    chat = start(page, bot.base)
    chat.wait_for("What would you like to do?")
    page.get_by_role("button", name="About quick exit").click()
    found["page, en"] = audit(page)

    page = open_page(locale="ar", width=360, height=740)
    start(page, bot.base, "العربية").wait_for("ماذا تودّ أن تفعل؟")
    found["page, ar, phone"] = audit(page)

    page = open_page()
    page.goto(ngo.base + "/")
    page.locator(".tn-launcher").wait_for()
    found["NGO page, closed"] = audit(page)
    page.get_by_role("button", name="Open the chat").click()
    Chat(page).wait_for("Which language")
    found["NGO page, open"] = audit(page)

    page = open_page()
    page.goto(ngo.base + "/inline")
    Chat(page).wait_for("Treaty Navigator")
    found["NGO page, inline"] = audit(page)
    assert {where: v for where, v in found.items() if v} == {}


def test_embedded_on_another_origin(bot, ngo, open_page):
    page = open_page(width=1280, height=800)
    requests, violations = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.goto(ngo.base + "/")
    launcher = page.get_by_role("button", name="Open the chat")
    assert launcher.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(90, 45, 130)"  # data-color
    exit_button = page.locator(".tn-bar .tn-exit")
    assert exit_button.is_visible()  # always there, even before the chat is opened
    assert exit_button.evaluate("e => getComputedStyle(e).opacity") == "1"  # the page's CSS stays out
    assert page.evaluate("Object.keys(sessionStorage)") == []  # nothing until the chat is opened

    launcher.click()
    chat = Chat(page)
    chat.wait_for("Treaty Navigator")
    chat.settled()
    chat.press("English")
    chat.say(HOSTILE)
    assert chat.me.last.locator(".tn-text").text_content() == HOSTILE
    # The open panel's own exit button stays on screen, inside the panel, however long the chat.
    panel = page.locator(".tn-panel").bounding_box()
    inside = page.locator(".tn-panel .tn-exit").bounding_box()
    assert panel and inside and panel["y"] <= inside["y"] < panel["y"] + 100
    screenshot(page, "widget-en-embedded")
    page.keyboard.press("Escape")  # minimise; focus returns to the launcher
    assert page.evaluate_handle(FOCUSED).text_content() == "Open the chat"
    assert page.locator(".tn-panel").is_hidden()
    page.reload()  # still there, closed, with its conversation
    page.get_by_role("button", name="Open the chat").click()
    assert HOSTILE in chat.texts()

    assert {origin(url) for url in requests} <= {ngo.base, ngo.gateway}
    assert violations == []  # the README's CSP for NGO pages is enough
    assert page.evaluate("document.cookie") == "" and page.title() == "Help for victims"
    assert page.errors == []


def test_a_site_that_is_not_configured_cannot_use_the_api(ngo, open_page):
    page = open_page()
    page.goto(ngo.base.replace("127.0.0.1", "localhost") + "/")  # same page, another origin
    page.get_by_role("button", name="Open the chat").click()
    page.locator(".tn-status", has_text=words("offline")).wait_for()  # the browser refused the answers
    assert page.locator(".tn-bot").count() == 0


def test_on_a_phone_the_open_chat_keeps_focus_out_of_the_page_behind_it(bot, ngo, open_page):
    page = open_page(width=360, height=740)
    page.goto(ngo.base + "/")
    page.get_by_role("button", name="Open the chat").click()
    Chat(page).wait_for("Treaty Navigator")
    inert = "[...document.body.children].filter(n => n.inert).map(n => n.tagName)"
    assert page.evaluate(inert) == ["MAIN"]  # the page behind the full-screen chat
    assert page.evaluate("document.querySelector('.treaty-navigator-widget').inert") is False
    page.keyboard.press("Escape")
    assert page.evaluate(inert) == []  # back to the page: everything usable again
