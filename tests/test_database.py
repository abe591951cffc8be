"""Migrations build the schema from nothing, and the CLI can apply them."""

import subprocess

from sqlalchemy import inspect

from bot.db import migrate
from bot.db.models import Base
from bot.db.session import make_engine
from tests.conftest import PYTHON, ROOT, bot_env


def test_upgrade_creates_the_tables_the_models_describe(var_dir):
    url = f"sqlite:///{var_dir}/treaty.db"
    migrate.upgrade(url)
    assert migrate.current(url) == "0002"
    engine = make_engine(url)
    inspector = inspect(engine)
    for table in Base.metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}
    engine.dispose()
    migrate.upgrade(url)  # idempotent
    assert migrate.current(url) == "0002"


def test_cli_db_upgrade(var_dir):
    result = subprocess.run(
        [PYTHON, "-m", "bot", "db", "upgrade"],
        cwd=ROOT, env=bot_env(var_dir), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "database at revision 0002" in result.stdout
    assert (var_dir / "treaty.db").exists()
