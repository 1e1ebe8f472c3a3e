"""Query log: the SQLite store, its migrations, topics and the maintainers' reports."""
