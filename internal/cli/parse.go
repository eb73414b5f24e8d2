package cli

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/chokepoint/chokepoint/internal/decode"
	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/sensitive"
)

// runParse implements `chokepoint parse FILE...`: one JSON object per
// message on stdout (JSON Lines). A file that cannot be read is named on
// stderr with the segment and reason, contributes nothing to stdout, and
// makes the exit status non-zero; the other files are still parsed.
func runParse(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "parse")
	pretty := fs.Bool("pretty", false, "indent the JSON output")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: chokepoint parse [--pretty] FILE|DIR|- ...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	files, err := expandPaths(fs.Args())
	if err != nil {
		return err
	}
	opts := message.ParseOptions{CardHash: cardHasher(env).Hash}
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if *pretty {
		enc.SetIndent("", "  ")
	}
	failed := 0
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := readInput(env, name)
		if err != nil {
			fmt.Fprintf(env.Stderr, "%s: %v\n", name, err)
			failed++
			continue
		}
		msgs, err := decode.Decode(data, opts)
		if err != nil {
			fmt.Fprintf(env.Stderr, "%s: %v\n", name, err)
			failed++
			continue
		}
		for _, m := range msgs {
			if err := enc.Encode(m); err != nil {
				return err
			}
		}
	}
	if failed > 0 {
		return &ExitError{Code: 1, Err: fmt.Errorf("%d of %d files could not be parsed", failed, len(files))}
	}
	return nil
}

// cardHasher returns the hasher for card numbers: keyed by
// CHOKEPOINT_CARD_KEY when set, else by a key random to this process (so
// hashes link cards within one run only).
func cardHasher(env *Env) *sensitive.CardHasher {
	if k := env.Getenv("CHOKEPOINT_CARD_KEY"); k != "" {
		return sensitive.NewCardHasher([]byte(k))
	}
	key := make([]byte, 32)
	rand.Read(key)
	return sensitive.NewCardHasher(key)
}

func readInput(env *Env, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(env.Stdin)
	}
	return os.ReadFile(name)
}

// expandPaths turns arguments into files: directories are walked (hidden
// files and README files skipped), in lexical order.
func expandPaths(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		if a == "-" {
			files = append(files, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			base := d.Name()
			if strings.HasPrefix(base, ".") && p != a {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && !strings.HasPrefix(strings.ToUpper(base), "README") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}
