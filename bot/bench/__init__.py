"""`make bench`: the speed targets, measured (never checked by timed tests)."""
