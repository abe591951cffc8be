"""The trained Rasa model, named by a hash of everything that shapes it.

Training runs only when the training data, domain, pipeline or engine version changed;
reply wording (dialogues/replies.yml, catalogs) is deliberately not part of the hash.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bot import paths


def training_inputs(root: Path = paths.ROOT) -> list[Path]:
    files = [root / "config.yml", root / "dialogues" / "domain.yml", root / "requirements" / "engine.lock"]
    files += sorted(p for p in (root / "dialogues" / "data").rglob("*") if p.is_file())
    return files


def fingerprint(root: Path = paths.ROOT) -> str:
    """sha256 over the relative paths and bytes of the training inputs (first 16 hex digits)."""
    digest = hashlib.sha256()
    for path in training_inputs(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def model_path(root: Path = paths.ROOT) -> Path:
    return root / "models" / f"{fingerprint(root)}.tar.gz"


def engine_env() -> dict[str, str]:
    """What any engine process needs in its environment: no telemetry, quiet TensorFlow."""
    return {
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONPATH": str(paths.ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONWARNINGS": "ignore",
    }


def train(engine_venv: Path = paths.ENGINE_VENV, root: Path = paths.ROOT) -> Path:
    """Train into a scratch folder, then move the model into place (never a half-written file)."""
    target = model_path(root)
    scratch = root / "models" / f".training-{target.name.split('.')[0]}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    started = time.monotonic()
    command = [
        str(engine_venv / "bin" / "rasa"),
        "train",
        "--data",
        str(root / "dialogues" / "data"),
        "--domain",
        str(root / "dialogues" / "domain.yml"),
        "--config",
        str(root / "config.yml"),
        "--out",
        str(scratch),
        "--fixed-model-name",
        target.name.split(".")[0],
        "--quiet",
    ]
    result = subprocess.run(command, cwd=root, env={**os.environ, **engine_env()}, check=False)
    if result.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        raise RuntimeError(f"rasa train failed with exit code {result.returncode}")
    (scratch / target.name).replace(target)
    shutil.rmtree(scratch, ignore_errors=True)
    for old in target.parent.glob("*.tar.gz"):
        if old != target:
            old.unlink()
    print(f"model trained in {time.monotonic() - started:.0f} s: {target.relative_to(root)}")
    return target


def ensure(engine_venv: Path = paths.ENGINE_VENV, root: Path = paths.ROOT) -> Path:
    target = model_path(root)
    if target.exists():
        print(f"model up to date: {target.relative_to(root)}")
        return target
    print("training the Rasa model (training data or config changed) ...", file=sys.stderr)
    return train(engine_venv, root)
