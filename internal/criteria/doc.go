// Package criteria implements lawful, analyst-authored risk criteria: the
// pre-determined criteria of EU PNR Directive art. 6(2)(a) and 6(4),
// written in CEL over a typed schema of the traveller, the booking, the
// flight and the journey.
//
// A Checker type-checks an expression against the schema (an unknown
// field or a type error is refused with its position), refuses any
// reference to a protected or sensitive attribute under any spelling and
// any expression that can match on a proxy alone (nationality, document
// or residence country, gender or age without a condition on travel
// behaviour; names and birth place are not in the schema at all), and
// bounds the expression's cost both at check time and at run time.
//
// An Engine holds the active criteria compiled once and evaluates them on
// subjects, returning hits with an explanation (the value of each
// top-level condition and of each field read). Backtest runs a criterion
// over history; Service is the governance workflow (add as draft,
// backtest, activate with the approved backtest, retire) that the CLI
// (chokepoint criteria) and the HTTP handlers share.
//
// See docs/criteria.md for the schema, the file format, the refusal rules
// and their legal basis, and the measured figures.
package criteria
