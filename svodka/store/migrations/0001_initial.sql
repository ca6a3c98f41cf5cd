-- svodka knowledge base, schema version 1: articles and every layer of the record
-- (OUTPUT-SCHEMA.md). Portable SQL: the same text runs on SQLite and PostgreSQL.
-- Every layer row is keyed by (article_id, id): `id` is the entity id ("e3") for entities
-- and the item's index in its record list for the other layers. Deleting an article
-- deletes all its rows (ON DELETE CASCADE). Offsets are characters into articles.text,
-- end exclusive; `surface` is text[start_char:end_char].

CREATE TABLE articles (
    id                TEXT PRIMARY KEY,
    published         DATE,
    source            TEXT,
    url               TEXT,
    title             TEXT,
    text              TEXT NOT NULL,
    text_sha1         TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    ingested_at       TIMESTAMP NOT NULL,
    errors            INTEGER NOT NULL DEFAULT 0,
    record            TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_text_sha1 ON articles (text_sha1);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    wikidata   TEXT,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX entities_name ON entities (name);
CREATE INDEX entities_wikidata ON entities (wikidata);

CREATE TABLE mentions (
    article_id TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    id         INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    stands_for TEXT,
    PRIMARY KEY (article_id, entity_id, id),
    FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, id) ON DELETE CASCADE,
    FOREIGN KEY (article_id, stands_for) REFERENCES entities (article_id, id) ON DELETE CASCADE
);

CREATE TABLE positions (
    article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id           INTEGER NOT NULL,
    person       TEXT NOT NULL,
    title        TEXT NOT NULL,
    organization TEXT,
    country      TEXT,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    surface      TEXT NOT NULL,
    PRIMARY KEY (article_id, id),
    FOREIGN KEY (article_id, person) REFERENCES entities (article_id, id) ON DELETE CASCADE,
    FOREIGN KEY (article_id, organization) REFERENCES entities (article_id, id) ON DELETE CASCADE,
    FOREIGN KEY (article_id, country) REFERENCES entities (article_id, id) ON DELETE CASCADE
);

CREATE TABLE quotes (
    article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id           INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    start_char   INTEGER NOT NULL,
    end_char     INTEGER NOT NULL,
    surface      TEXT NOT NULL,
    speaker      TEXT,
    speaker_name TEXT,
    cue          TEXT,
    PRIMARY KEY (article_id, id),
    FOREIGN KEY (article_id, speaker) REFERENCES entities (article_id, id) ON DELETE CASCADE
);
CREATE INDEX quotes_speaker_name ON quotes (speaker_name);

CREATE TABLE timexes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id         INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (article_id, id)
);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id         INTEGER NOT NULL,
    type       TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    place      TEXT,
    date       TEXT,
    PRIMARY KEY (article_id, id),
    FOREIGN KEY (article_id, place) REFERENCES entities (article_id, id) ON DELETE CASCADE
);

CREATE TABLE event_mentions (
    article_id TEXT NOT NULL,
    event_id   INTEGER NOT NULL,
    id         INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id, id),
    FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, id) ON DELETE CASCADE
);

CREATE TABLE event_participants (
    article_id TEXT NOT NULL,
    event_id   INTEGER NOT NULL,
    id         INTEGER NOT NULL,
    entity_id  TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id, id),
    FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, id) ON DELETE CASCADE,
    FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, id) ON DELETE CASCADE
);

CREATE TABLE figures (
    article_id       TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id               INTEGER NOT NULL,
    start_char       INTEGER NOT NULL,
    end_char         INTEGER NOT NULL,
    surface          TEXT NOT NULL,
    value            DOUBLE PRECISION NOT NULL,
    unit             TEXT NOT NULL,
    indicator        TEXT,
    period           TEXT,
    forecast         BOOLEAN NOT NULL,
    change_value     DOUBLE PRECISION,
    change_unit      TEXT,
    change_direction TEXT,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX figures_indicator ON figures (indicator);

CREATE TABLE documents (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id         INTEGER NOT NULL,
    name       TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    status     TEXT,
    date       TEXT,
    place      TEXT,
    PRIMARY KEY (article_id, id),
    FOREIGN KEY (article_id, place) REFERENCES entities (article_id, id) ON DELETE CASCADE
);

CREATE TABLE document_mentions (
    article_id  TEXT NOT NULL,
    document_id INTEGER NOT NULL,
    id          INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    surface     TEXT NOT NULL,
    PRIMARY KEY (article_id, document_id, id),
    FOREIGN KEY (article_id, document_id) REFERENCES documents (article_id, id) ON DELETE CASCADE
);

CREATE TABLE document_parties (
    article_id  TEXT NOT NULL,
    document_id INTEGER NOT NULL,
    id          INTEGER NOT NULL,
    entity_id   TEXT NOT NULL,
    PRIMARY KEY (article_id, document_id, id),
    FOREIGN KEY (article_id, document_id) REFERENCES documents (article_id, id) ON DELETE CASCADE,
    FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, id) ON DELETE CASCADE
);

CREATE TABLE attributions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id         INTEGER NOT NULL,
    source     TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    PRIMARY KEY (article_id, id)
);
