package synth

import (
	"context"
	"iter"
	"slices"
	"strings"
	"time"
)

// File is one generated file: one interchange.
type File struct {
	// Name is the file name, e.g. "20260302T0715Z-pnr-TK2220-ISTGZT-20260304.edi":
	// the UTC time the file was sent first, so that lexical order is
	// chronological.
	Name string
	// Kind is "api" (PAXLST) or "pnr" (PNRGOV).
	Kind string
	// Time is when the file was sent (UTC).
	Time time.Time
	// Flight is "TK2220 IST-GZT 2026-03-04T07:15" (local departure).
	Flight string
	// Messages is the number of UNH messages in the interchange.
	Messages int
	// Data is the interchange. It belongs to the receiver.
	Data []byte
}

// Stats counts what a run produced.
type Stats struct {
	Files    int   `json:"files"`
	APIFiles int   `json:"api_files"`
	PNRFiles int   `json:"pnr_files"`
	Messages int   `json:"messages"`
	Bytes    int64 `json:"bytes"`
	// Flights is the number of flights with at least one booking.
	Flights int `json:"flights"`
	// Bookings is the number of bookings generated (planted included).
	Bookings int `json:"bookings"`
	// PNRRecords and APIRecords count bookings in pushes and travellers
	// (passengers and crew) in API lists.
	PNRRecords int `json:"pnr_records"`
	APIRecords int `json:"api_records"`
	// OrdinaryTravellers is the number of distinct ordinary travellers.
	OrdinaryTravellers int `json:"ordinary_travellers"`
}

// flightState is a flight's bookings and seat counter during a run.
type flightState struct {
	bookings []*booking
	seatN    int
}

// run is the state of one generation pass.
type run struct {
	w         *World
	is        *issuer
	flights   map[flightKey]*flightState
	nextPlant int
	genDay    int // next trip-start day (relative) to generate
	personN   int
	ctrl      int
	stats     Stats
	quota     []int // ordinary travellers per day
}

func (w *World) newRun() *run {
	r := &run{w: w, is: w.newIssuer(0), flights: map[flightKey]*flightState{}}
	r.quota = make([]int, w.days)
	for d := range r.quota {
		r.quota[d] = w.ordinary / w.days
		if d < w.ordinary%w.days {
			r.quota[d]++
		}
	}
	r.ctrl = int(w.locKey % 90000000)
	return r
}

func (r *run) flight(k flightKey) *flightState {
	st := r.flights[k]
	if st == nil {
		st = &flightState{seatN: int(hash64(uint64(k.route), uint64(k.day)) % 7)}
		r.flights[k] = st
	}
	return st
}

// register adds a booking to its flights and gives its travellers seats.
func (r *run) register(b *booking) {
	r.stats.Bookings++
	for j, s := range b.segs {
		st := r.flight(s.key)
		st.bookings = append(st.bookings, b)
		for _, x := range b.pax {
			if x.p.infant {
				continue
			}
			n := st.seatN
			st.seatN++
			x.seats[j] = itoa(4+n/6) + string("ABCDEF"[n%6])
		}
	}
}

// instantiate copies a planted template for this run.
func instantiate(t *booking) *booking {
	b := *t
	b.pax = make([]*paxRec, len(t.pax))
	for i, x := range t.pax {
		c := *x
		c.seats = make([]string, len(t.segs))
		b.pax[i] = &c
	}
	return &b
}

// ensure generates every booking whose first flight leaves on or before
// relative day d.
func (r *run) ensure(d int) {
	w := r.w
	for ; r.genDay <= d && r.genDay < w.days; r.genDay++ {
		r.plantedUpTo(w.start + r.genDay)
		r.ordinaryDay(r.genDay)
	}
	r.plantedUpTo(w.start + d)
}

func (r *run) plantedUpTo(absDay int) {
	for r.nextPlant < len(r.w.planted) && r.w.planted[r.nextPlant].firstDay() <= absDay {
		r.register(instantiate(r.w.planted[r.nextPlant]))
		r.nextPlant++
	}
}

// event is a file to send.
type event struct {
	at   time.Time
	kind string
	key  flightKey
	name string
}

// Each streams every file in chronological order (the order of their
// names) to fn, generating one day at a time. It stops at the first error
// fn returns, or when ctx is done, and returns the counts of what was
// produced.
func (w *World) Each(ctx context.Context, fn func(File) error) (Stats, error) {
	r := w.newRun()
	for e := -3; e <= w.days; e++ {
		if err := ctx.Err(); err != nil {
			return r.stats, err
		}
		r.ensure(e + 3)
		lo := dayTime(w.start + e)
		hi := lo.AddDate(0, 0, 1)
		var evs []event
		for d := e - 1; d <= e+3; d++ {
			if d < 0 || d >= w.days {
				continue
			}
			for ri := range w.sched.routes {
				k := flightKey{ri, w.start + d}
				st := r.flights[k]
				if st == nil || len(st.bookings) == 0 {
					continue
				}
				ft := w.sched.times(k)
				push := ft.depUTC.Add(-time.Duration(w.sched.routes[ri].leadH) * time.Hour)
				if !push.Before(lo) && push.Before(hi) {
					evs = append(evs, event{at: push, kind: "pnr", key: k})
				}
				if !ft.depUTC.Before(lo) && ft.depUTC.Before(hi) {
					evs = append(evs, event{at: ft.depUTC, kind: "api", key: k})
					r.stats.Flights++
				}
			}
		}
		for i := range evs {
			evs[i].name = w.fileName(evs[i])
		}
		slices.SortFunc(evs, func(a, b event) int {
			if c := a.at.Compare(b.at); c != 0 {
				return c
			}
			return strings.Compare(a.name, b.name)
		})
		for _, ev := range evs {
			if err := ctx.Err(); err != nil {
				return r.stats, err
			}
			f, ok := r.render(ev)
			if !ok {
				continue
			}
			r.stats.Files++
			r.stats.Messages += f.Messages
			r.stats.Bytes += int64(len(f.Data))
			if f.Kind == "api" {
				r.stats.APIFiles++
			} else {
				r.stats.PNRFiles++
			}
			if err := fn(f); err != nil {
				return r.stats, err
			}
		}
		for k := range r.flights {
			if k.day < w.start+e-2 {
				delete(r.flights, k)
			}
		}
	}
	r.stats.OrdinaryTravellers = r.personN + len(w.repeaters)
	return r.stats, nil
}

// Messages streams the files as an iterator; a generation error or the
// context's is yielded last with an empty File.
func (w *World) Messages(ctx context.Context) iter.Seq2[File, error] {
	return func(yield func(File, error) bool) {
		stop := false
		_, err := w.Each(ctx, func(f File) error {
			if !yield(f, nil) {
				stop = true
				return errStop
			}
			return nil
		})
		if err != nil && !stop {
			yield(File{}, err)
		}
	}
}

type stopError struct{}

func (stopError) Error() string { return "stopped" }

var errStop error = stopError{}

// fileName names an event's file.
func (w *World) fileName(ev event) string {
	rt := w.sched.route(ev.key.route)
	return ev.at.Format("20060102T1504Z") + "-" + ev.kind + "-" + rt.carrier.code + rt.number + "-" +
		rt.from.code + rt.to.code + "-" + dayTime(ev.key.day).Format("20060102") + ".edi"
}

// flightLabel is "TK2220 IST-GZT 2026-03-04T07:15".
func (w *World) flightLabel(k flightKey) string {
	rt := w.sched.route(k.route)
	return rt.carrier.code + rt.number + " " + rt.from.code + "-" + rt.to.code + " " + fmtISOTime(w.sched.times(k).depLocal)
}
