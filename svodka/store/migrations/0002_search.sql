-- schema version 2: the full-text search index (SQLite; PostgreSQL: 0002_search.postgres.sql).
-- One row of search_docs per searchable item of an article: the article itself (title and
-- text; ref NULL), each quote (ref = its index in the record's quotes) and each entity
-- (ref = its entity id). `body` is the original text shown in snippets; `lemmas` is that
-- text as lemmas separated by spaces (store/search.py), so «Азербайджаном» is found as
-- «азербайджан». Rows go with their article (ON DELETE CASCADE); the FTS5 table is an
-- external-content index over `lemmas`, kept in step by the triggers.

CREATE TABLE search_docs (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    ref        TEXT,
    body       TEXT NOT NULL,
    lemmas     TEXT NOT NULL
);
CREATE INDEX search_docs_article ON search_docs (article_id);

CREATE VIRTUAL TABLE search_fts USING fts5 (
    lemmas, content = 'search_docs', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);

-- trigger bodies stay on one line: statements are split at a `;` that ends a line
CREATE TRIGGER search_docs_added AFTER INSERT ON search_docs BEGIN INSERT INTO search_fts (rowid, lemmas) VALUES (new.id, new.lemmas); END;
CREATE TRIGGER search_docs_removed AFTER DELETE ON search_docs BEGIN INSERT INTO search_fts (search_fts, rowid, lemmas) VALUES ('delete', old.id, old.lemmas); END;
