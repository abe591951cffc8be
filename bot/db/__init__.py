"""The application's own database (SQLAlchemy 2): conversations keyed by pseudonym only."""
