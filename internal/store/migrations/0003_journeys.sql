-- 0003: journeys computed per traveller identity (internal/journey).
-- One row per journey; data holds the journey's JSON (docs/journeys.md).
-- A journey is recomputed from the identity's flights and bookings, and
-- all journeys of an identity are replaced at once (PutJourneys).
CREATE TABLE journeys (
    identity_id   BIGINT  NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    seq           BIGINT  NOT NULL,
    start_local   TEXT    NOT NULL DEFAULT '',
    end_local     TEXT    NOT NULL DEFAULT '',
    origin        TEXT    NOT NULL DEFAULT '',
    destination   TEXT    NOT NULL DEFAULT '',
    final_group   TEXT    NOT NULL DEFAULT '',
    broken_travel BOOLEAN NOT NULL DEFAULT FALSE,
    data          {{JSON}} NOT NULL,
    updated_at    {{TIME}} NOT NULL,
    PRIMARY KEY (identity_id, seq)
);
CREATE INDEX journeys_final_group ON journeys (final_group, start_local);
