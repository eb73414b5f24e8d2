package synth

import (
	"encoding/json"
	"slices"
)

// GroundTruth is what was planted, as written to ground-truth.json. Its
// schema is documented in docs/synth.md.
type GroundTruth struct {
	Generator string `json:"generator"`
	Seed      int64  `json:"seed"`
	Start     string `json:"start"`
	Days      int    `json:"days"`
	// Layout describes the output files.
	Layout string `json:"layout"`
	// Lists names the watchlists listed persons were drawn from.
	Lists []string `json:"lists"`
	// Planted counts the scenario instances planted, by type.
	Planted Counts `json:"planted"`
	// Ordinary describes the ordinary traffic.
	Ordinary Ordinary `json:"ordinary"`
	// Output counts what a complete run produced (filled by the caller
	// from Stats).
	Output *Stats `json:"output,omitempty"`
	// Scenarios are the planted instances.
	Scenarios []Scenario `json:"scenarios"`
	// Travellers are every planted traveller.
	Travellers []Traveller `json:"travellers"`
}

// Ordinary describes the ordinary population.
type Ordinary struct {
	// Travellers is the number of distinct ordinary travellers over the
	// period (repeaters counted once), crew excluded.
	Travellers int `json:"travellers"`
	// Repeaters are business travellers who fly the same trip again and
	// again (part of Travellers).
	Repeaters int `json:"repeaters"`
	// Crew is the size of the carriers' crew pools.
	Crew int `json:"crew"`
	// Carriers and Airports of the timetable.
	Carriers int `json:"carriers"`
	Airports int `json:"airports"`
	// Routes is the number of daily scheduled flights.
	Routes int `json:"routes"`
}

// Scenario is one planted instance.
type Scenario struct {
	Type     string `json:"type"`
	Instance string `json:"instance"`
	// Decoy is true for innocent look-alikes: an analyst should clear them.
	Decoy       bool   `json:"decoy"`
	Description string `json:"description"`
	// Travellers are the ids of the instance's travellers.
	Travellers []string `json:"travellers"`
	// RecordLocators are every booking of the instance.
	RecordLocators []string `json:"record_locators"`
	// Phones and Cards shared across the instance's bookings (E.164 phones;
	// full synthetic card numbers), and the agency office used.
	Phones []string `json:"phones,omitempty"`
	Cards  []string `json:"cards,omitempty"`
	Agency *Agency  `json:"agency,omitempty"`
	// Legs pair the arrival into Istanbul with the onward domestic flight
	// (broken_travel).
	Legs []BrokenLeg `json:"legs,omitempty"`
}

// Agency is a travel agency office.
type Agency struct {
	Name     string `json:"name"`
	IATA     string `json:"iata"`
	OfficeID string `json:"office_id"`
	City     string `json:"city"`
}

// BrokenLeg is one broken-travel pair: the arrival into the hub on one
// booking and the domestic flight towards the border on another.
type BrokenLeg struct {
	Traveller     string `json:"traveller"`
	Arrival       Flight `json:"arrival"`
	Onward        Flight `json:"onward"`
	GapHours      int    `json:"gap_hours"`
	OnwardBooked  string `json:"onward_booked"`
	OnwardPayment string `json:"onward_payment"`
}

// Traveller is one planted traveller as generated.
type Traveller struct {
	ID       string `json:"id"`
	Scenario string `json:"scenario"`
	Instance string `json:"instance"`
	// Role within the instance (traveller, facilitated, member, listed,
	// namesake, family, tourist, business).
	Role string `json:"role"`
	// Surname and GivenNames as typed in the booking (PNR); DocSurname and
	// DocGivenNames as on the document (API).
	Surname       string    `json:"surname"`
	GivenNames    string    `json:"given_names"`
	DocSurname    string    `json:"doc_surname"`
	DocGivenNames string    `json:"doc_given_names"`
	Gender        string    `json:"gender"`
	BirthDate     string    `json:"birth_date"`
	Nationality   string    `json:"nationality"`
	Document      *Document `json:"document,omitempty"`
	// DocsInPNR says whether the PNR carried the DOCS element.
	DocsInPNR      bool     `json:"docs_in_pnr"`
	Phone          string   `json:"phone,omitempty"`
	Email          string   `json:"email,omitempty"`
	RecordLocators []string `json:"record_locators"`
	Flights        []Flight `json:"flights"`
	Listed         *Listed  `json:"listed,omitempty"`
}

// Document is a travel document as generated.
type Document struct {
	Type           string `json:"type"`
	Number         string `json:"number"`
	IssuingCountry string `json:"issuing_country"`
	Expiry         string `json:"expiry"`
}

// Flight is one booked flight of a planted traveller.
type Flight struct {
	Carrier       string `json:"carrier"`
	Number        string `json:"number"`
	Origin        string `json:"origin"`
	Destination   string `json:"destination"`
	Departure     string `json:"departure"` // local "2006-01-02T15:04"
	Arrival       string `json:"arrival"`
	RecordLocator string `json:"record_locator"`
	// InPeriod is false for a flight after the generated period (no file
	// was written for it).
	InPeriod bool `json:"in_period"`
	// NoShow marks a booked flight the traveller does not take (the
	// return of a short-return ticket in broken travel).
	NoShow bool `json:"no_show,omitempty"`
}

// Listed ties a planted traveller to a watchlist entry.
type Listed struct {
	List string `json:"list"`
	ID   string `json:"id"`
	// Name is the listed name the travelling name was derived from.
	Name string `json:"name"`
	// Variations applied: "transliteration", "particle", "dropped_middle",
	// "swapped_order", "exact".
	Variations []string `json:"variations"`
	// BirthDate and Document say whether the listed values were used.
	ListedBirthDate bool `json:"listed_birth_date"`
	ListedDocument  bool `json:"listed_document"`
}

// GroundTruth returns the ground truth of the planted scenarios, with the
// output counts of a complete run when st is not nil.
func (w *World) GroundTruth(st *Stats) GroundTruth {
	t := w.truth
	t.Scenarios = slices.Clone(t.Scenarios)
	t.Travellers = slices.Clone(t.Travellers)
	t.Output = st
	return t
}

// JSON returns the ground truth as indented JSON.
func (t GroundTruth) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
