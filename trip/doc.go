// Package trip reads and validates the trip file: the one description of an
// official trip abroad (đoàn ra) from which vanthu checks the rules and drafts
// the proposal, the decision and the post-trip report.
//
// # Format
//
// A trip file is YAML or JSON with the field names of corpus.Trip (the contract
// of the trip file). Parse picks the format by the file name's extension
// (.json → JSON, anything else → YAML; JSON is tried first when the name gives
// no hint and the text starts with "{"). Decoding is strict: an unknown field is
// an error naming its line, because a misspelt key ("member:" for "members:")
// would otherwise silently drop data the rules check depends on. A YAML stream
// must hold exactly one document.
//
// # Dates
//
// Dates are written 2026-01-05. YAML resolves an unquoted 2026-01-05 as a
// timestamp, but yaml.v3 hands a TextUnmarshaler the scalar's original text
// whatever tag it resolved (decode.go, scalar), so corpus.Date's UnmarshalText
// reads both quoted and unquoted dates and no custom decoding is needed here; a
// test pins that behaviour. Anything else ("5/1/2026", a time of day) is an
// error with its line.
//
// # Validation
//
// Parse only decodes. Validate says what a complete trip needs and returns one
// FieldError per problem, each naming the field by path ("members[2].name")
// with the expectation in Vietnamese and English, so a form or the CLI can show
// it beside the field. The rules on delegations (how many members, days,
// countries) are not validation: they live in package check, with their sources.
//
// # History
//
// LoadHistory reads the year's register of delegations (TT 25/2025/TT-BGDĐT,
// Phụ lục III): a list of corpus.PastTrip, used by check to count each leader's
// trips in a year.
package trip
