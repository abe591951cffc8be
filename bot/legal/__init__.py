"""The legal core: which UN complaint procedures are open, and how admissible a case looks.

Pure logic (assess.py, dates.py, facts.py) over versioned data files (data/), loaded once by
data.py. Nothing here does I/O while assessing, so every rule is tested directly.
"""
