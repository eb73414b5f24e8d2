package synth

import "github.com/chokepoint/chokepoint/internal/watchlist"

// testEntries are hand-built watchlist entries in the shape of the UN list.
func testEntries() []watchlist.Entry {
	return []watchlist.Entry{
		{List: "un", ID: "QDi.900", Kind: watchlist.KindIndividual,
			Names:         []watchlist.Name{{Full: "ABD AL-RAHMAN MUHAMMAD ZAFIR AL-DUBAYSI", Quality: watchlist.QualityPrimary}, {Full: "Abu Muhammad al-Shimali", Quality: watchlist.QualityGood}},
			BirthDates:    []watchlist.BirthDate{{Date: "1981-03-14"}},
			Nationalities: []string{"SYR"}, Gender: "M",
			Documents: []watchlist.Document{{Type: "passport", Number: "N 00412345", Country: "SYR"}}},
		{List: "un", ID: "QDi.901", Kind: watchlist.KindIndividual,
			Names:         []watchlist.Name{{Full: "MOHAMMED YOUSEF AL-TUNISI", Quality: watchlist.QualityPrimary}},
			BirthDates:    []watchlist.BirthDate{{Date: "1986"}},
			Nationalities: []string{"TUN"}},
		{List: "un", ID: "QDi.902", Kind: watchlist.KindIndividual,
			Names:         []watchlist.Name{{Full: "RUSLAN AKHMEDOVICH MAGOMEDOV", Quality: watchlist.QualityPrimary}, {Full: "Руслан Магомедов", Quality: watchlist.QualityGood, Script: "cyrillic"}},
			BirthDates:    []watchlist.BirthDate{{Date: "1990-07-02"}},
			Nationalities: []string{"RUS"}, Gender: "M",
			Documents: []watchlist.Document{{Type: "passport", Number: "751234567", Country: "RUS"}}},
		{List: "un", ID: "QDi.903", Kind: watchlist.KindIndividual,
			Names:         []watchlist.Name{{Full: "HUSSEIN ABDULLAH AL-OBAIDI", Quality: watchlist.QualityPrimary}},
			Nationalities: []string{"IRQ"}},
		{List: "un", ID: "QDe.500", Kind: watchlist.KindEntity,
			Names: []watchlist.Name{{Full: "AL-FURQAN FOUNDATION", Quality: watchlist.QualityPrimary}}},
		{List: "un", ID: "QDi.904", Kind: watchlist.KindIndividual,
			Names:         []watchlist.Name{{Full: "OMAR KHALED IBRAHIM", Quality: watchlist.QualityPrimary}},
			BirthDates:    []watchlist.BirthDate{{Date: "1975-11-30"}},
			Nationalities: []string{"EGY"}, Gender: "M"},
		{List: "un", ID: "QDi.905", Kind: watchlist.KindIndividual,
			Names:         []watchlist.Name{{Full: "BEKZOD TURSUNOV", Quality: watchlist.QualityPrimary}},
			BirthDates:    []watchlist.BirthDate{{Date: "1995-01-20"}},
			Nationalities: []string{"UZB"}, Gender: "M"},
		{List: "un", ID: "QDi.906", Kind: watchlist.KindIndividual,
			Names:         []watchlist.Name{{Full: "ABU BAKR AL-BOSNI", Quality: watchlist.QualityPrimary}},
			Nationalities: []string{"BIH"}},
		{List: "un", ID: "QDi.907", Kind: watchlist.KindIndividual,
			Names:         []watchlist.Name{{Full: "SAID YAHYA AL-MASRI", Quality: watchlist.QualityPrimary}},
			Nationalities: []string{"EGY"}},
		{List: "un", ID: "QDi.908", Kind: watchlist.KindIndividual,
			Names:         []watchlist.Name{{Full: "KHALID ABU AL-WALID", Quality: watchlist.QualityPrimary}},
			Nationalities: []string{"JOR"}},
	}
}
