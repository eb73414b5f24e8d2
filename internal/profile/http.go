package profile

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/chokepoint/chokepoint/internal/api"
	"github.com/chokepoint/chokepoint/internal/store"
)

// HTTP serves flights with their manifests and traveller profiles.
type HTTP struct {
	Store *store.Store
}

// Register mounts the routes on srv.
func (h *HTTP) Register(srv *api.Server) {
	srv.Handle("GET /api/v1/flights", []string{api.RoleAnalyst}, h.listFlights)
	srv.Handle("GET /api/v1/flights/{id}", []string{api.RoleAnalyst}, h.getFlight)
	srv.Handle("GET /api/v1/travellers/{id}", []string{api.RoleAnalyst}, h.getTraveller)
}

func (h *HTTP) listFlights(w http.ResponseWriter, r *http.Request) {
	date := r.URL.Query().Get("date")
	if _, err := time.Parse("2006-01-02", date); err != nil {
		api.Error(w, http.StatusBadRequest, "date must be YYYY-MM-DD (local departure date), got %q", date)
		return
	}
	page, err := api.ParsePage(r)
	if err != nil {
		api.Error(w, http.StatusBadRequest, "%v", err)
		return
	}
	flights, err := h.Store.Flights(r.Context(), date)
	if err != nil {
		api.Error(w, http.StatusInternalServerError, "listing flights: %v", err)
		return
	}
	if page.Offset > len(flights) {
		page.Offset = len(flights)
	}
	end := min(len(flights), page.Offset+page.Limit+1)
	api.WriteJSON(w, http.StatusOK, api.NewList(flightsJSON(flights[page.Offset:end]), page))
}

// FlightJSON is a flight as the API shows it.
type FlightJSON struct {
	ID          int64    `json:"id"`
	Carrier     string   `json:"carrier"`
	Number      string   `json:"number"`
	Date        string   `json:"date"`
	Origin      string   `json:"origin"`
	Destination string   `json:"destination"`
	Departure   string   `json:"departure"`
	Arrival     string   `json:"arrival,omitempty"`
	Codeshares  []string `json:"codeshares,omitempty"`
}

func flightJSON(f store.Flight) FlightJSON {
	out := FlightJSON{ID: f.ID, Carrier: f.Carrier, Number: f.Number, Date: f.DepartureDate, Origin: f.Origin,
		Destination: f.Destination, Departure: f.DepartureLocal, Arrival: f.ArrivalLocal}
	for _, d := range f.Codeshares {
		out.Codeshares = append(out.Codeshares, d.Carrier+d.Number)
	}
	return out
}

func flightsJSON(fs []store.Flight) []FlightJSON {
	out := make([]FlightJSON, len(fs))
	for i, f := range fs {
		out[i] = flightJSON(f)
	}
	return out
}

// ManifestEntry is one traveller of a flight manifest, with hits.
type ManifestEntry struct {
	FlightTravellerID int64           `json:"flight_traveller_id"`
	TravellerID       int64           `json:"traveller_id"`
	Surname           string          `json:"surname"`
	GivenNames        string          `json:"given_names"`
	BirthDate         string          `json:"birth_date,omitempty"`
	Nationality       string          `json:"nationality,omitempty"`
	Role              string          `json:"role,omitempty"`
	Seat              string          `json:"seat,omitempty"`
	RecordLocator     string          `json:"record_locator,omitempty"`
	Sources           int             `json:"sources"`
	Hits              int             `json:"hits"`
	Matches           json.RawMessage `json:"matches,omitempty"`
}

func (h *HTTP) getFlight(w http.ResponseWriter, r *http.Request) {
	id, ok := api.PathID(w, r, "id")
	if !ok {
		return
	}
	m, err := h.Store.Flight(r.Context(), id)
	if err != nil {
		api.NotFoundOr500(w, err, "flight", id)
		return
	}
	if err := api.AuditRead(h.Store, r, "flight.read", fmt.Sprintf("flight:%d", id)); err != nil {
		api.Error(w, http.StatusInternalServerError, "audit: %v", err)
		return
	}
	out := struct {
		Flight     FlightJSON      `json:"flight"`
		Travellers []ManifestEntry `json:"travellers"`
		Hits       int             `json:"hits"`
	}{Flight: flightJSON(m.Flight), Travellers: []ManifestEntry{}}
	for _, ft := range m.Travellers {
		e := ManifestEntry{FlightTravellerID: ft.ID, TravellerID: ft.IdentityID, Surname: ft.Traveller.Surname,
			GivenNames: ft.Traveller.GivenNames, BirthDate: ft.Traveller.BirthDate, Nationality: ft.Traveller.Nationality,
			Role: ft.Traveller.Role, Seat: ft.Seat, RecordLocator: ft.RecordLocator, Sources: len(ft.Sources)}
		if sc, err := h.Store.LatestScreening(r.Context(), ft.ID); err == nil && sc.Hits > 0 {
			e.Hits, e.Matches = sc.Hits, sc.Matches
			out.Hits += sc.Hits
		}
		out.Travellers = append(out.Travellers, e)
	}
	api.WriteJSON(w, http.StatusOK, out)
}

func (h *HTTP) getTraveller(w http.ResponseWriter, r *http.Request) {
	id, ok := api.PathID(w, r, "id")
	if !ok {
		return
	}
	p, err := Build(r.Context(), h.Store, id)
	if err != nil {
		api.NotFoundOr500(w, err, "traveller", id)
		return
	}
	if err := api.AuditRead(h.Store, r, "traveller.read", fmt.Sprintf("identity:%d", id)); err != nil {
		api.Error(w, http.StatusInternalServerError, "audit: %v", err)
		return
	}
	api.WriteJSON(w, http.StatusOK, p)
}
