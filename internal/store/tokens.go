package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"
)

// TokenPrefix starts every API token, so leaked tokens are recognisable.
const TokenPrefix = "chk_"

// Token is an API token as stored: its SHA-256, never the token itself.
type Token struct {
	ID        int64
	Name      string
	Role      string
	CreatedBy string
	Created   time.Time
	Revoked   time.Time // zero while valid
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateToken makes a new API token for role and returns it in plain: this
// is the only time it is available, as only its SHA-256 is stored. The
// creation is recorded in the audit log.
func (c *conn) CreateToken(ctx context.Context, name, role, actor string) (string, Token, error) {
	if role == "" {
		return "", Token{}, fmt.Errorf("store: create token: empty role: %w", ErrInvalid)
	}
	var secret [32]byte
	if _, err := rand.Read(secret[:]); err != nil {
		return "", Token{}, fmt.Errorf("store: create token: %w", err)
	}
	plain := TokenPrefix + base64.RawURLEncoding.EncodeToString(secret[:])
	t := Token{Name: name, Role: role, CreatedBy: actor, Created: c.now()}
	err := c.write(ctx, func(c *conn) error {
		if err := c.queryRow(ctx, `INSERT INTO api_tokens (hash, name, role, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			[]any{tokenHash(plain), name, role, actor, c.tv(t.Created)}, &t.ID); err != nil {
			return err
		}
		_, err := c.Audit(ctx, AuditRecord{Actor: actor, Action: "token.create", Object: fmt.Sprintf("token:%d", t.ID),
			Detail: "role=" + role})
		return err
	})
	if err != nil {
		return "", Token{}, fmt.Errorf("store: create token: %w", err)
	}
	return plain, t, nil
}

const tokenCols = `id, name, role, created_by, created_at, revoked_at`

func scanToken(sc scanner, t *Token) error {
	return sc.Scan(&t.ID, &t.Name, &t.Role, &t.CreatedBy, tcol(&t.Created), tcol(&t.Revoked))
}

// LookupToken returns the valid token matching a plain token; ErrNotFound
// when it is unknown or revoked.
func (c *conn) LookupToken(ctx context.Context, token string) (Token, error) {
	var t Token
	err := scanToken(c.row(ctx, `SELECT `+tokenCols+` FROM api_tokens WHERE hash = $1 AND revoked_at IS NULL`,
		tokenHash(token)), &t)
	if err != nil {
		return Token{}, notFound(err, "token")
	}
	return t, nil
}

// RevokeToken revokes a token; it is recorded in the audit log.
func (c *conn) RevokeToken(ctx context.Context, id int64, actor string) error {
	return c.write(ctx, func(c *conn) error {
		res, err := c.exec(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, c.tv(c.now()), id)
		if err := affected(res, err, fmt.Sprintf("revoke token %d", id)); err != nil {
			return err
		}
		_, err = c.Audit(ctx, AuditRecord{Actor: actor, Action: "token.revoke", Object: fmt.Sprintf("token:%d", id)})
		return err
	})
}

// Tokens lists all tokens, revoked ones included.
func (c *conn) Tokens(ctx context.Context) ([]Token, error) {
	rows, err := c.query(ctx, `SELECT `+tokenCols+` FROM api_tokens ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		if err := scanToken(rows, &t); err != nil {
			return nil, fmt.Errorf("store: tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rowsErr(rows, "tokens")
}
