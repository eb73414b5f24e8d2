package screen

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Input is a screening request as clients send it (JSON Lines on the
// command line, JSON over HTTP): all but id and name are optional;
// document may be a number, an object {type, number, country} or an array.
type Input struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Given       string          `json:"given"`
	Surname     string          `json:"surname"`
	BirthDate   string          `json:"birth_date"`
	Nationality string          `json:"nationality"`
	Gender      string          `json:"gender"`
	Document    json.RawMessage `json:"document"`
	Documents   json.RawMessage `json:"documents"`
}

// Result is the answer to one Input.
type Result struct {
	ID      string  `json:"id"`
	Matches []Match `json:"matches"`
}

// Query validates the input and returns the query it asks for.
func (in *Input) Query() (Query, error) {
	if strings.TrimSpace(in.ID) == "" {
		return Query{}, errors.New(`missing "id"`)
	}
	if strings.TrimSpace(in.Name) == "" && strings.TrimSpace(in.Given+in.Surname) == "" {
		return Query{}, errors.New(`missing "name"`)
	}
	if in.BirthDate != "" && !ValidDate(in.BirthDate) {
		return Query{}, fmt.Errorf("birth_date %q is not YYYY, YYYY-MM or YYYY-MM-DD", in.BirthDate)
	}
	q := Query{ID: in.ID, Name: in.Name, Given: in.Given, Surname: in.Surname, BirthDate: in.BirthDate, Nationality: in.Nationality, Gender: in.Gender}
	d1, err := inputDocuments(in.Document)
	if err != nil {
		return q, fmt.Errorf("document: %v", err)
	}
	d2, err := inputDocuments(in.Documents)
	if err != nil {
		return q, fmt.Errorf("documents: %v", err)
	}
	q.Documents = append(d1, d2...)
	return q, nil
}

// inputDocuments accepts a document as a number string, an object
// {type, number, country}, or an array of either.
func inputDocuments(raw json.RawMessage) ([]QueryDocument, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return nil, nil
	}
	switch s[0] {
	case '"':
		var n string
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, err
		}
		if strings.TrimSpace(n) == "" {
			return nil, nil
		}
		return []QueryDocument{{Number: n}}, nil
	case '{':
		var d QueryDocument
		if err := json.Unmarshal(raw, &d); err != nil {
			return nil, err
		}
		return []QueryDocument{d}, nil
	case '[':
		var arr []json.RawMessage
		if err := json.Unmarshal(raw, &arr); err != nil {
			return nil, err
		}
		var out []QueryDocument
		for _, a := range arr {
			d, err := inputDocuments(a)
			if err != nil {
				return nil, err
			}
			out = append(out, d...)
		}
		return out, nil
	}
	return nil, errors.New("document must be a string, an object or an array")
}
