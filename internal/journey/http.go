package journey

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/chokepoint/chokepoint/internal/api"
	"github.com/chokepoint/chokepoint/internal/store"
)

// IdentitySource is a Source that can also tell whether an identity exists.
// *store.Store satisfies it.
type IdentitySource interface {
	Source
	Identity(ctx context.Context, id int64) (store.Identity, error)
}

// Response is the body of GET /api/v1/travellers/{id}/journeys.
type Response struct {
	TravellerID int64     `json:"traveller_id"`
	Journeys    []Journey `json:"journeys"`
}

// Handler serves GET /api/v1/travellers/{id}/journeys: the journeys of a
// traveller identity, computed from the store at request time. The route
// must name the path value "id". An identity merged into another answers
// with the journeys of the one it was merged into (traveller_id says
// which). Unknown identities are 404.
func (b *Builder) Handler(src IdentitySource) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			api.Error(w, http.StatusBadRequest, "traveller id must be a positive integer, got %q", r.PathValue("id"))
			return
		}
		ctx := r.Context()
		for range 8 { // follow merges, bounded
			ident, err := src.Identity(ctx, id)
			if errors.Is(err, store.ErrNotFound) {
				api.Error(w, http.StatusNotFound, "traveller %d not found", id)
				return
			}
			if err != nil {
				api.Error(w, http.StatusInternalServerError, "traveller %d: %v", id, err)
				return
			}
			if ident.MergedInto == 0 || ident.MergedInto == id {
				break
			}
			id = ident.MergedInto
		}
		js, err := b.Journeys(ctx, src, id)
		if err != nil {
			api.Error(w, http.StatusInternalServerError, "journeys of traveller %d: %v", id, err)
			return
		}
		api.WriteJSON(w, http.StatusOK, Response{TravellerID: id, Journeys: js})
	}
}
