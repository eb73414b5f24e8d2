-- 0001: initial schema, shared by SQLite and PostgreSQL.
-- Placeholders replaced per dialect before execution:
--   {{ID}}   auto-incrementing 64-bit primary key
--   {{TIME}} an instant (SQLite: fixed-width UTC text; PostgreSQL: timestamptz)
--   {{JSON}} a JSON document (SQLite: text; PostgreSQL: jsonb)
--   {{BLOB}} bytes (SQLite: blob; PostgreSQL: bytea)
-- Local flight dates and times are text as airlines send them
-- ("2006-01-02", "2006-01-02T15:04"), so they sort and compare as text.

CREATE TABLE raw_messages (
    id            {{ID}},
    sha256        TEXT    NOT NULL UNIQUE,
    source        TEXT    NOT NULL,
    received_at   {{TIME}} NOT NULL,
    format        TEXT    NOT NULL DEFAULT '',
    kind          TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL,
    reject_reason TEXT    NOT NULL DEFAULT '',
    warnings      {{JSON}} NOT NULL,
    size          BIGINT  NOT NULL,
    body          {{BLOB}},
    purged_at     {{TIME}}
);
CREATE INDEX raw_messages_status ON raw_messages (status, id);
CREATE INDEX raw_messages_received ON raw_messages (received_at);

CREATE TABLE flights (
    id              {{ID}},
    carrier         TEXT    NOT NULL,
    number          TEXT    NOT NULL,
    departure_date  TEXT    NOT NULL,
    origin          TEXT    NOT NULL,
    destination     TEXT    NOT NULL,
    departure_local TEXT    NOT NULL DEFAULT '',
    arrival_local   TEXT    NOT NULL DEFAULT '',
    domestic        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      {{TIME}} NOT NULL,
    updated_at      {{TIME}} NOT NULL,
    UNIQUE (carrier, number, departure_date, origin, destination)
);
CREATE INDEX flights_departure_date ON flights (departure_date);
CREATE INDEX flights_departure_local ON flights (departure_local);

CREATE TABLE flight_codeshares (
    flight_id BIGINT NOT NULL REFERENCES flights (id) ON DELETE CASCADE,
    carrier   TEXT   NOT NULL,
    number    TEXT   NOT NULL,
    PRIMARY KEY (flight_id, carrier, number)
);
CREATE INDEX flight_codeshares_designator ON flight_codeshares (carrier, number);

CREATE TABLE message_flights (
    message_id BIGINT NOT NULL REFERENCES raw_messages (id) ON DELETE CASCADE,
    flight_id  BIGINT NOT NULL REFERENCES flights (id) ON DELETE CASCADE,
    PRIMARY KEY (message_id, flight_id)
);
CREATE INDEX message_flights_flight ON message_flights (flight_id);

CREATE TABLE bookings (
    id                {{ID}},
    system            TEXT    NOT NULL,
    record_locator    TEXT    NOT NULL,
    created_date      TEXT    NOT NULL DEFAULT '',
    office            TEXT    NOT NULL DEFAULT '',
    first_departure   TEXT    NOT NULL DEFAULT '',
    last_departure    TEXT    NOT NULL DEFAULT '',
    cancelled         BOOLEAN NOT NULL DEFAULT FALSE,
    version_at        {{TIME}} NOT NULL,
    message_id        BIGINT REFERENCES raw_messages (id) ON DELETE SET NULL,
    data              {{JSON}} NOT NULL,
    depersonalised_at {{TIME}},
    created_at        {{TIME}} NOT NULL,
    updated_at        {{TIME}} NOT NULL,
    UNIQUE (system, record_locator)
);
CREATE INDEX bookings_last_departure ON bookings (last_departure);

CREATE TABLE booking_versions (
    id         {{ID}},
    booking_id BIGINT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    message_id BIGINT REFERENCES raw_messages (id) ON DELETE SET NULL,
    version_at {{TIME}} NOT NULL,
    stored_at  {{TIME}} NOT NULL,
    data       {{JSON}} NOT NULL
);
CREATE INDEX booking_versions_booking ON booking_versions (booking_id, id);

CREATE TABLE identities (
    id                {{ID}},
    data              {{JSON}} NOT NULL,
    retained          BOOLEAN NOT NULL DEFAULT FALSE,
    retain_reason     TEXT    NOT NULL DEFAULT '',
    merged_into       BIGINT,
    depersonalised_at {{TIME}},
    created_at        {{TIME}} NOT NULL,
    updated_at        {{TIME}} NOT NULL
);

CREATE TABLE identity_keys (
    key         TEXT   NOT NULL,
    identity_id BIGINT NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    PRIMARY KEY (key, identity_id)
);
CREATE INDEX identity_keys_identity ON identity_keys (identity_id);

CREATE TABLE flight_travellers (
    id                {{ID}},
    flight_id         BIGINT NOT NULL REFERENCES flights (id) ON DELETE CASCADE,
    identity_id       BIGINT REFERENCES identities (id) ON DELETE SET NULL,
    booking_id        BIGINT REFERENCES bookings (id) ON DELETE SET NULL,
    record_locator    TEXT   NOT NULL DEFAULT '',
    role              TEXT   NOT NULL DEFAULT '',
    surname           TEXT   NOT NULL DEFAULT '',
    given_names       TEXT   NOT NULL DEFAULT '',
    birth_date        TEXT   NOT NULL DEFAULT '',
    seat              TEXT   NOT NULL DEFAULT '',
    data              {{JSON}} NOT NULL,
    sources           {{JSON}} NOT NULL,
    confidence        DOUBLE PRECISION NOT NULL DEFAULT 1,
    explanation       {{JSON}} NOT NULL,
    depersonalised_at {{TIME}},
    created_at        {{TIME}} NOT NULL,
    updated_at        {{TIME}} NOT NULL
);
CREATE INDEX flight_travellers_flight ON flight_travellers (flight_id, id);
CREATE INDEX flight_travellers_identity ON flight_travellers (identity_id);
CREATE INDEX flight_travellers_booking ON flight_travellers (booking_id);

CREATE TABLE flight_traveller_keys (
    flight_id           BIGINT NOT NULL,
    key                 TEXT   NOT NULL,
    flight_traveller_id BIGINT NOT NULL REFERENCES flight_travellers (id) ON DELETE CASCADE,
    PRIMARY KEY (flight_id, key, flight_traveller_id)
);
CREATE INDEX flight_traveller_keys_traveller ON flight_traveller_keys (flight_traveller_id);

CREATE TABLE identity_links (
    id                  {{ID}},
    identity_id         BIGINT NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
    flight_traveller_id BIGINT REFERENCES flight_travellers (id) ON DELETE CASCADE,
    other_identity_id   BIGINT,
    decision            TEXT   NOT NULL,
    confidence          DOUBLE PRECISION NOT NULL,
    explanation         {{JSON}} NOT NULL,
    decided_by          TEXT   NOT NULL DEFAULT '',
    created_at          {{TIME}} NOT NULL
);
CREATE INDEX identity_links_identity ON identity_links (identity_id, id);
CREATE INDEX identity_links_traveller ON identity_links (flight_traveller_id);

CREATE TABLE watchlist_versions (
    id          {{ID}},
    list        TEXT   NOT NULL,
    format      TEXT   NOT NULL DEFAULT '',
    source      TEXT   NOT NULL DEFAULT '',
    list_date   TEXT   NOT NULL DEFAULT '',
    digest      TEXT   NOT NULL,
    imported_at {{TIME}} NOT NULL,
    entry_count BIGINT NOT NULL,
    previous_id BIGINT REFERENCES watchlist_versions (id),
    changes     {{JSON}} NOT NULL,
    entries     {{BLOB}} NOT NULL
);
CREATE INDEX watchlist_versions_list ON watchlist_versions (list, id);

CREATE TABLE screenings (
    id                  {{ID}},
    flight_traveller_id BIGINT NOT NULL REFERENCES flight_travellers (id) ON DELETE CASCADE,
    screened_at         {{TIME}} NOT NULL,
    hits                BIGINT NOT NULL,
    matches             {{JSON}} NOT NULL,
    list_versions       {{JSON}} NOT NULL
);
CREATE INDEX screenings_traveller ON screenings (flight_traveller_id, id);

CREATE TABLE alerts (
    id                  {{ID}},
    dedup_key           TEXT   NOT NULL UNIQUE,
    identity_id         BIGINT REFERENCES identities (id) ON DELETE SET NULL,
    flight_traveller_id BIGINT REFERENCES flight_travellers (id) ON DELETE SET NULL,
    flight_id           BIGINT REFERENCES flights (id) ON DELETE SET NULL,
    cause               TEXT   NOT NULL,
    rule                TEXT   NOT NULL DEFAULT '',
    list                TEXT   NOT NULL DEFAULT '',
    entry_id            TEXT   NOT NULL DEFAULT '',
    severity            TEXT   NOT NULL DEFAULT '',
    priority            BIGINT NOT NULL DEFAULT 0,
    status              TEXT   NOT NULL,
    explanation         {{JSON}} NOT NULL,
    created_at          {{TIME}} NOT NULL,
    updated_at          {{TIME}} NOT NULL
);
CREATE INDEX alerts_status ON alerts (status, id);
CREATE INDEX alerts_identity ON alerts (identity_id);
CREATE INDEX alerts_traveller ON alerts (flight_traveller_id);

CREATE TABLE alert_events (
    id          {{ID}},
    alert_id    BIGINT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    at          {{TIME}} NOT NULL,
    actor       TEXT   NOT NULL,
    from_status TEXT   NOT NULL,
    to_status   TEXT   NOT NULL,
    reason      TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX alert_events_alert ON alert_events (alert_id, id);

-- The audit log is a hash chain: each row's hash covers the previous
-- row's hash and its own content. detail is plain text (not jsonb) so the
-- bytes hashed are the bytes stored.
CREATE TABLE audit_log (
    seq       BIGINT NOT NULL PRIMARY KEY,
    at        {{TIME}} NOT NULL,
    actor     TEXT   NOT NULL,
    action    TEXT   NOT NULL,
    object    TEXT   NOT NULL,
    purpose   TEXT   NOT NULL,
    detail    TEXT   NOT NULL,
    prev_hash TEXT   NOT NULL,
    hash      TEXT   NOT NULL
);
CREATE TABLE audit_head (
    id   BIGINT NOT NULL PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash TEXT   NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

CREATE TABLE api_tokens (
    id         {{ID}},
    hash       TEXT   NOT NULL UNIQUE,
    name       TEXT   NOT NULL,
    role       TEXT   NOT NULL,
    created_by TEXT   NOT NULL DEFAULT '',
    created_at {{TIME}} NOT NULL,
    revoked_at {{TIME}}
);

CREATE TABLE criteria (
    id            {{ID}},
    name          TEXT   NOT NULL UNIQUE,
    owner         TEXT   NOT NULL,
    justification TEXT   NOT NULL,
    severity      TEXT   NOT NULL,
    status        TEXT   NOT NULL,
    start_date    TEXT   NOT NULL DEFAULT '',
    review_date   TEXT   NOT NULL DEFAULT '',
    expression    TEXT   NOT NULL,
    backtest      {{JSON}},
    version       BIGINT NOT NULL,
    updated_by    TEXT   NOT NULL DEFAULT '',
    created_at    {{TIME}} NOT NULL,
    updated_at    {{TIME}} NOT NULL
);
CREATE INDEX criteria_status ON criteria (status);

CREATE TABLE criterion_versions (
    criterion_id BIGINT NOT NULL REFERENCES criteria (id) ON DELETE CASCADE,
    version      BIGINT NOT NULL,
    data         {{JSON}} NOT NULL,
    changed_by   TEXT   NOT NULL DEFAULT '',
    changed_at   {{TIME}} NOT NULL,
    PRIMARY KEY (criterion_id, version)
);
