// Package pnrgov owns PNRGOV parsing, EDIFACT and XML, into the message
// model (internal/message): it turns a passenger name record push from an
// airline into one message.Message of kind "pnr" with its bookings,
// travellers, itineraries, contacts, payments, bags, splits and history.
//
// The EDIFACT side (Parse, ParseFile) reads messages already tokenized by
// package edifact (UNH type PNRGOV, versions 10.1 to 16.1 and later). It is
// tolerant of what real feeds send (offset AIRIMP fields, titles fused to
// given names, missing segment terminators before a known tag, odd
// counts) and reports every such repair as a warning; it refuses only what
// cannot be read, such as an impossible date, with an error naming the
// segment.
//
// Sensitive data (special meals, medical and disability requests, free
// text revealing religion or health) is dropped at parse time via package
// sensitive and only counted, per code, in Message.SensitiveDropped. Card
// numbers are kept only as type, last four digits and a keyed hash.
package pnrgov
