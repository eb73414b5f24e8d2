-- 0004: the link graph of package network (docs/network.md), shared by
-- SQLite and PostgreSQL. Nodes are traveller identities (kind
-- 'traveller', key the identity id) and normalised identifiers (phone,
-- email, address, card, booking, frequent_flyer, office, document); edges
-- say how two nodes connect. Dates are local "2006-01-02" text.

CREATE TABLE network_nodes (
    id         {{ID}},
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    first_seen TEXT NOT NULL DEFAULT '',
    last_seen  TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, key)
);

-- An edge from a traveller to an identifier has a = the traveller node;
-- an edge between two travellers has a < b.
CREATE TABLE network_edges (
    id         {{ID}},
    a          BIGINT NOT NULL REFERENCES network_nodes (id) ON DELETE CASCADE,
    b          BIGINT NOT NULL REFERENCES network_nodes (id) ON DELETE CASCADE,
    kind       TEXT   NOT NULL,
    count      BIGINT NOT NULL DEFAULT 1,
    first_seen TEXT   NOT NULL DEFAULT '',
    last_seen  TEXT   NOT NULL DEFAULT '',
    UNIQUE (a, b, kind)
);
CREATE INDEX network_edges_b ON network_edges (b);

-- One row per identity per flight (or per booking without flight) the
-- network has observed: the co-travel facts (same booking, adjacent seats,
-- repeated shared flights) are derived from it.
CREATE TABLE network_trips (
    identity_id    BIGINT NOT NULL,
    flight_id      BIGINT NOT NULL DEFAULT 0,
    booking_id     BIGINT NOT NULL DEFAULT 0,
    record_locator TEXT   NOT NULL DEFAULT '',
    seat           TEXT   NOT NULL DEFAULT '',
    day            TEXT   NOT NULL DEFAULT '',
    PRIMARY KEY (identity_id, flight_id, booking_id)
);
CREATE INDEX network_trips_flight ON network_trips (flight_id, booking_id);
