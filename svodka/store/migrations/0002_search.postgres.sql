-- schema version 2 on PostgreSQL: the full-text search index (SQLite: 0002_search.sql).
-- The same search_docs rows as on SQLite; `lemmas` (already lemmatised by svodka, see
-- store/search.py) becomes a tsvector with the 'simple' configuration (no stemming, no
-- stop words: the lemmas are the terms) under a GIN index.

CREATE TABLE search_docs (
    id         BIGSERIAL PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    ref        TEXT,
    body       TEXT NOT NULL,
    lemmas     TEXT NOT NULL,
    terms      TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', lemmas)) STORED
);
CREATE INDEX search_docs_article ON search_docs (article_id);
CREATE INDEX search_docs_terms ON search_docs USING GIN (terms);
