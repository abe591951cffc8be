"""Where the project's files are, independent of the current directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIALOGUES = ROOT / "dialogues"
DOMAIN = DIALOGUES / "domain.yml"
TRAINING_DATA = DIALOGUES / "data"
REPLIES = DIALOGUES / "replies.yml"
RASA_CONFIG = ROOT / "config.yml"
ENDPOINTS = ROOT / "endpoints.yml"
CREDENTIALS = ROOT / "credentials.yml"
LOCALES = ROOT / "locales"
MODELS = ROOT / "models"
ENGINE_LOCK = ROOT / "requirements" / "engine.lock"
ENGINE_VENV = ROOT / ".venv" / "engine"
STATIC = Path(__file__).resolve().parent / "web" / "static"
