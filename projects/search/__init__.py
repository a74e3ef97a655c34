"""The catalogue's full-text search, the same on SQLite and PostgreSQL: texts are analysed in
Python (Voikko for Finnish lemmas and compound parts, Snowball stems for Swedish and
English), stored as terms in the database's own full-text index (FTS5 or a tsvector), and
queries are planned against the index's vocabulary (prefixes, typos, "did you mean")."""
