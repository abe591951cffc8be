"""Command line: `python -m bot run | gateway | telegram | db upgrade | model ensure`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys

from bot import logsetup
from bot.config import ConfigError, Settings, load_settings

logger = logging.getLogger("bot")


def _run(settings: Settings) -> int:
    import httpx
    from sqlalchemy.exc import SQLAlchemyError

    from bot import model, secrets
    from bot.db import migrate
    from bot.services import child_specs
    from bot.supervisor import Supervisor

    os.umask(0o077)  # databases, secrets and logs we or our children create are private
    rasa = settings.engine_venv / "bin" / "rasa"
    if not rasa.exists():
        print(f"configuration error: no Rasa engine at {rasa}; run `make run` to build it", file=sys.stderr)
        return 2
    try:
        keys = secrets.load_or_create(settings.var_dir)
        migrate.upgrade(settings.database_url)
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(
            f"database error: cannot prepare DATABASE_URL ({type(error).__name__}: "
            f"{str(error.orig if hasattr(error, 'orig') else error).splitlines()[0]})",
            file=sys.stderr,
        )
        return 2
    trained = model.model_path()
    if not trained.exists():
        print(
            "No trained model for the current training data. Run `make run`, or "
            "`python -m bot model ensure` first.",
            file=sys.stderr,
        )
        return 2

    async def announce_when_ready() -> None:
        print("Starting the engine, the action server and the gateway (about 20 s) ...", flush=True)
        async with httpx.AsyncClient() as http:
            while True:
                await asyncio.sleep(1)
                try:
                    state = (await http.get(f"{settings.gateway_url}healthz", timeout=2)).json()
                except (httpx.HTTPError, ValueError):
                    continue
                if state.get("engine") and state.get("actions"):
                    print(f"\nTreaty Navigator is ready: open {settings.gateway_url}\n", flush=True)
                    return

    supervisor = Supervisor(child_specs(settings, keys, str(trained)))
    asyncio.run(supervisor.run(on_started=announce_when_ready))
    return 0


def _gateway(settings: Settings) -> int:
    import uvicorn

    from bot import secrets
    from bot.app_factory import build_chat
    from bot.web.app import create_app

    app = create_app(
        build_chat(settings, secrets.load_or_create(settings.var_dir)),
        origins=settings.widget_origins,
        exit_url=settings.exit_url,
    )
    uvicorn.run(
        app,
        host=settings.gateway_host,
        port=settings.gateway_port,
        access_log=False,  # access logs would hold IP addresses
        log_level=settings.log_level.lower(),
        server_header=False,
    )
    return 0


def _telegram(settings: Settings) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot import secrets
    from bot.db import migrate
    from bot.telegram.run import main as run_telegram

    try:
        migrate.upgrade(settings.database_url)  # started alone, not by `run`
    except SQLAlchemyError as error:  # start anyway: people are told to try again, not ignored
        print(f"database error: {type(error).__name__}; the channel starts without it", file=sys.stderr)
    run_telegram(settings, secrets.load_or_create(settings.var_dir))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Treaty Navigator")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="start the whole bot (engine, actions, gateway, Telegram)")
    commands.add_parser("gateway", help="the HTTP gateway alone")
    commands.add_parser("telegram", help="the Telegram channel alone (needs TELEGRAM_BOT_TOKEN)")
    db = commands.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=["upgrade", "current"])
    model_cmd = commands.add_parser("model", help="the trained Rasa model")
    model_cmd.add_argument("action", choices=["ensure", "path", "fingerprint"])
    assess = commands.add_parser("assess", help="assess the facts in FILE (JSON; - for stdin)")
    assess.add_argument("file")
    data = commands.add_parser("data", help="the legal data files")
    data.add_argument("action", choices=["check"])
    understand = commands.add_parser("understand", help="what the bot understands of TEXT (JSON)")
    understand.add_argument("text", nargs="?")
    understand.add_argument("--lang", choices=["ar", "en", "es", "fr", "ru", "zh"])
    understand.add_argument("--batch", metavar="FILE", help="one message a line; - for stdin")
    evaluate = commands.add_parser("eval", help="held-out NLU evaluation; report in reports/")
    evaluate.add_argument("--lang", choices=["ar", "en", "es", "fr", "ru", "zh"], help="default: all")
    args = parser.parse_args(argv)

    # The legal core needs no configuration: it must work wherever the data is.
    if args.command == "assess":
        from bot.legal.commands import run_assess

        return run_assess(args.file)
    if args.command == "data":
        from bot.legal.commands import run_check

        return run_check()
    if args.command == "understand":
        from bot.understanding.commands import run_understand

        return run_understand(args.text, args.batch, args.lang)
    if args.command == "eval":
        from bot.understanding.evaluate import run_eval

        return run_eval([args.lang] if args.lang else None)

    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    logsetup.setup(settings.log_level)

    if args.command == "run":
        return _run(settings)
    if args.command == "gateway":
        return _gateway(settings)
    if args.command == "telegram":
        if not settings.telegram_bot_token:
            print("configuration error: TELEGRAM_BOT_TOKEN is not set", file=sys.stderr)
            return 2
        return _telegram(settings)
    if args.command == "db":
        from bot.db import migrate

        if args.action == "upgrade":
            migrate.upgrade(settings.database_url)
            print(f"database at revision {migrate.current(settings.database_url)}")
        else:
            print(migrate.current(settings.database_url) or "empty")
        return 0
    if args.command == "model":
        from bot import model

        if args.action == "ensure":
            try:
                model.ensure(settings.engine_venv)
            except RuntimeError as error:
                print(str(error), file=sys.stderr)
                return 1
        elif args.action == "path":
            print(model.model_path())
        else:
            print(model.fingerprint())
        return 0
    return 2
