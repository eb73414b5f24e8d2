package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Identity is a traveller identity: a stable id over everything known of
// one person across flights.
type Identity struct {
	ID            int64
	Names         []PersonName
	BirthDates    []string
	Nationalities []string
	Documents     []IdentityDocument
	Phones        []string
	Emails        []string
	// Retained exempts the identity from depersonalisation and deletion
	// (EU PNR Directive art. 12(3)); RetainReason records why.
	Retained     bool
	RetainReason string
	// MergedInto is set when this identity was merged into another.
	MergedInto     int64
	Depersonalised time.Time
	Created        time.Time
	Updated        time.Time
}

// PersonName is one name of an identity.
type PersonName struct {
	Surname string `json:"surname"`
	Given   string `json:"given,omitempty"`
}

// IdentityDocument is one travel document of an identity.
type IdentityDocument struct {
	Type    string `json:"type,omitempty"`
	Number  string `json:"number"`
	Country string `json:"country,omitempty"`
}

// identityData is the JSON document of an identity's attributes.
type identityData struct {
	Names         []PersonName       `json:"names,omitempty"`
	BirthDates    []string           `json:"birth_dates,omitempty"`
	Nationalities []string           `json:"nationalities,omitempty"`
	Documents     []IdentityDocument `json:"documents,omitempty"`
	Phones        []string           `json:"phones,omitempty"`
	Emails        []string           `json:"emails,omitempty"`
}

func (id *Identity) data() identityData {
	return identityData{id.Names, id.BirthDates, id.Nationalities, id.Documents, id.Phones, id.Emails}
}

func (id *Identity) setData(d identityData) {
	id.Names, id.BirthDates, id.Nationalities = d.Names, d.BirthDates, d.Nationalities
	id.Documents, id.Phones, id.Emails = d.Documents, d.Phones, d.Emails
}

// union adds what b knows and a does not, keeping a's order.
func (a identityData) union(b identityData) identityData {
	a.Names = unionOf(a.Names, b.Names)
	a.BirthDates = unionOf(a.BirthDates, b.BirthDates)
	a.Nationalities = unionOf(a.Nationalities, b.Nationalities)
	a.Documents = unionOf(a.Documents, b.Documents)
	a.Phones = unionOf(a.Phones, b.Phones)
	a.Emails = unionOf(a.Emails, b.Emails)
	return a
}

func unionOf[T comparable](a, b []T) []T {
	var zero T
	seen := make(map[T]bool, len(a)+len(b))
	out := make([]T, 0, len(a)+len(b))
	for _, s := range [][]T{a, b} {
		for _, v := range s {
			if v != zero && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Candidate is an identity found by blocking keys, with the keys it shares.
type Candidate struct {
	Identity
	Keys []string
}

// Identity link decisions (IdentityLink.Decision).
const (
	// DecisionNew: a flight traveller became a new identity.
	DecisionNew = "new"
	// DecisionMatch: a flight traveller was linked to an existing identity.
	DecisionMatch = "match"
	// DecisionMerge: two identities were merged (OtherIdentityID into IdentityID).
	DecisionMerge = "merge"
)

// IdentityLink is one resolution decision, kept with its confidence and
// explanation.
type IdentityLink struct {
	ID                int64
	IdentityID        int64
	FlightTravellerID int64 // 0 for identity merges
	OtherIdentityID   int64 // the identity merged in, for DecisionMerge
	Decision          string
	Confidence        float64
	Explanation       json.RawMessage
	// DecidedBy is "resolve" for automatic decisions, or the analyst.
	DecidedBy string
	Created   time.Time
}

// SaveIdentity creates an identity (id.ID zero) or adds id's names, birth
// dates, nationalities, documents and contacts to an existing one (the
// union of both), and adds keys to its blocking keys. Saving into an
// identity that was merged saves into the one it was merged into. It
// returns the identity's id.
func (c *conn) SaveIdentity(ctx context.Context, id Identity, keys []string) (int64, error) {
	err := c.write(ctx, func(c *conn) error {
		now := c.tv(c.now())
		d := id.data()
		if id.ID == 0 {
			doc, err := jsonv(d)
			if err != nil {
				return err
			}
			if id.ID, _, err = c.insertID(ctx, `INSERT INTO identities (data, retained, retain_reason, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $4)`, doc, id.Retained, id.RetainReason, now); err != nil {
				return err
			}
		} else {
			var (
				raw    json.RawMessage
				merged int64
			)
			for range 8 { // follow merges
				if err := c.queryRow(ctx, `SELECT data, merged_into FROM identities WHERE id = $1`, []any{id.ID},
					jcol(&raw), idCol{&merged}); err != nil {
					return notFound(err, "identity %d", id.ID)
				}
				if merged == 0 {
					break
				}
				id.ID = merged
			}
			var old identityData
			if err := json.Unmarshal(raw, &old); err != nil {
				return fmt.Errorf("decode identity %d: %w", id.ID, err)
			}
			u := old.union(d)
			doc, err := jsonv(u)
			if err != nil {
				return err
			}
			if doc != string(raw) {
				if _, err := c.exec(ctx, `UPDATE identities SET data = $1, updated_at = $2 WHERE id = $3`, doc, now, id.ID); err != nil {
					return err
				}
			}
		}
		return c.addIdentityKeys(ctx, id.ID, keys)
	})
	if err != nil {
		return 0, fmt.Errorf("store: save identity: %w", err)
	}
	return id.ID, nil
}

func (c *conn) addIdentityKeys(ctx context.Context, id int64, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	arg, err := c.listArg(dedup(keys))
	if err != nil {
		return err
	}
	_, err = c.exec(ctx, `INSERT INTO identity_keys (key, identity_id)
		SELECT k.value, $2 FROM (`+c.listSQL(1, "text")+`) AS k WHERE true ON CONFLICT DO NOTHING`, arg, id)
	return err
}

const identityCols = `i.id, i.data, i.retained, i.retain_reason, i.merged_into, i.depersonalised_at, i.created_at, i.updated_at`

func scanIdentity(sc scanner, id *Identity, extra ...any) error {
	var raw json.RawMessage
	dest := append([]any{&id.ID, jcol(&raw), &id.Retained, &id.RetainReason, idCol{&id.MergedInto},
		tcol(&id.Depersonalised), tcol(&id.Created), tcol(&id.Updated)}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return err
	}
	var d identityData
	if err := json.Unmarshal(raw, &d); err != nil {
		return fmt.Errorf("decode identity %d: %w", id.ID, err)
	}
	id.setData(d)
	return nil
}

// Identity returns an identity.
func (c *conn) Identity(ctx context.Context, id int64) (Identity, error) {
	var out Identity
	if err := scanIdentity(c.row(ctx, `SELECT `+identityCols+` FROM identities i WHERE i.id = $1`, id), &out); err != nil {
		return Identity{}, notFound(err, "identity %d", id)
	}
	return out, nil
}

// IdentityKeys returns an identity's blocking keys, sorted.
func (c *conn) IdentityKeys(ctx context.Context, id int64) ([]string, error) {
	rows, err := c.query(ctx, `SELECT key FROM identity_keys WHERE identity_id = $1 ORDER BY key`, id)
	if err != nil {
		return nil, fmt.Errorf("store: identity keys: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("store: identity keys: %w", err)
		}
		out = append(out, k)
	}
	return out, rowsErr(rows, "identity keys")
}

// CandidatesByKeys returns the identities that have at least one of the
// blocking keys, each with the keys it matched, ordered by id. Identities
// merged into others are not returned (their keys moved with the merge).
func (c *conn) CandidatesByKeys(ctx context.Context, keys []string) ([]Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	arg, err := c.listArg(dedup(keys))
	if err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, `SELECT `+identityCols+`, k.key FROM identity_keys k
		JOIN identities i ON i.id = k.identity_id
		WHERE k.key IN (`+c.listSQL(1, "text")+`) AND i.merged_into IS NULL
		ORDER BY i.id, k.key`, arg)
	if err != nil {
		return nil, fmt.Errorf("store: candidates by keys: %w", err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var (
			cand Candidate
			key  string
		)
		if err := scanIdentity(rows, &cand.Identity, &key); err != nil {
			return nil, fmt.Errorf("store: candidates by keys: %w", err)
		}
		if n := len(out); n > 0 && out[n-1].ID == cand.ID {
			out[n-1].Keys = append(out[n-1].Keys, key)
			continue
		}
		cand.Keys = []string{key}
		out = append(out, cand)
	}
	return out, rowsErr(rows, "candidates by keys")
}

// LinkIdentity records a resolution decision and returns its id. It does
// not change the flight traveller: PutFlightTraveller sets its IdentityID.
func (c *conn) LinkIdentity(ctx context.Context, l IdentityLink) (int64, error) {
	switch l.Decision {
	case DecisionNew, DecisionMatch, DecisionMerge:
	default:
		return 0, fmt.Errorf("store: link identity: decision %q: %w", l.Decision, ErrInvalid)
	}
	expl, err := rawv(l.Explanation, "{}")
	if err != nil {
		return 0, err
	}
	err = c.write(ctx, func(c *conn) error {
		var err error
		l.ID, _, err = c.insertID(ctx, `INSERT INTO identity_links
			(identity_id, flight_traveller_id, other_identity_id, decision, confidence, explanation, decided_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			l.IdentityID, nullID(l.FlightTravellerID), nullID(l.OtherIdentityID), l.Decision, l.Confidence, expl,
			l.DecidedBy, c.tv(c.now()))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: link identity: %w", err)
	}
	return l.ID, nil
}

// IdentityLinks returns the decisions recorded for an identity, oldest first.
func (c *conn) IdentityLinks(ctx context.Context, identityID int64) ([]IdentityLink, error) {
	rows, err := c.query(ctx, `SELECT id, identity_id, flight_traveller_id, other_identity_id, decision, confidence,
		explanation, decided_by, created_at FROM identity_links WHERE identity_id = $1 ORDER BY id`, identityID)
	if err != nil {
		return nil, fmt.Errorf("store: identity links: %w", err)
	}
	defer rows.Close()
	var out []IdentityLink
	for rows.Next() {
		var l IdentityLink
		if err := rows.Scan(&l.ID, &l.IdentityID, idCol{&l.FlightTravellerID}, idCol{&l.OtherIdentityID}, &l.Decision,
			&l.Confidence, jcol(&l.Explanation), &l.DecidedBy, tcol(&l.Created)); err != nil {
			return nil, fmt.Errorf("store: identity links: %w", err)
		}
		out = append(out, l)
	}
	return out, rowsErr(rows, "identity links")
}

// MergeIdentities merges identity drop into keep: keep gains drop's
// attributes and keys, drop's flight travellers and alerts move to keep,
// drop is marked merged, and the decision is recorded (link.Decision is
// set to DecisionMerge).
func (c *conn) MergeIdentities(ctx context.Context, keep, drop int64, link IdentityLink) error {
	if keep == drop || keep == 0 || drop == 0 {
		return fmt.Errorf("store: merge identities %d into %d: %w", drop, keep, ErrInvalid)
	}
	err := c.write(ctx, func(c *conn) error {
		d, err := c.Identity(ctx, drop)
		if err != nil {
			return err
		}
		if d.MergedInto != 0 {
			return fmt.Errorf("identity %d already merged into %d: %w", drop, d.MergedInto, ErrInvalid)
		}
		if _, err := c.SaveIdentity(ctx, Identity{ID: keep, Names: d.Names, BirthDates: d.BirthDates,
			Nationalities: d.Nationalities, Documents: d.Documents, Phones: d.Phones, Emails: d.Emails}, nil); err != nil {
			return err
		}
		now := c.tv(c.now())
		for _, q := range []string{
			`INSERT INTO identity_keys (key, identity_id) SELECT key, $1 FROM identity_keys WHERE identity_id = $2 ON CONFLICT DO NOTHING`,
			`DELETE FROM identity_keys WHERE identity_id = $2 AND $1 <> 0`,
			`UPDATE flight_travellers SET identity_id = $1 WHERE identity_id = $2`,
			`UPDATE alerts SET identity_id = $1 WHERE identity_id = $2`,
		} {
			if _, err := c.exec(ctx, q, keep, drop); err != nil {
				return err
			}
		}
		if d.Retained {
			if _, err := c.exec(ctx, `UPDATE identities SET retained = $1, retain_reason = $2 WHERE id = $3 AND NOT retained`,
				true, d.RetainReason, keep); err != nil {
				return err
			}
		}
		if _, err := c.exec(ctx, `UPDATE identities SET merged_into = $1, updated_at = $2 WHERE id = $3`, keep, now, drop); err != nil {
			return err
		}
		link.IdentityID, link.OtherIdentityID, link.Decision = keep, drop, DecisionMerge
		_, err = c.LinkIdentity(ctx, link)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: merge identities: %w", err)
	}
	return nil
}

// SetIdentityRetained marks an identity as retained, with the reason
// (required), or clears the mark; the change is recorded in the audit log.
func (c *conn) SetIdentityRetained(ctx context.Context, id int64, retained bool, reason, actor string) error {
	if retained && reason == "" {
		return fmt.Errorf("store: retain identity %d: a reason is required: %w", id, ErrInvalid)
	}
	if !retained {
		reason = ""
	}
	return c.write(ctx, func(c *conn) error {
		res, err := c.exec(ctx, `UPDATE identities SET retained = $1, retain_reason = $2, updated_at = $3 WHERE id = $4`,
			retained, reason, c.tv(c.now()), id)
		if err := affected(res, err, fmt.Sprintf("retain identity %d", id)); err != nil {
			return err
		}
		action := "identity.retain"
		if !retained {
			action = "identity.release"
		}
		_, err = c.Audit(ctx, AuditRecord{Actor: actor, Action: action, Object: fmt.Sprintf("identity:%d", id), Purpose: reason})
		return err
	})
}
