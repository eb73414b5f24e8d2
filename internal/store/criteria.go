package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Criterion statuses.
const (
	CriterionDraft   = "draft"
	CriterionActive  = "active"
	CriterionRetired = "retired"
)

// Criterion is a targeting rule (a CEL expression over travellers), with
// the governance the EU PNR Directive asks of pre-determined criteria.
type Criterion struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Owner         string `json:"owner"`
	Justification string `json:"justification"`
	Severity      string `json:"severity"`
	Status        string `json:"status"`
	StartDate     string `json:"start_date,omitempty"`  // "2006-01-02"
	ReviewDate    string `json:"review_date,omitempty"` // "2006-01-02"
	Expression    string `json:"expression"`
	// Backtest is the approved backtest result, as JSON.
	Backtest json.RawMessage `json:"backtest,omitempty"`
	// Version counts the saves, from 1.
	Version   int       `json:"version"`
	UpdatedBy string    `json:"updated_by,omitempty"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

// CriterionVersion is one saved version of a criterion.
type CriterionVersion struct {
	CriterionID int64
	Version     int
	Criterion   Criterion
	ChangedBy   string
	Changed     time.Time
}

// SaveCriterion creates the criterion named c.Name or saves a new version
// of it, keeping every version; it returns the stored criterion. The
// change is recorded in the audit log.
func (c *conn) SaveCriterion(ctx context.Context, cr Criterion, actor string) (Criterion, error) {
	switch cr.Status {
	case CriterionDraft, CriterionActive, CriterionRetired:
	default:
		return Criterion{}, fmt.Errorf("store: save criterion: status %q: %w", cr.Status, ErrInvalid)
	}
	if cr.Name == "" || cr.Expression == "" {
		return Criterion{}, fmt.Errorf("store: save criterion: name and expression are required: %w", ErrInvalid)
	}
	var backtest any
	if len(cr.Backtest) > 0 {
		b, err := rawv(cr.Backtest, "")
		if err != nil {
			return Criterion{}, err
		}
		backtest = b
	}
	err := c.write(ctx, func(c *conn) error {
		now := c.now()
		cr.UpdatedBy, cr.Updated = actor, now
		old, err := c.Criterion(ctx, cr.Name)
		switch {
		case err == nil:
			cr.ID, cr.Version, cr.Created = old.ID, old.Version+1, old.Created
			if _, err := c.exec(ctx, `UPDATE criteria SET owner = $1, justification = $2, severity = $3, status = $4,
				start_date = $5, review_date = $6, expression = $7, backtest = $8, version = $9, updated_by = $10,
				updated_at = $11 WHERE id = $12`, cr.Owner, cr.Justification, cr.Severity, cr.Status, cr.StartDate,
				cr.ReviewDate, cr.Expression, backtest, cr.Version, actor, c.tv(now), cr.ID); err != nil {
				return err
			}
		case notFoundErr(err):
			cr.Version, cr.Created = 1, now
			if err := c.queryRow(ctx, `INSERT INTO criteria (name, owner, justification, severity, status, start_date,
				review_date, expression, backtest, version, updated_by, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
				[]any{cr.Name, cr.Owner, cr.Justification, cr.Severity, cr.Status, cr.StartDate, cr.ReviewDate,
					cr.Expression, backtest, cr.Version, actor, c.tv(now)}, &cr.ID); err != nil {
				return err
			}
		default:
			return err
		}
		snap, err := jsonv(cr)
		if err != nil {
			return err
		}
		if _, err := c.exec(ctx, `INSERT INTO criterion_versions (criterion_id, version, data, changed_by, changed_at)
			VALUES ($1, $2, $3, $4, $5)`, cr.ID, cr.Version, snap, actor, c.tv(now)); err != nil {
			return err
		}
		_, err = c.Audit(ctx, AuditRecord{Actor: actor, Action: "criterion.save", Object: fmt.Sprintf("criterion:%d", cr.ID),
			Detail: fmt.Sprintf("version=%d status=%s", cr.Version, cr.Status)})
		return err
	})
	if err != nil {
		return Criterion{}, fmt.Errorf("store: save criterion %q: %w", cr.Name, err)
	}
	return cr, nil
}

const criterionCols = `id, name, owner, justification, severity, status, start_date, review_date, expression, backtest,
	version, updated_by, created_at, updated_at`

func scanCriterion(sc scanner, cr *Criterion) error {
	return sc.Scan(&cr.ID, &cr.Name, &cr.Owner, &cr.Justification, &cr.Severity, &cr.Status, &cr.StartDate,
		&cr.ReviewDate, &cr.Expression, jcol(&cr.Backtest), &cr.Version, &cr.UpdatedBy, tcol(&cr.Created), tcol(&cr.Updated))
}

// Criterion returns the current version of a criterion by name.
func (c *conn) Criterion(ctx context.Context, name string) (Criterion, error) {
	var cr Criterion
	if err := scanCriterion(c.row(ctx, `SELECT `+criterionCols+` FROM criteria WHERE name = $1`, name), &cr); err != nil {
		return Criterion{}, notFound(err, "criterion %q", name)
	}
	return cr, nil
}

// Criteria lists criteria by name; a non-empty status keeps only those.
func (c *conn) Criteria(ctx context.Context, status string) ([]Criterion, error) {
	rows, err := c.query(ctx, `SELECT `+criterionCols+` FROM criteria WHERE ($1 = '' OR status = $1) ORDER BY name`, status)
	if err != nil {
		return nil, fmt.Errorf("store: criteria: %w", err)
	}
	defer rows.Close()
	var out []Criterion
	for rows.Next() {
		var cr Criterion
		if err := scanCriterion(rows, &cr); err != nil {
			return nil, fmt.Errorf("store: criteria: %w", err)
		}
		out = append(out, cr)
	}
	return out, rowsErr(rows, "criteria")
}

// CriterionVersions returns every saved version of a criterion, oldest first.
func (c *conn) CriterionVersions(ctx context.Context, criterionID int64) ([]CriterionVersion, error) {
	rows, err := c.query(ctx, `SELECT criterion_id, version, data, changed_by, changed_at FROM criterion_versions
		WHERE criterion_id = $1 ORDER BY version`, criterionID)
	if err != nil {
		return nil, fmt.Errorf("store: criterion versions: %w", err)
	}
	defer rows.Close()
	var out []CriterionVersion
	for rows.Next() {
		var (
			v    CriterionVersion
			data json.RawMessage
		)
		if err := rows.Scan(&v.CriterionID, &v.Version, jcol(&data), &v.ChangedBy, tcol(&v.Changed)); err != nil {
			return nil, fmt.Errorf("store: criterion versions: %w", err)
		}
		if err := json.Unmarshal(data, &v.Criterion); err != nil {
			return nil, fmt.Errorf("store: criterion versions: decode: %w", err)
		}
		out = append(out, v)
	}
	return out, rowsErr(rows, "criterion versions")
}
