"""Every reply exists, renders in every language, and wording stays out of the model."""

import subprocess

import yaml
from babel.messages.pofile import read_po

from bot import model, paths
from bot.replies import LANGUAGES, Replies, load_entries, normalise_language
from tests.conftest import ROOT


def test_every_domain_response_has_wording():
    domain = yaml.safe_load(paths.DOMAIN.read_text())
    entries = load_entries()
    missing = [name for name in domain["responses"] if name not in entries]
    assert missing == []


def test_render_fills_placeholders_and_keeps_unknown_ones():
    replies = Replies()
    notice = replies.render("gateway_too_long", "en", {"length": 4100, "limit": 4000})
    assert "4100 characters" in notice["text"] and "4000" in notice["text"]
    assert "{length}" in replies.render("gateway_too_long", "en")["text"]
    assert replies.render("no_such_reply", "en") is None


def test_greeting_has_privacy_notice_and_six_languages_in_their_own_names():
    for language in LANGUAGES:
        greeting = Replies().render("utter_greet", language)
        titles = [b["title"] for b in greeting["buttons"]]
        assert titles == ["English", "Français", "Español", "Русский", "العربية", "中文"]


def test_translations_are_used_when_the_catalog_has_them():
    menu_en = Replies().render("utter_main_menu", "en")
    menu_fr = Replies().render("utter_main_menu", "fr")
    assert menu_en["text"] == "What would you like to do?"
    assert menu_fr["text"] != menu_en["text"]
    assert [b["payload"] for b in menu_fr["buttons"]] == [b["payload"] for b in menu_en["buttons"]]


def test_language_codes_are_normalised():
    assert normalise_language("fr-CA") == "fr"
    assert normalise_language("zh_Hans") == "zh"
    assert normalise_language("de") == "en"
    assert normalise_language(None) == "en"


def test_catalog_template_is_up_to_date(tmp_path):
    """`make extract-messages` was run after the last wording change."""
    out = tmp_path / "messages.pot"
    subprocess.run(
        [str(ROOT / ".venv/app/bin/pybabel"), "-q", "extract", "-F", "locales/babel.cfg", "-o", str(out),
         "--no-location", "--sort-output", "--project", "Treaty Navigator", "."],
        cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip

    def ids(path):
        with path.open("rb") as handle:
            return sorted(m.id for m in read_po(handle) if m.id)

    assert ids(out) == ids(ROOT / "locales/messages.pot")


def test_wording_changes_do_not_retrain_but_training_data_does(tmp_path):
    for relative in ["config.yml", "dialogues/domain.yml", "requirements/engine.lock"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes((ROOT / relative).read_bytes())
    (tmp_path / "dialogues/data").mkdir()
    (tmp_path / "dialogues/data/nlu.yml").write_text("version: '3.1'\n")
    before = model.fingerprint(tmp_path)
    (tmp_path / "dialogues/replies.yml").write_text("utter_greet: {text: 'Hi'}\n")
    assert model.fingerprint(tmp_path) == before
    (tmp_path / "dialogues/data/nlu.yml").write_text("version: '3.1'\nnlu: []\n")
    assert model.fingerprint(tmp_path) != before
