"""Treaty Navigator: helps people bring an individual complaint to a UN treaty body.

Kept free of imports on purpose: the Rasa engine (Python 3.10, its own environment)
imports `bot.engine` and `bot.replies`, and must not pull in the app's dependencies.
"""

__version__ = "0.1.0"
