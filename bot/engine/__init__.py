"""Plug-ins loaded *inside* the Rasa server (engine environment, Python 3.10).

Only the standard library, PyYAML and rasa may be imported here and in what it imports.
"""
