"""Everything the bot says: English source text in dialogues/replies.yml, translated by gettext.

Runs in both environments (the engine's NLG and the gateway), so it uses only the
standard library and PyYAML. Wording lives here and in the catalogs, never in the Rasa
domain: editing a sentence must not retrain the model.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.paths import LOCALES, REPLIES

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
DEFAULT_LANGUAGE = "en"
GETTEXT_DOMAIN = "messages"


class _KeepMissing(dict):
    """Leaves an unknown `{placeholder}` as it is instead of failing mid-conversation."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def normalise_language(code: object) -> str:
    """'fr-CA' -> 'fr'; anything we do not speak -> English."""
    if not isinstance(code, str):
        return DEFAULT_LANGUAGE
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def settings_for_wording() -> dict[str, str]:
    """Settings the wording states: how long answers are kept, as the gateway's purge applies it
    (RETENTION_DAYS, validated by bot.config and passed to every process)."""
    return {"retention_days": os.environ.get("RETENTION_DAYS", "30")}


def flatten(buttons: list[Any]) -> list[dict[str, Any]]:
    """Buttons with shared groups spliced in (`- *controls` puts a list inside the list)."""
    flat: list[dict[str, Any]] = []
    for button in buttons:
        flat.extend(flatten(button) if isinstance(button, list) else [button])
    return flat


def entries_from(data: Any, where: str = "replies") -> dict[str, dict[str, Any]]:
    """Reply entries by name; top-level `x-` keys only hold YAML anchors and are skipped."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a mapping of reply names")
    entries = {}
    for name, entry in data.items():
        if str(name).startswith("x-"):
            continue
        entry = dict(entry)
        if entry.get("buttons"):
            entry["buttons"] = flatten(entry["buttons"])
        entries[name] = entry
    return entries


def load_entries(path: Path = REPLIES) -> dict[str, dict[str, Any]]:
    return entries_from(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, str(path))


class Replies:
    """Renders a named reply in a language: {"text": ..., "buttons": [...]}."""

    def __init__(self, path: Path = REPLIES, localedir: Path = LOCALES) -> None:
        self.entries = load_entries(path)
        self.localedir = localedir

    @lru_cache(maxsize=len(LANGUAGES))  # noqa: B019 - one instance per process
    def _catalog(self, language: str) -> gettext.NullTranslations:
        return gettext.translation(
            GETTEXT_DOMAIN, localedir=str(self.localedir), languages=[language], fallback=True
        )

    def translate(self, msgid: str, language: str) -> str:
        return self._catalog(normalise_language(language)).gettext(msgid)

    def render(self, name: str, language: str, values: dict[str, Any] | None = None) -> dict[str, Any] | None:
        entry = self.entries.get(name)
        if entry is None:
            return None
        fill = _KeepMissing({k: v for k, v in (values or {}).items() if v is not None})
        message: dict[str, Any] = {}
        if entry.get("text"):
            message["text"] = self.translate(entry["text"], language).format_map(fill)
        buttons = []
        for button in entry.get("buttons") or []:
            title = button["title"]
            if button.get("translate", True):
                title = self.translate(title, language).format_map(fill)
            buttons.append({"title": title, "payload": button["payload"]})
        if buttons:
            message["buttons"] = buttons
        if entry.get("custom"):
            message["custom"] = entry["custom"]
        return message
