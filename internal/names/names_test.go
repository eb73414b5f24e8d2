package names

import (
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Müller", "MUELLER"},
		{"Øystein Ørsted", "OEYSTEIN OERSTED"},
		{"Strauß", "STRAUSS"},
		{"İsmail Şahin Çağlar Gül", "ISMAIL SAHIN CAGLAR GUEL"},
		{"Peña Nieto", "PENA NIETO"},
		{"O'Brien", "OBRIEN"},
		{"Abu ‘Ubaydah al-Kafi", "ABU UBAYDAH AL-KAFI"},
		{"Þór", "THOR"},
		{"ＭＵＨＡＭＭＡＤ", "MUHAMMAD"}, // NFKC full-width
		{"Шамиль Басаев", "SHAMIL BASAEV"},
		{"Юрий Хаттаб", "IURII KHATTAB"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseStructure(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// theophoric compounds, every form
		{"Abdul Rahman", "ABDRAHMAN"},
		{"ABDULRAHMAN", "ABDRAHMAN"},
		{"Abd al-Rahman", "ABDRAHMAN"},
		{"Abdurrahman", "ABDRAHMAN"},
		{"Abdel Rahman", "ABDRAHMAN"},
		{"Abd Al Munhim", "ABDMUNHIM"},
		{"Abdulmunhim", "ABDMUNHIM"},
		{"Abdallah", "ABDULLAH"},
		{"Abd Allah", "ABDULLAH"},
		{"ABD-ALLAH", "ABDULLAH"},
		// abu, articles, connectors
		{"Abu Bakr al-Baghdadi", "ABUBAKR BAGHDADI"},
		{"ABUBAKAR AL BAGHDADI", "ABUBAKR BAGHDADI"},
		{"Usama bin Muhammad bin Awad BIN LADIN", "OSAMA MOHAMMED AWAD LADIN"},
		{"Salah al-Din", "SALAHUDDIN"},
		{"Salahuddin", "SALAHUDDIN"},
		{"Habib Ullah", "HABIBULLAH"},
		// titles, fused titles, airline order
		{"Dr. Ayman AL ZAWAHIRI", "AYMAN ZAWAHIRI"},
		{"Shaykh Umar Abd AL RAHMAN", "OMAR ABDRAHMAN"},
		{"SMITH/JOHNMR", "JOHN SMITH"},
		{"MARZUK/MUSA ABU", "MOHAMMED_NO"}, // replaced below
		{"VAN DER BERG", "VANDERBERG"},
		// spelling families
		{"Mohamed Husayn Yousef", "MOHAMMED HUSSEIN YUSUF"},
		{"Usama Umar Khalid", "OSAMA OMAR KHALED"},
		// scripts
		{"محمد بن عبد الله", "MOHAMMED ABDULLAH"},
		{"صدام حسين", "SADDAM HUSSEIN"},
		{"Юрий", "YURI"},
	} {
		if c.in == "MARZUK/MUSA ABU" {
			c.want = "MUSA ABUMARZUK"
		}
		if got := strings.Join(Parse(c.in).Canons(), " "); got != c.want {
			t.Errorf("Parse(%q) canons = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestKey(t *testing.T) {
	same := [][]string{
		{"MOHAMMED", "MUHAMAD", "MOHAMAD", "MAHAMAD"},
		{"HUSSEIN", "HUSAYN", "HOSSEIN", "HUSAIN"},
		{"IVANOV", "IVANOFF", "IWANOW"},
		{"MUELLER", "MULLER"},
		{"ALEXANDER", "ALEKSANDER"},
		{"HAMZA", "HAMZAH"},
		{"AHMED", "AHMAD", "AHMET"},
		{"ZAWAHIRI", "ZAWAHRI", "ZAWAHARI"},
	}
	for _, g := range same {
		for _, s := range g[1:] {
			if Key(s) != Key(g[0]) {
				t.Errorf("Key(%s)=%s, Key(%s)=%s: want equal", s, Key(s), g[0], Key(g[0]))
			}
		}
	}
	if Key("SMITH") == Key("JONES") {
		t.Error("SMITH and JONES share a key")
	}
}

func TestJaroWinklerLevenshtein(t *testing.T) {
	if s := JaroWinkler("MARTHA", "MARHTA"); s < 0.96 || s > 0.962 {
		t.Errorf("JW(MARTHA,MARHTA) = %v, want 0.961", s)
	}
	if s := JaroWinkler("DIXON", "DICKSONX"); s < 0.81 || s > 0.815 {
		t.Errorf("JW(DIXON,DICKSONX) = %v, want 0.813", s)
	}
	if JaroWinkler("", "A") != 0 || JaroWinkler("ABC", "ABC") != 1 {
		t.Error("JW edge cases")
	}
	if d := Levenshtein("KITTEN", "SITTING"); d != 3 {
		t.Errorf("Levenshtein = %d, want 3", d)
	}
}

// Real list aliases (UN and OFAC, testdata/watchlists) against plausible
// airline spellings of the same person: all must score at or above 0.8,
// the screening threshold.
func TestCompareSamePerson(t *testing.T) {
	for _, c := range [][2]string{
		{"Ayman al-Zawahiri", "AIMAN ZAWAHRI"},
		{"Usama BIN LADIN", "OSAMA BINLADEN"},
		{"Abu Bakr al-Baghdadi", "ABUBAKAR ALBAGHDADI"},
		{"ABDUL RAHMAN YASIN", "ABDURRAHMAN YASSIN"},
		{"Abd al-Rahman AL-MUHAJIR", "ABDELRAHMAN MUHAJIR"},
		{"Saddam Hussein AL-TIKRITI", "صدام حسين التكريتي"},
		{"Khalid Shaikh MOHAMMED", "KHALED SHEIKH MOHAMED"},
		{"Abu Muhammad AL-JAWLANI", "JAWLANI/ABU MOHAMMED"},
		{"Hamza USAMA MUHAMMAD BIN LADEN", "HAMZA OSAMA MOHAMMED LADEN"},
		{"Shamil BASAYEV", "Шамиль Басаев"},
		{"Joaquin GUZMAN LOERA", "JOAQUIN GUZMAN LOERA MR"},
		{"Ali Hassan AL-MAJID", "ALI HASAN ALMAJEED"},
	} {
		r := Compare(c[0], c[1])
		if r.Score < 0.8 {
			t.Errorf("Compare(%q, %q) = %.3f (%s), want >= 0.8", c[0], c[1], r.Score, r.Explain())
		}
	}
}

// Different people who share common parts must stay below the threshold.
func TestCompareDifferentPeople(t *testing.T) {
	for _, c := range [][2]string{
		{"Hassan Ali", "Hussein Ali"},
		{"Mohammed Ali Hassan", "Mohammed Ahmed Hassan"},
		{"Jose Luis Garcia", "Jose Garcia Lopez"},
		{"Wang Wei", "Wang Jun"},
		{"Cheikh Mamadou Konate", "Mohammad Qannadi"},
		{"Said Magomedovich Ismailov", "Shamil Magomedovich Ismailov"},
		{"Asma Cheema", "Asim Cheema"},
	} {
		r := Compare(c[0], c[1])
		if r.Score >= 0.8 {
			t.Errorf("Compare(%q, %q) = %.3f (%s), want < 0.8", c[0], c[1], r.Score, r.Explain())
		}
	}
}

func TestCompareExplains(t *testing.T) {
	r := Compare("Muhammad Yusuf", "MOHAMMED YOUSSEF")
	if !r.Full || len(r.Pairs) != 2 {
		t.Fatalf("want a full two-pair match, got %+v", r)
	}
	for _, p := range r.Pairs {
		if p.How != HowFamily {
			t.Errorf("pair %s~%s matched by %q, want %q", p.A, p.B, p.How, HowFamily)
		}
	}
	if !strings.Contains(r.Explain(), "MUHAMMAD~MOHAMMED") {
		t.Errorf("explanation %q does not show the aligned pair", r.Explain())
	}
	// order does not matter; joined parts are found
	if a, b := Compare("GARCIA LOPEZ JOSE", "Jose Garcia Lopez"), Compare("Jose Garcia Lopez", "GARCIA LOPEZ JOSE"); a.Score != b.Score || a.Score < 0.95 {
		t.Errorf("order: %.3f vs %.3f", a.Score, b.Score)
	}
	if r := Compare("MOHAMMEDALI HASSAN", "Mohammed Ali Hassan"); r.Score < 0.8 {
		t.Errorf("joined parts: %.3f %s", r.Score, r.Explain())
	}
}

func TestRareOutweighsCommon(t *testing.T) {
	f := NewFreq()
	if f.Weight("MOHAMMED") >= f.Weight("ZAWAHIRI") {
		t.Error("MOHAMMED should weigh less than ZAWAHIRI")
	}
	rare := Compare("Ayman Zawahiri", "Ayman Zawahiri Sulaiman")
	common := Compare("Mohammed Ali", "Mohammed Ali Hassan")
	if rare.Score <= common.Score {
		t.Errorf("rare %.3f <= common %.3f", rare.Score, common.Score)
	}
}

func TestScriptRoundTrip(t *testing.T) {
	// Latin -> Cyrillic -> Latin keeps the phonetic key
	for _, n := range []string{"SHAMIL BASAEV", "ALEKSANDR IVANOV", "ZELIMKHAN YANDARBIEV"} {
		back := Parse(ToCyrillic(n))
		if strings.Join(keys(back), " ") != strings.Join(keys(Parse(n)), " ") {
			t.Errorf("%s -> %s -> %s", n, ToCyrillic(n), back.String())
		}
	}
	if a := ToArabic("MOHAMMED"); a != "محمد" {
		t.Errorf("ToArabic(MOHAMMED) = %q", a)
	}
}

func keys(n Name) []string {
	var out []string
	for _, t := range n.Tokens {
		out = append(out, t.Key)
	}
	return out
}

func BenchmarkNormalize(b *testing.B) {
	in := []string{"Abd al-Rahman AL-MUHAJIR", "SMITH/JOHNMR", "Muḥammad ibn ʿAbd al-Wahhāb", "صدام حسين التكريتي", "Шамиль Басаев", "Jose Alejandro GIL GARCIA"}
	for i := 0; i < b.N; i++ {
		Parse(in[i%len(in)])
	}
}

func BenchmarkCompare(b *testing.B) {
	x, y := Parse("Usama bin Muhammad bin Awad BIN LADIN"), Parse("OSAMA BINLADEN")
	w := DefaultWeigher()
	for i := 0; i < b.N; i++ {
		CompareNames(x, y, w, DefaultScoring)
	}
}

// The spelling distance prices transliteration below typos.
func TestSpellDist(t *testing.T) {
	for _, c := range []struct {
		a, b string
		max  float64
	}{
		{"BAZZI", "BAZI", 0.25},           // a doubled letter
		{"TAUFIK", "TAUFEEK", 0.6},        // vowels
		{"ZAWAHIRI", "ZAWAHRI", 0.4},      // a vowel left out
		{"MELNYCHUK", "MELNYHCUK", 0.7},   // a transposition
		{"BAYANDARIAN", "BAYANDCRIAN", 1}, // a typo
	} {
		if d := spellDist(c.a, c.b); d > c.max || d != spellDist(c.b, c.a) {
			t.Errorf("spellDist(%s, %s) = %.2f, want <= %.2f and symmetric", c.a, c.b, d, c.max)
		}
	}
	if spellDist("SMITH", "HASSAN") < 3 {
		t.Error("unrelated names should be far apart")
	}
}

// One typo in a long rare surname still matches; two different common
// given names one letter apart do not, nor does a name against its -I
// form of descent.
func TestTyposAndKnownNames(t *testing.T) {
	for _, c := range [][2]string{
		{"Ali BAYANDARIAN", "ALI BAYANDCRIAN"},
		{"Oleksandr MELNYCHUK", "OLEKSANDZ MELNYCHUK"},
		{"Amikwe LEPIC", "AMIKWE LEPEEC"},
	} {
		if r := Compare(c[0], c[1]); r.Score < 0.8 {
			t.Errorf("Compare(%q, %q) = %.3f (%s), want >= 0.8", c[0], c[1], r.Score, r.Explain())
		}
	}
	for _, c := range [][2]string{{"RAMESH", "RAJESH"}, {"HAMZA", "HAMZI"}, {"HAKIM", "HAKIMI"}, {"MARIA", "MARIO"}} {
		if s, _ := TokenSim(&Parse(c[0]).Tokens[0], &Parse(c[1]).Tokens[0]); s >= 0.8 {
			t.Errorf("TokenSim(%s, %s) = %.2f, want < 0.8", c[0], c[1], s)
		}
	}
	for _, c := range [][2]string{{"ALIEV", "ALIYEV"}, {"MARK", "MARCO"}} {
		if s, _ := TokenSim(&Parse(c[0]).Tokens[0], &Parse(c[1]).Tokens[0]); s < 0.8 {
			t.Errorf("TokenSim(%s, %s) = %.2f, want >= 0.8: forms of one name", c[0], c[1], s)
		}
	}
}

// Common derived forms weigh like the parts they derive from.
func TestDerivedFormsAreCommon(t *testing.T) {
	f := NewFreq()
	for _, w := range []string{"IVANOVA", "IVANOVICH", "SERGEEVNA"} {
		if f.Weight(w) > 0.5 {
			t.Errorf("Weight(%s) = %.2f, want a common part's weight", w, f.Weight(w))
		}
	}
}
