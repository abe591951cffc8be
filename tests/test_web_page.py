"""The chat page in a real browser (Debian's Chromium driven by Playwright), against the real bot."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def test_a_conversation_in_the_browser(bot, browser):
    page = browser.new_page(locale="en-GB")
    blocked = []
    page.on("request", lambda r: None if r.url.startswith(bot.base) else blocked.append(r.url))
    page.goto(bot.base + "/")
    page.get_by_text("I am not a lawyer").wait_for()
    page.get_by_role("button", name="English").click()
    page.get_by_text("What would you like to do?").wait_for()
    page.get_by_role("button", name="Learn how UN complaints work").click()
    page.get_by_text("not court judgments").wait_for()

    answers = page.locator("li.bot").count()
    page.get_by_label("Your message").fill(HOSTILE)
    page.get_by_role("button", name="Send").click()
    page.locator("li.bot").nth(answers).wait_for()  # the bot answered
    assert page.locator("li.me").last.text_content() == HOSTILE  # shown as text, not run
    assert page.title() == "Treaty Navigator"
    assert page.locator("img").count() == 0
    assert blocked == []  # nothing but our own server
    assert page.evaluate("Object.keys(sessionStorage)") == ["treaty-navigator-session"]
    assert page.evaluate("document.cookie") == ""
    page.close()


def test_arabic_turns_the_page_right_to_left(bot, browser):
    page = browser.new_page(locale="ar")
    page.goto(bot.base + "/")
    page.get_by_role("button", name="العربية").click()
    page.get_by_text("ماذا تودّ أن تفعل؟").wait_for()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.locator("#send").text_content() == "إرسال"  # the page's own words too
    assert page.locator(".chat-note").text_content() == "معلومات أولية، وليست استشارة قانونية."
    page.close()


def test_the_guided_questions_in_the_browser(bot, browser):
    page = browser.new_page(locale="en-GB")
    page.goto(bot.base + "/")
    page.get_by_role("button", name="English").click()
    page.get_by_role("button", name="Find where I can complain").click()
    page.get_by_text("Safety:").wait_for()
    page.get_by_role("button", name="Yes, let's start").click()
    page.get_by_text("In your own words, what happened?").wait_for()
    page.get_by_label("Your message").fill("soldiers took my son in Aleppo and we never saw him again")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("From what you wrote").wait_for()
    page.get_by_role("button", name="Yes, that's right").last.click()
    page.get_by_text("Did you mean Syrian Arab Republic?").wait_for()
    page.close()
