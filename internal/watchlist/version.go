package watchlist

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"
)

// Changes is what changed between two versions of one list, as entry IDs,
// each slice sorted.
type Changes struct {
	Added   []string `json:"added"`
	Changed []string `json:"changed"`
	Removed []string `json:"removed"`
}

// EntryDigest is a stable hex SHA-256 of an entry's content. The order of
// aliases, birth dates, birth places, nationalities, documents and
// programs carries no meaning and does not change the digest; the primary
// name (Names[0]) stays first.
func EntryDigest(e Entry) string {
	c := e
	c.Names = append([]Name(nil), e.Names...)
	if len(c.Names) > 1 {
		aliases := c.Names[1:]
		sort.Slice(aliases, func(i, j int) bool { return nameKey(aliases[i]) < nameKey(aliases[j]) })
	}
	c.BirthDates = append([]BirthDate(nil), e.BirthDates...)
	sort.Slice(c.BirthDates, func(i, j int) bool { return dateKey(c.BirthDates[i]) < dateKey(c.BirthDates[j]) })
	c.BirthPlaces = sortedCopy(e.BirthPlaces)
	c.Nationalities = sortedCopy(e.Nationalities)
	c.Programs = sortedCopy(e.Programs)
	c.Documents = append([]Document(nil), e.Documents...)
	sort.Slice(c.Documents, func(i, j int) bool { return docKey(c.Documents[i]) < docKey(c.Documents[j]) })
	b, err := json.Marshal(c)
	if err != nil { // cannot happen: Entry holds only strings and bools
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func nameKey(n Name) string {
	return strings.Join([]string{n.Full, n.Given, n.Surname, n.Quality, n.Script}, "\x00")
}

func dateKey(d BirthDate) string {
	a := "0"
	if d.Approximate {
		a = "1"
	}
	return strings.Join([]string{d.Date, d.From, d.To, a}, "\x00")
}

func docKey(d Document) string {
	return strings.Join([]string{d.Type, d.Number, d.Country, d.Note}, "\x00")
}

func sortedCopy(s []string) []string {
	if s == nil {
		return nil
	}
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

// Diff compares two versions of one list by entry ID: entries only in
// next are Added, only in prev Removed, and in both with a different
// EntryDigest Changed.
func Diff(prev, next []Entry) Changes {
	old := make(map[string]string, len(prev))
	for _, e := range prev {
		old[e.ID] = EntryDigest(e)
	}
	var ch Changes
	inNext := make(map[string]bool, len(next))
	for _, e := range next {
		inNext[e.ID] = true
		d, ok := old[e.ID]
		switch {
		case !ok:
			ch.Added = append(ch.Added, e.ID)
		case d != EntryDigest(e):
			ch.Changed = append(ch.Changed, e.ID)
		}
	}
	for _, e := range prev {
		if !inNext[e.ID] {
			ch.Removed = append(ch.Removed, e.ID)
		}
	}
	sort.Strings(ch.Added)
	sort.Strings(ch.Changed)
	sort.Strings(ch.Removed)
	return ch
}
