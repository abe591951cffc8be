"""Logging for our processes: events and counts only, never message text or user ids.

Third-party loggers that are known to print payloads at DEBUG (python-telegram-bot's
webhook handler, httpx request lines with tokens in URLs) are held at WARNING.
"""

from __future__ import annotations

import logging
import sys

QUIET = ("alembic", "httpx", "httpcore", "telegram", "apscheduler", "uvicorn.access", "asyncio")


def setup(level: str = "INFO") -> None:
    logging.basicConfig(
        level=level,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        datefmt="%Y-%m-%dT%H:%M:%S",
        force=True,
    )
    for name in QUIET:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))
