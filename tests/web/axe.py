"""axe-core for the accessibility audit: a pinned release from the npm registry, checked.

Fetched once during test set-up (`make test` runs `python -m tests.web.axe`; the browser tests
call `source()` too) and kept under .cache/ (git-ignored). The tarball's integrity hash is
checked every time it is read, so a changed or truncated file is never run. The bot itself
never loads it.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile

import httpx

from tests.conftest import ROOT

VERSION = "4.14.1"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
URL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
TARBALL = ROOT / ".cache" / f"axe-core-{VERSION}.tgz"


def _checked(data: bytes) -> bool:
    algorithm, _, expected = INTEGRITY.partition("-")
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode() == expected


def ensure() -> bytes:
    """The verified tarball, downloaded when missing or wrong."""
    if TARBALL.exists() and _checked(TARBALL.read_bytes()):
        return TARBALL.read_bytes()
    response = httpx.get(URL, timeout=60, follow_redirects=True)
    response.raise_for_status()
    if not _checked(response.content):
        raise RuntimeError(f"axe-core {VERSION} from the npm registry does not match its integrity hash")
    TARBALL.parent.mkdir(parents=True, exist_ok=True)
    partial = TARBALL.with_suffix(".part")
    partial.write_bytes(response.content)
    partial.replace(TARBALL)
    return response.content


def source() -> str:
    """axe.min.js, read from the verified tarball."""
    with tarfile.open(fileobj=io.BytesIO(ensure()), mode="r:gz") as archive:
        member = archive.extractfile("package/axe.min.js")
        assert member is not None
        return member.read().decode("utf-8")


if __name__ == "__main__":
    try:
        ensure()
    except (httpx.HTTPError, RuntimeError, OSError) as error:
        print(f"axe-core {VERSION}: {error}", file=sys.stderr)
        sys.exit(1)
