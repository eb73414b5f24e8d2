// Package profile assembles what Chokepoint knows of one traveller
// identity, for analysts: the names and documents seen, every flight with
// the records it came from, the bookings, and the watchlist matches with
// the list versions they were found against. It reads the store and
// writes nothing.
package profile

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// Profile is one traveller identity.
type Profile struct {
	ID            int64                    `json:"id"`
	Surname       string                   `json:"surname"`
	GivenNames    string                   `json:"given_names"`
	Names         []store.PersonName       `json:"names"`
	BirthDate     string                   `json:"birth_date,omitempty"`
	BirthDates    []string                 `json:"birth_dates,omitempty"`
	Nationalities []string                 `json:"nationalities,omitempty"`
	Documents     []store.IdentityDocument `json:"documents"`
	Phones        []string                 `json:"phones,omitempty"`
	Emails        []string                 `json:"emails,omitempty"`
	Flights       []Flight                 `json:"flights"`
	Bookings      []string                 `json:"bookings"`
	Matches       []Match                  `json:"matches"`
	Retained      bool                     `json:"retained,omitempty"`
}

// Flight is one flight of the traveller.
type Flight struct {
	FlightID          int64    `json:"flight_id"`
	FlightTravellerID int64    `json:"flight_traveller_id"`
	Carrier           string   `json:"carrier"`
	Number            string   `json:"number"`
	Origin            string   `json:"origin"`
	Destination       string   `json:"destination"`
	Departure         string   `json:"departure"`
	Arrival           string   `json:"arrival,omitempty"`
	Seat              string   `json:"seat,omitempty"`
	RecordLocator     string   `json:"record_locator,omitempty"`
	Sources           []string `json:"sources"`
	// Confidence is that of the merge of the flight's records.
	Confidence float64 `json:"confidence"`
}

// Match is a watchlist match of the traveller on one flight.
type Match struct {
	List         string           `json:"list"`
	EntryID      string           `json:"entry_id"`
	Score        float64          `json:"score"`
	MatchedName  string           `json:"matched_name"`
	FlightID     int64            `json:"flight_id"`
	ListVersions map[string]int64 `json:"list_versions"`
}

// Reader is what a profile needs of the store.
type Reader interface {
	Identity(ctx context.Context, id int64) (store.Identity, error)
	IdentityTravellers(ctx context.Context, identityID int64) ([]store.FlightTraveller, error)
	Flight(ctx context.Context, id int64) (store.Manifest, error)
	LatestScreening(ctx context.Context, flightTravellerID int64) (store.Screening, error)
}

// Build assembles the profile of an identity.
func Build(ctx context.Context, r Reader, id int64) (Profile, error) {
	ident, err := r.Identity(ctx, id)
	if err != nil {
		return Profile{}, err
	}
	return FromIdentity(ctx, r, ident)
}

// FromIdentity assembles the profile of an identity already read.
func FromIdentity(ctx context.Context, r Reader, ident store.Identity) (Profile, error) {
	p := Profile{
		ID: ident.ID, Names: ident.Names, BirthDates: ident.BirthDates, Nationalities: ident.Nationalities,
		Documents: ident.Documents, Phones: ident.Phones, Emails: ident.Emails, Retained: ident.Retained,
		Flights: []Flight{}, Bookings: []string{}, Matches: []Match{},
	}
	if p.Documents == nil {
		p.Documents = []store.IdentityDocument{}
	}
	if len(ident.Names) > 0 {
		p.Surname, p.GivenNames = ident.Names[0].Surname, ident.Names[0].Given
	}
	if len(ident.BirthDates) > 0 {
		p.BirthDate = ident.BirthDates[0]
	}
	fts, err := r.IdentityTravellers(ctx, ident.ID)
	if err != nil {
		return p, fmt.Errorf("flights of identity %d: %w", ident.ID, err)
	}
	locators := map[string]bool{}
	for _, ft := range fts {
		m, err := r.Flight(ctx, ft.FlightID)
		if err != nil {
			return p, fmt.Errorf("flight %d: %w", ft.FlightID, err)
		}
		f := m.Flight
		fl := Flight{
			FlightID: f.ID, FlightTravellerID: ft.ID, Carrier: f.Carrier, Number: f.Number, Origin: f.Origin,
			Destination: f.Destination, Departure: f.DepartureLocal, Arrival: f.ArrivalLocal, Seat: ft.Seat,
			RecordLocator: ft.RecordLocator, Confidence: ft.Confidence, Sources: sources(ft.Sources),
		}
		p.Flights = append(p.Flights, fl)
		if ft.RecordLocator != "" {
			locators[ft.RecordLocator] = true
		}
		sc, err := r.LatestScreening(ctx, ft.ID)
		if err != nil {
			continue // never screened (no list loaded)
		}
		var ms []struct {
			List        string  `json:"list"`
			EntryID     string  `json:"entry_id"`
			Score       float64 `json:"score"`
			MatchedName string  `json:"matched_name"`
		}
		if err := json.Unmarshal(sc.Matches, &ms); err != nil {
			return p, fmt.Errorf("screening of traveller %d: %w", ft.ID, err)
		}
		for _, m := range ms {
			p.Matches = append(p.Matches, Match{List: m.List, EntryID: m.EntryID, Score: m.Score, MatchedName: m.MatchedName,
				FlightID: f.ID, ListVersions: sc.ListVersions})
		}
	}
	sort.Slice(p.Flights, func(i, j int) bool { return p.Flights[i].Departure < p.Flights[j].Departure })
	for l := range locators {
		p.Bookings = append(p.Bookings, l)
	}
	sort.Strings(p.Bookings)
	sort.SliceStable(p.Matches, func(i, j int) bool { return p.Matches[i].Score > p.Matches[j].Score })
	return p, nil
}

func sources(refs []store.SourceRef) []string {
	var api, pnr bool
	for _, s := range refs {
		switch s.Kind {
		case message.KindAPI:
			api = true
		case message.KindPNR:
			pnr = true
		}
	}
	out := []string{}
	if api {
		out = append(out, "api")
	}
	if pnr {
		out = append(out, "pnr")
	}
	return out
}
