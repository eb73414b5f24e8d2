package network

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/chokepoint/chokepoint/internal/api"
)

// ExpandHandler serves GET /api/v1/network/{traveller}?hops=2&limit=&offset=:
// the traveller identity's neighbourhood as a Result (nodes, edges, hubs),
// with the evidence paginated (limit and offset over the ranked
// associates). ids names travellers in evidence; it may be nil.
func ExpandHandler(g *Graph, ids IdentityReader) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("traveller"), 10, 64)
		if err != nil || id <= 0 {
			api.Error(w, http.StatusBadRequest, "traveller must be an identity id, got %q", r.PathValue("traveller"))
			return
		}
		hops := 2
		if v := r.URL.Query().Get("hops"); v != "" {
			hops, err = strconv.Atoi(v)
			if err != nil || hops < 1 || hops > 4 {
				api.Error(w, http.StatusBadRequest, "hops must be 1..4, got %q", v)
				return
			}
		}
		page, err := api.ParsePage(r)
		if err != nil {
			api.Error(w, http.StatusBadRequest, "%v", err)
			return
		}
		var names Namer
		if ids != nil {
			names = StoreNamer(r.Context(), ids)
		}
		res, err := g.Expand(id, hops, names)
		if errors.Is(err, ErrUnknownTraveller) {
			api.Error(w, http.StatusNotFound, "identity %d is not in the network", id)
			return
		}
		if err != nil {
			api.Error(w, http.StatusInternalServerError, "expand: %v", err)
			return
		}
		ev := res.Evidence
		next := 0
		switch {
		case page.Offset >= len(ev):
			ev = []Evidence{}
		case page.Offset+page.Limit < len(ev):
			ev = ev[page.Offset : page.Offset+page.Limit]
			next = page.Offset + page.Limit
		default:
			ev = ev[page.Offset:]
		}
		res.Evidence = ev
		api.WriteJSON(w, http.StatusOK, struct {
			Result
			Limit      int `json:"limit"`
			Offset     int `json:"offset"`
			NextOffset int `json:"next_offset,omitempty"`
		}{res, page.Limit, page.Offset, next})
	}
}

// GroupsHandler serves GET /api/v1/network/groups?min_size=3&limit=&offset=:
// the connected groups, those growing over the most weeks first, as an
// api.List.
func GroupsHandler(g *Graph) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		page, err := api.ParsePage(r)
		if err != nil {
			api.Error(w, http.StatusBadRequest, "%v", err)
			return
		}
		minSize := 3
		if v := r.URL.Query().Get("min_size"); v != "" {
			minSize, err = strconv.Atoi(v)
			if err != nil || minSize < 2 {
				api.Error(w, http.StatusBadRequest, "min_size must be an integer >= 2, got %q", v)
				return
			}
		}
		groups := g.Groups(minSize)
		var items []Group
		if page.Offset < len(groups) {
			items = groups[page.Offset:min(len(groups), page.Offset+page.Limit+1)]
		}
		api.WriteJSON(w, http.StatusOK, api.NewList(items, page))
	}
}
