"""`python -m bot.bench`: the legal core's throughput, then per-turn latency of the triage."""

from __future__ import annotations

import sys

from bot.bench import turns
from bot.legal import bench as legal


def main() -> int:
    status = legal.main()
    status |= turns.main()
    return status


if __name__ == "__main__":
    sys.exit(main())
