package screen

import (
	"github.com/chokepoint/chokepoint/internal/names"
	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// PairResult is the comparison of two names (with optional birth dates).
type PairResult struct {
	Score       float64           `json:"score"`
	NameScore   float64           `json:"name_score"`
	A           string            `json:"a"`
	B           string            `json:"b"`
	Pairs       []names.Pair      `json:"pairs"`
	UnmatchedA  []string          `json:"unmatched_a,omitempty"`
	UnmatchedB  []string          `json:"unmatched_b,omitempty"`
	Fields      []Contribution    `json:"fields,omitempty"`
	Summary     string            `json:"summary"`
	Comparison  *names.Comparison `json:"-"`
	FullMatch   bool              `json:"full_match"`
	Information float64           `json:"information"`
}

// ComparePair scores whether two names (and birth dates, either may be
// empty) belong to the same person, on the same scale as Screen: at or
// above DefaultThreshold means "would alert". Part weights come from the
// built-in traveller name frequencies.
func ComparePair(a, b, aBirth, bBirth string) PairResult {
	na, nb := names.Parse(a), names.Parse(b)
	c := names.CompareNames(na, nb, names.DefaultWeigher(), names.DefaultScoring)
	r := PairResult{NameScore: round3(c.Score), A: na.String(), B: nb.String(), Pairs: c.Pairs, UnmatchedA: c.UnmatchedA, UnmatchedB: c.UnmatchedB, Comparison: &c, FullMatch: c.Full, Information: round3(c.Info)}
	score := c.Score
	if aBirth != "" && bBirth != "" {
		if d, why := dobDelta(aBirth, []watchlist.BirthDate{{Date: bBirth}}); why != "" {
			score += d
			r.Fields = append(r.Fields, Contribution{"birth_date", round3(d), why})
		}
	}
	if score > 1 {
		score = 1
	}
	if score < 0 {
		score = 0
	}
	r.Score = round3(score)
	r.Summary = c.Explain()
	for _, f := range r.Fields {
		r.Summary += "; " + f.Field + ": " + f.Detail
	}
	return r
}
