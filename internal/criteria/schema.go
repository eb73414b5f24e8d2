package criteria

import (
	"time"
)

// Subject is one traveller on one flight, with the booking and the journey
// the flight belongs to: the input of every criterion. The ingest pipeline
// (or a backtest) fills it; Engine.Evaluate reads it and never keeps it.
//
// Only Traveller, Booking, Flight and Journey are visible to expressions,
// as the CEL variables traveller, booking, flight and journey. Their field
// names (the json tags) are a contract documented in docs/criteria.md.
// Zero values mean "not known": an empty string, false, 0, or the zero
// timestamp (year 1).
//
// The schema deliberately holds no name, birth date, birth place,
// address, contact, special service request, meal or free text: see
// docs/criteria.md, "What criteria may not use".
type Subject struct {
	// TravellerID and FlightTravellerID identify the person (identity) and
	// the flight traveller record; FlightID the flight. They are carried
	// into hits and backtest samples and are not visible to expressions.
	TravellerID       int64 `json:"-"`
	FlightTravellerID int64 `json:"-"`
	FlightID          int64 `json:"-"`

	Traveller Traveller `json:"traveller"`
	Booking   Booking   `json:"booking"`
	Flight    Flight    `json:"flight"`
	Journey   Journey   `json:"journey"`
}

// Traveller is what a criterion may know of the person (CEL: traveller).
//
// Nationality, document_country, residence_country, gender and age_years
// are personal characteristics: a criterion may use them only together
// with a condition on travel behaviour (docs/criteria.md).
type Traveller struct {
	// AgeYears is the age in whole years on the flight's departure date,
	// or -1 when the birth date is not known.
	AgeYears int `json:"age_years"`
	// Gender is "M", "F", "X", "U" or "" as sent.
	Gender string `json:"gender"`
	// Nationality is an ISO 3166-1 alpha-3 code.
	Nationality string `json:"nationality"`
	// ResidenceCountry is the country of residence (alpha-3).
	ResidenceCountry string `json:"residence_country"`
	// DocumentCountry is the issuing country of the main travel document
	// (alpha-3); DocumentType its code (P passport, I identity card, ...).
	DocumentCountry string `json:"document_country"`
	DocumentType    string `json:"document_type"`
	// HasDocument is set when a travel document was sent (API data).
	HasDocument bool `json:"has_document"`
	// DocumentExpiresDays is the number of days from departure to the
	// document's expiry (negative when expired), or 0 when unknown.
	DocumentExpiresDays int `json:"document_expires_days"`
	// Role is "passenger", "crew", "transit_passenger", "transit_crew",
	// "infant" or "other"; IsCrew is set for both crew roles.
	Role   string `json:"role"`
	IsCrew bool   `json:"is_crew"`
	// FrequentFlyer is set when the traveller quotes a loyalty programme;
	// FrequentFlyerTier is its tier as sent.
	FrequentFlyer     bool   `json:"frequent_flyer"`
	FrequentFlyerTier string `json:"frequent_flyer_tier"`
	// Bags and BagWeightKG are the traveller's checked bags on this flight.
	Bags        int     `json:"bags"`
	BagWeightKG float64 `json:"bag_weight_kg"`
	// CheckedIn is set when the PNR says the traveller checked in.
	CheckedIn bool `json:"checked_in"`
	// InAPI and InPNR say which sources carry the traveller on this flight.
	InAPI bool `json:"in_api"`
	InPNR bool `json:"in_pnr"`
	// Verified is set when API data were checked against the document.
	Verified bool `json:"verified"`
}

// Booking is the passenger name record of the traveller on this flight
// (CEL: booking). All fields are zero when no booking is known.
type Booking struct {
	RecordLocator string `json:"record_locator"`
	// Created is the booking's creation time (a date at midnight when only
	// the date is known).
	Created time.Time `json:"created"`
	// LeadDays is the number of whole days from Created to this flight's
	// departure, or -1 when Created is not known.
	LeadDays int `json:"lead_days"`
	// PaidCash is set when any payment of the booking is in cash.
	PaidCash bool `json:"paid_cash"`
	// CardCount is the number of distinct payment cards.
	CardCount int `json:"card_count"`
	// PaymentMethods are the distinct methods: cash, card, cheque,
	// invoice, other.
	PaymentMethods []string `json:"payment_methods"`
	// Agency is the IATA agency number (or office id) that made the
	// booking; OfficeCountry its country (alpha-3); OfficeType "airline",
	// "agency" or as sent.
	Agency        string `json:"agency"`
	OfficeCountry string `json:"office_country"`
	OfficeType    string `json:"office_type"`
	// TravellersCount is the number of travellers in the booking.
	TravellersCount int `json:"travellers_count"`
	// SegmentsCount is the number of itinerary segments.
	SegmentsCount int `json:"segments_count"`
	// OneWay is set when the itinerary does not return to its origin.
	OneWay bool `json:"one_way"`
	// Ticketed is set when a ticket was issued; Cancelled when the booking
	// is cancelled; Split when it was divided from or into another.
	Ticketed  bool `json:"ticketed"`
	Cancelled bool `json:"cancelled"`
	Split     bool `json:"split"`
	// Changes counts the booking's history entries.
	Changes int `json:"changes"`
}

// Flight is the flight the traveller is on (CEL: flight). Times are the
// scheduled local wall-clock times, represented as UTC timestamps: two
// times at different airports differ from real elapsed time by the
// difference of their UTC offsets.
type Flight struct {
	Carrier            string    `json:"carrier"`
	Number             string    `json:"number"`
	Origin             string    `json:"origin"`
	Destination        string    `json:"destination"`
	Departure          time.Time `json:"departure"`
	Arrival            time.Time `json:"arrival"`
	OriginCountry      string    `json:"origin_country"`
	DestinationCountry string    `json:"destination_country"`
	Domestic           bool      `json:"domestic"`
}

// Journey is the traveller's door-to-door trip this flight belongs to, as
// rebuilt across bookings and API data by the journey package (CEL:
// journey). All fields are zero when no journey was built.
type Journey struct {
	// Segments are the flights of the journey in time order.
	Segments []Segment `json:"segments"`
	// RecordLocators are the bookings the journey spans.
	RecordLocators []string `json:"record_locators"`
	// Origin and Destination are the first departure and last arrival
	// airports.
	Origin      string `json:"origin"`
	Destination string `json:"destination"`
	// Transits are the connections: airport and hours on the ground.
	Transits []Transit `json:"transits"`
	// Bookings is the number of distinct bookings.
	Bookings int `json:"bookings"`
	// BrokenTravel is set when consecutive segments are on separate
	// bookings.
	BrokenTravel bool `json:"broken_travel"`
	// OneWay is set when the journey does not return to its origin;
	// ReturnBookedNotFlown when a return was booked but not flown.
	OneWay               bool `json:"one_way"`
	ReturnBookedNotFlown bool `json:"return_booked_not_flown"`
	// PurchaseLeadDays is the number of whole days from the first
	// booking's creation to the first departure, or -1 when not known.
	PurchaseLeadDays int  `json:"purchase_lead_days"`
	PaidCash         bool `json:"paid_cash"`
	// TravellingAlone is set when no other traveller shares a booking of
	// the journey; CoTravellers counts those who do.
	TravellingAlone bool `json:"travelling_alone"`
	CoTravellers    int  `json:"co_travellers"`
	// Agencies are the agencies or offices that made the bookings.
	Agencies []string `json:"agencies"`
	// Start and End are the first departure and last arrival;
	// DurationHours the time between them.
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	DurationHours float64   `json:"duration_hours"`
	// Groups are the named airport groups the journey touches
	// ("tr-istanbul", "tr-syria-border", "eu"...); FinalGroup the group of
	// the final destination.
	Groups     []string `json:"groups"`
	FinalGroup string   `json:"final_group"`
}

// Segment is one flight of a journey (CEL: an element of
// journey.segments).
type Segment struct {
	Carrier       string    `json:"carrier"`
	Number        string    `json:"number"`
	Origin        string    `json:"origin"`
	Destination   string    `json:"destination"`
	Departure     time.Time `json:"departure"`
	Arrival       time.Time `json:"arrival"`
	RecordLocator string    `json:"record_locator"`
	// Source is "api", "pnr" or "api+pnr".
	Source string `json:"source"`
	// Flown is set when API data show the traveller on board.
	Flown bool `json:"flown"`
	// BookedAt is when the segment's booking was created.
	BookedAt time.Time `json:"booked_at"`
}

// Transit is one connection of a journey (CEL: an element of
// journey.transits).
type Transit struct {
	Airport    string  `json:"airport"`
	DwellHours float64 `json:"dwell_hours"`
}
