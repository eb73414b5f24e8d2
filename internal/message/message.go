// Package message defines the one model every airline message is parsed
// into, whatever its wire format: an advance passenger information list
// (UN/EDIFACT PAXLST) or a passenger name record push (PNRGOV EDIFACT or
// XML). Parsers produce it; the store, resolution, screening, journeys and
// networks consume it. Its JSON form is the output of `chokepoint parse` and
// is a documented contract (docs/cli.md): field names never change.
//
// Dates are ISO 8601 strings ("2006-01-02"), and flight times are local
// times without a zone ("2006-01-02T15:04"), as airlines send them. An empty
// string means "not given".
package message

// Kind says what a message carries.
type Kind string

const (
	// KindAPI is advance passenger information: who is on a flight, with
	// the data of their travel documents.
	KindAPI Kind = "api"
	// KindPNR is passenger name record data: bookings with itineraries,
	// contacts, payments and agents.
	KindPNR Kind = "pnr"
)

// Format names the wire format a message arrived in.
const (
	FormatPAXLST    = "paxlst"
	FormatPNRGOV    = "pnrgov"
	FormatPNRGOVXML = "pnrgov-xml"
)

// Message is one parsed airline message.
type Message struct {
	Kind   Kind   `json:"kind"`
	Format string `json:"format"`
	// Version is the message version, e.g. "D:05B" or "13:1".
	Version string `json:"version,omitempty"`
	// Sender and Recipient are the interchange parties (UNB or XML originator).
	Sender    string `json:"sender,omitempty"`
	Recipient string `json:"recipient,omitempty"`
	// Prepared is when the sender prepared the message (UNB date/time), local
	// to the sender, "2006-01-02T15:04".
	Prepared string `json:"prepared,omitempty"`
	// Reference is the message reference (UNH 0062) or the interchange control
	// reference when there is no UNH.
	Reference string `json:"reference,omitempty"`
	// Part describes a message that is one part of a multi-part series.
	Part *Part `json:"part,omitempty"`
	// DocumentType is the PAXLST BGM document name code: "745" passenger
	// list, "250" crew list, "266" flight status update, "336" master crew
	// list, "655" gate pass; with its qualifier in DocumentQualifier.
	DocumentType      string `json:"document_type,omitempty"`
	DocumentQualifier string `json:"document_qualifier,omitempty"`
	// PushType is the PNRGOV MSG function: "22" full push, "141" changes only.
	PushType string `json:"push_type,omitempty"`
	// ReportingParty is the PAXLST NAD+MS contact, or the PNRGOV header ORG.
	ReportingParty string `json:"reporting_party,omitempty"`

	// Flights are the legs the message is about: the TDT legs of a PAXLST,
	// or the flight a PNRGOV push is for (the TVL after the header ORG).
	Flights []Flight `json:"flights"`
	// Travellers are the people on an API list.
	Travellers []Traveller `json:"travellers,omitempty"`
	// Bookings are the PNRs of a PNR push.
	Bookings []Booking `json:"bookings,omitempty"`

	// DeclaredCount is the count the message itself declares (PAXLST CNT,
	// PNRGOV EQN), which may cover a whole flight across several parts.
	DeclaredCount int `json:"declared_count,omitempty"`
	// SensitiveDropped counts, by code, the data elements removed at parse
	// time because they could reveal religion, health or other protected
	// attributes (EU PNR Directive art. 13(4)). The content is never kept.
	SensitiveDropped map[string]int `json:"sensitive_dropped,omitempty"`
	// Warnings are anomalies that did not stop parsing (a wrong UNT count,
	// an odd date). Each names the segment and both values where relevant.
	Warnings []string `json:"warnings,omitempty"`
	// Unknown holds well-formed segments the parser does not interpret,
	// verbatim, so nothing received is silently lost.
	Unknown []string `json:"unknown_segments,omitempty"`
}

// Part identifies one message of a multi-part series (UNH S010).
type Part struct {
	// Sequence is the part number, from 1.
	Sequence int `json:"sequence"`
	// Last is true on the final part ("F"), false on the others ("C").
	Last bool `json:"last"`
	// CommonAccess is the reference that ties the parts together (UNH 0068).
	CommonAccess string `json:"common_access,omitempty"`
}

// Flight is one flight leg.
type Flight struct {
	Carrier     string `json:"carrier"`
	Number      string `json:"number"`
	Origin      string `json:"origin"`
	Destination string `json:"destination"`
	// Departure and Arrival are local times "2006-01-02T15:04" (or a date
	// "2006-01-02" when no time was given).
	Departure string `json:"departure"`
	Arrival   string `json:"arrival"`
	// OperatingCarrier and OperatingNumber are set when the flight is a
	// codeshare marketed under Carrier/Number and operated by another.
	OperatingCarrier string `json:"operating_carrier,omitempty"`
	OperatingNumber  string `json:"operating_number,omitempty"`
	// Domestic is set for PAXLST LOC+92 legs (progressive, in-country).
	Domestic bool `json:"domestic,omitempty"`
}

// Traveller roles.
const (
	RolePassenger        = "passenger"
	RoleCrew             = "crew"
	RoleTransitPassenger = "transit_passenger"
	RoleTransitCrew      = "transit_crew"
	RoleInfant           = "infant"
	RoleOther            = "other"
)

// Traveller is a person on an API list or in a booking.
type Traveller struct {
	// Ref is the traveller's reference inside the message: PAXLST RFF+ABO, or
	// the PNRGOV TIF reference number.
	Ref        string `json:"ref,omitempty"`
	Role       string `json:"role"`
	Surname    string `json:"surname"`
	GivenNames string `json:"given_names"`
	// Title is a title stripped from the name (MR, MRS, DR...).
	Title string `json:"title,omitempty"`
	// Gender is "M", "F", "X" or "U" (unknown); empty when not given.
	Gender      string `json:"gender,omitempty"`
	BirthDate   string `json:"birth_date,omitempty"`
	BirthPlace  string `json:"birth_place,omitempty"`
	Nationality string `json:"nationality,omitempty"`
	Residence   string `json:"residence,omitempty"`
	// Embarkation and Debarkation are the traveller's own ports (PAXLST LOC
	// 178/179); FirstArrival is LOC 22.
	Embarkation  string `json:"embarkation,omitempty"`
	Debarkation  string `json:"debarkation,omitempty"`
	FirstArrival string `json:"first_arrival,omitempty"`
	// CrewFunction is the PAXLST EMP code for crew.
	CrewFunction string     `json:"crew_function,omitempty"`
	Documents    []Document `json:"documents,omitempty"`
	Address      *Address   `json:"address,omitempty"`
	// Seat is the API seat (RFF+SEA); PNR seats are in Seats.
	Seat string `json:"seat,omitempty"`
	// RecordLocator is the booking reference an API record carries (RFF+AVF).
	RecordLocator string `json:"record_locator,omitempty"`
	// Bags are the traveller's checked bags.
	Bags *Bags `json:"bags,omitempty"`
	// Verified is set when the data were checked against the document (GEI).
	Verified bool `json:"verified,omitempty"`

	// PNR-only details.
	PassengerType  string          `json:"passenger_type,omitempty"` // A adult, C child, IN infant, G group
	WithInfant     bool            `json:"with_infant,omitempty"`
	InfantOf       string          `json:"infant_of,omitempty"` // Ref of the accompanying adult
	FrequentFlyers []FrequentFlyer `json:"frequent_flyers,omitempty"`
	Tickets        []Ticket        `json:"tickets,omitempty"`
	Seats          []Seat          `json:"seats,omitempty"`
	Contacts       *Contacts       `json:"contacts,omitempty"`
	Addresses      []Address       `json:"addresses,omitempty"`
	CheckedIn      bool            `json:"checked_in,omitempty"`
}

// Document is a travel document.
type Document struct {
	// Type is the document code: P passport, I identity card, V visa, A, C,
	// IP, F, M, L and the rest, as sent.
	Type           string `json:"type"`
	Number         string `json:"number"`
	IssuingCountry string `json:"issuing_country,omitempty"`
	Expiry         string `json:"expiry,omitempty"`
	IssueDate      string `json:"issue_date,omitempty"`
	// Nationality is the holder's nationality printed on the document (DOCS).
	Nationality string `json:"nationality,omitempty"`
}

// Address is a postal address.
type Address struct {
	// Type is "residence", "destination", "billing", "contact" or empty.
	Type       string `json:"type,omitempty"`
	Street     string `json:"street,omitempty"`
	City       string `json:"city,omitempty"`
	Region     string `json:"region,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	Country    string `json:"country,omitempty"`
}

// Bags are checked bags.
type Bags struct {
	Count    int      `json:"count,omitempty"`
	WeightKG float64  `json:"weight_kg,omitempty"`
	Tags     []string `json:"tags,omitempty"`
}

// Contacts are the phones and e-mail addresses of a booking or traveller.
type Contacts struct {
	Phones []string `json:"phones,omitempty"`
	Emails []string `json:"emails,omitempty"`
}

// FrequentFlyer is a loyalty programme membership.
type FrequentFlyer struct {
	Carrier string `json:"carrier"`
	Number  string `json:"number"`
	Tier    string `json:"tier,omitempty"`
}

// Ticket is an issued ticket.
type Ticket struct {
	Number   string  `json:"number"`
	Type     string  `json:"type,omitempty"`
	Issued   string  `json:"issued,omitempty"`
	Amount   float64 `json:"amount,omitempty"`
	Currency string  `json:"currency,omitempty"`
	// OneWay is unknown from ticket data alone; set from the itinerary.
	Payments []Payment `json:"payments,omitempty"`
}

// Seat is a seat assignment on one itinerary segment.
type Seat struct {
	Seat string `json:"seat"`
	// Segment is the index in the booking's Itinerary, or -1 when unknown.
	Segment int `json:"segment"`
}

// Payment methods (Payment.Method).
const (
	PayCash    = "cash"
	PayCard    = "card"
	PayCheque  = "cheque"
	PayInvoice = "invoice"
	PayOther   = "other"
)

// Payment is one form of payment. A card number is never kept in clear:
// only its type, last four digits and a keyed hash that lets the same card
// be recognised across bookings.
type Payment struct {
	Method string `json:"method"`
	// Code is the code as sent (CA, CC, CK, DP, GR, MS ...).
	Code      string  `json:"code,omitempty"`
	CardType  string  `json:"card_type,omitempty"`
	CardLast4 string  `json:"card_last4,omitempty"`
	CardHash  string  `json:"card_hash,omitempty"`
	Amount    float64 `json:"amount,omitempty"`
	Currency  string  `json:"currency,omitempty"`
	// Holder is the card holder's name when given.
	Holder  string   `json:"holder,omitempty"`
	Billing *Address `json:"billing,omitempty"`
}

// Booking is one passenger name record.
type Booking struct {
	RecordLocator string `json:"record_locator"`
	// OtherLocators are further locators of the same booking in other
	// systems ("system:locator").
	OtherLocators []string `json:"other_locators,omitempty"`
	// Created is the booking (reservation) date; LastChanged the last PNR
	// transaction; TicketIssued the ticketing date.
	Created      string      `json:"created,omitempty"`
	LastChanged  string      `json:"last_changed,omitempty"`
	TicketIssued string      `json:"ticket_issued,omitempty"`
	Office       *Office     `json:"office,omitempty"`
	Travellers   []Traveller `json:"travellers"`
	Itinerary    []Segment   `json:"itinerary"`
	Contacts     Contacts    `json:"contacts"`
	Addresses    []Address   `json:"addresses,omitempty"`
	Payments     []Payment   `json:"payments"`
	Bags         []BagItem   `json:"bags,omitempty"`
	// SplitFrom and SplitTo name bookings this one was divided from or into.
	Splits []string `json:"splits,omitempty"`
	// History holds past changes (ABI/SAC groups), kept apart from the
	// current state.
	History []HistoryEntry `json:"history,omitempty"`
	// Cancelled is set when the push marks the whole booking cancelled.
	Cancelled bool `json:"cancelled,omitempty"`
}

// Office is the booking channel: the airline office or travel agency that
// made or last changed a booking.
type Office struct {
	System   string `json:"system,omitempty"`
	City     string `json:"city,omitempty"`
	AgencyID string `json:"agency_id,omitempty"` // IATA agency number
	AgentID  string `json:"agent_id,omitempty"`  // pseudo city code / agent sign
	Location string `json:"location,omitempty"`
	Carrier  string `json:"carrier,omitempty"`
	// Type is "airline", "agency" or the code as sent.
	Type     string `json:"type,omitempty"`
	Country  string `json:"country,omitempty"`
	Currency string `json:"currency,omitempty"`
}

// Segment is one leg of a booking's itinerary.
type Segment struct {
	Carrier          string `json:"carrier"`
	Number           string `json:"number"`
	Origin           string `json:"origin"`
	Destination      string `json:"destination"`
	Departure        string `json:"departure"`
	Arrival          string `json:"arrival,omitempty"`
	OperatingCarrier string `json:"operating_carrier,omitempty"`
	OperatingNumber  string `json:"operating_number,omitempty"`
	Class            string `json:"class,omitempty"`
	Status           string `json:"status,omitempty"`
}

// BagItem is a checked bag record of a booking.
type BagItem struct {
	Traveller   string  `json:"traveller,omitempty"` // traveller Ref
	Count       int     `json:"count,omitempty"`
	WeightKG    float64 `json:"weight_kg,omitempty"`
	Tag         string  `json:"tag,omitempty"`
	Carrier     string  `json:"carrier,omitempty"`
	Destination string  `json:"destination,omitempty"`
}

// HistoryEntry is one change in a booking's history.
type HistoryEntry struct {
	When string `json:"when,omitempty"`
	Who  string `json:"who,omitempty"`
	// Action is "added", "cancelled", "changed" or the code as sent.
	Action string `json:"action,omitempty"`
	// What summarises the element changed (e.g. "TIF SMITH/JOHN", "TVL LH1234 FRA-IST").
	What string `json:"what,omitempty"`
}
