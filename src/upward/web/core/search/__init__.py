"""One search over every registered kind of content (PostgreSQL full-text search or
SQLite FTS5), kept in step by the apps' services."""
