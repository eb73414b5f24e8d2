// Package synth generates a synthetic, reproducible world of airline
// traffic around the Istanbul hubs and the Turkish border region, as the
// real UN/EDIFACT files a passenger information unit receives: PNRGOV 13:1
// pushes 24 to 48 hours before each departure and PAXLST D:05B passenger
// and crew lists at departure.
//
// Ordinary travellers (tourists, business repeaters, families, agency
// groups, diaspora visiting family, domestic travellers, crew) are mixed
// with planted scenarios whose ground truth is known: listed persons
// travelling under transliteration variants of a watchlist name, broken
// travel towards the Syrian border, facilitators, growing groups, agency
// networks, and decoys that look alike but are innocent.
//
// Everything is derived from Config.Seed through seeded PCG generators:
// the same configuration always yields byte-identical output. Files are
// produced in chronological order, one day at a time, keeping only the
// bookings active in a sliding window, so the generator can stream millions
// of messages as a load source. The generator reads no file: listed persons
// come from the watchlist entries the caller passes in Config.Listed.
//
// The output layout and the ground-truth schema are documented in
// docs/synth.md.
package synth
