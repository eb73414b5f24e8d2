package names

import "testing"

// FuzzParse: any input parses without panicking, into A-Z parts with keys,
// and compares with itself as a full match.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"Abd al-Rahman", "SMITH/JOHNMR", "صدام حسين", "Шамиль", "ABU", "AL", "ABDUL", "-", "A/B/C", "Ø'ß", "ABDURRRR", "ABUABUABU ABD AL"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Parse(s)
		for _, tk := range n.Tokens {
			for i := 0; i < len(tk.Text); i++ {
				if c := tk.Text[i]; c < 'A' || c > 'Z' {
					t.Fatalf("part %q of %q is not A-Z", tk.Text, s)
				}
			}
		}
		if len(n.Tokens) > 0 {
			c := CompareNames(n, n, DefaultWeigher(), DefaultScoring)
			if c.Score < 0.9 {
				t.Fatalf("%q vs itself: %.3f", s, c.Score)
			}
		}
	})
}
