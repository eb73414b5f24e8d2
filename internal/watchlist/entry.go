// Package watchlist imports sanctions and terrorism watchlists (the UN
// Security Council Consolidated List XML, the OFAC SDN CSV files and a
// plain national CSV format) into one model of listed persons and
// entities, and versions each import: what was added, changed and removed
// since the previous version of the same list.
package watchlist

// Quality of an alias, as the list grades it.
const (
	QualityGood = "good"
	QualityLow  = "low"
	// QualityPrimary marks the entry's own (primary) name.
	QualityPrimary = "primary"
)

// Entry kinds.
const (
	KindIndividual = "individual"
	KindEntity     = "entity"
)

// Entry is one listed person or entity.
type Entry struct {
	// List is the list's short name ("un", "ofac", or a national list name).
	List string `json:"list"`
	// ID is the list's own identifier: UN REFERENCE_NUMBER (e.g. "QDi.001"),
	// OFAC ent_num, or the national CSV id.
	ID   string `json:"id"`
	Kind string `json:"kind"`
	// Names holds the primary name first, then every alias.
	Names []Name `json:"names"`
	// BirthDates holds every listed date of birth.
	BirthDates  []BirthDate `json:"birth_dates,omitempty"`
	BirthPlaces []string    `json:"birth_places,omitempty"`
	// Nationalities are ISO 3166 alpha-3 codes where the list's country
	// could be mapped, else the list's text.
	Nationalities []string   `json:"nationalities,omitempty"`
	Gender        string     `json:"gender,omitempty"` // "M", "F" or ""
	Documents     []Document `json:"documents,omitempty"`
	// Programs are the sanctions regimes or programs (e.g. "SDGT", "Da'esh/Al-Qaida").
	Programs []string `json:"programs,omitempty"`
	Listed   string   `json:"listed,omitempty"` // date listed, YYYY-MM-DD
	Remarks  string   `json:"remarks,omitempty"`
}

// Name is one name of an entry.
type Name struct {
	// Full is the name as the list writes it, with the given name(s) first
	// where the list says which part is the surname.
	Full string `json:"full"`
	// Given and Surname are set when the list separates them.
	Given   string `json:"given,omitempty"`
	Surname string `json:"surname,omitempty"`
	// Quality is QualityPrimary, QualityGood or QualityLow.
	Quality string `json:"quality"`
	// Script is "latin", "arabic", "cyrillic", ... when known.
	Script string `json:"script,omitempty"`
}

// BirthDate is a listed date of birth, which may be exact, a year, a
// year-month, a range of years, or approximate.
type BirthDate struct {
	// Date is "YYYY", "YYYY-MM" or "YYYY-MM-DD" for a single date.
	Date string `json:"date,omitempty"`
	// From and To bound a range ("YYYY" or full dates).
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Approximate marks "circa"/"approximately" dates.
	Approximate bool `json:"approximate,omitempty"`
}

// Document is a listed identity or travel document.
type Document struct {
	Type    string `json:"type,omitempty"` // "passport", "national_id", ...
	Number  string `json:"number"`
	Country string `json:"country,omitempty"`
	Note    string `json:"note,omitempty"`
}
