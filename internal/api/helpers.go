package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/chokepoint/chokepoint/internal/store"
)

// CursorList is a page of items listed newest first with a cursor.
type CursorList[T any] struct {
	Items      []T   `json:"items"`
	NextBefore int64 `json:"next_before,omitempty"`
}

// PathID reads a positive integer path value (a "T" prefix is allowed for
// traveller ids), answering 400 when it is not one.
func PathID(w http.ResponseWriter, r *http.Request, name string) (int64, bool) {
	v := strings.TrimPrefix(r.PathValue(name), "T")
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		Error(w, http.StatusBadRequest, "%s must be a positive integer, got %q", name, r.PathValue(name))
		return 0, false
	}
	return n, true
}

// NotFoundOr500 answers a failed read: 404 for store.ErrNotFound, else 500.
func NotFoundOr500(w http.ResponseWriter, err error, what string, id int64) {
	if errors.Is(err, store.ErrNotFound) {
		Error(w, http.StatusNotFound, "%s %d not found", what, id)
		return
	}
	Error(w, http.StatusInternalServerError, "reading %s %d: %v", what, id, err)
}

// AuditRead records a read (or change) of personal data by the caller,
// with the purpose it gives in the X-Purpose header or ?purpose=.
func AuditRead(st *store.Store, r *http.Request, action, object string) error {
	p := PrincipalFrom(r.Context())
	purpose := r.Header.Get("X-Purpose")
	if purpose == "" {
		purpose = r.URL.Query().Get("purpose")
	}
	_, err := st.Audit(r.Context(), store.AuditRecord{Actor: p.Name + " (" + p.Role + ")", Action: action, Object: object, Purpose: purpose})
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// StoreAuth authenticates bearer tokens against the store.
type StoreAuth struct{ Store *store.Store }

// Authenticate implements Authenticator.
func (a StoreAuth) Authenticate(ctx context.Context, token string) (Principal, error) {
	t, err := a.Store.LookupToken(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return Principal{}, ErrUnauthenticated
	}
	if err != nil {
		return Principal{}, err
	}
	return Principal{Name: t.Name, Role: t.Role}, nil
}
