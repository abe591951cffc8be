"""Starts the Rasa CLI with Python warnings silenced.

Rasa 3.6 and its pinned, unmaintained dependencies print a screenful of deprecation
warnings at every start, and Rasa resets the warning filters, so PYTHONWARNINGS cannot
silence them. Operators read these logs; real errors still arrive through logging.
Usage: python -m bot.engine.launch <rasa arguments>
"""

import sys
import warnings


def _silent(*_args: object, **_kwargs: object) -> None:
    return None


def main() -> None:
    warnings.showwarning = _silent
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
