package criteria

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
)

//go:embed examples/*.yaml
var examplesFS embed.FS

// Examples returns the criteria shipped with Chokepoint (examples/*.yaml),
// by file name. They are drafts: an installation adds, backtests and
// activates them like any other criterion.
func Examples() (map[string]File, error) {
	names, err := fs.Glob(examplesFS, "examples/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("criteria: examples: %w", err)
	}
	slices.Sort(names)
	out := make(map[string]File, len(names))
	for _, n := range names {
		data, err := examplesFS.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("criteria: example %s: %w", n, err)
		}
		f, err := ParseFile(data)
		if err != nil {
			return nil, fmt.Errorf("criteria: example %s: %w", n, err)
		}
		out[n[len("examples/"):]] = f
	}
	return out, nil
}
