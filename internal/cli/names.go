package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/chokepoint/chokepoint/internal/names"
	"github.com/chokepoint/chokepoint/internal/screen"
)

func runNames(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintf(env.Stderr, "usage: chokepoint names compare < pairs.jsonl\n       chokepoint names normalize < names.txt\n\n"+
			"compare reads {\"id\",\"a\",\"b\"[,\"a_birth_date\",\"b_birth_date\"]} and writes {\"id\",\"score\",\"explanation\"}.\n"+
			"normalize reads one name per line and writes its normalised parts as JSON.\n")
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	switch args[0] {
	case "compare":
		return runNamesCompare(ctx, env, args[1:])
	case "normalize", "normalise":
		return runNamesNormalize(ctx, env, args[1:])
	}
	return fmt.Errorf("%w: unknown names subcommand %q (compare, normalize)", errUsage, args[0])
}

type compareInput struct {
	ID         string `json:"id"`
	A          string `json:"a"`
	B          string `json:"b"`
	ABirthDate string `json:"a_birth_date"`
	BBirthDate string `json:"b_birth_date"`
}

type compareOutput struct {
	ID          string            `json:"id"`
	Score       float64           `json:"score"`
	Explanation screen.PairResult `json:"explanation"`
}

func runNamesCompare(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "names compare")
	if err := fs.Parse(args); err != nil {
		return err
	}
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	return eachLine(ctx, env, enc, func(text string) (any, string, error) {
		var in compareInput
		if err := json.Unmarshal([]byte(text), &in); err != nil {
			return nil, "", err
		}
		if strings.TrimSpace(in.A) == "" || strings.TrimSpace(in.B) == "" {
			return nil, in.ID, errors.New(`"a" and "b" are required`)
		}
		for _, d := range []string{in.ABirthDate, in.BBirthDate} {
			if d != "" && !screen.ValidDate(d) {
				return nil, in.ID, fmt.Errorf("birth date %q is not YYYY, YYYY-MM or YYYY-MM-DD", d)
			}
		}
		r := screen.ComparePair(in.A, in.B, in.ABirthDate, in.BBirthDate)
		return compareOutput{ID: in.ID, Score: r.Score, Explanation: r}, in.ID, nil
	})
}

func runNamesNormalize(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "names normalize")
	if err := fs.Parse(args); err != nil {
		return err
	}
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	return eachLine(ctx, env, enc, func(text string) (any, string, error) {
		return names.Parse(text), "", nil
	})
}

// eachLine runs f on every non-blank input line, writing its result or an
// error line naming the line number; bad lines make the command exit 1 at
// the end.
func eachLine(ctx context.Context, env *Env, enc *json.Encoder, f func(string) (any, string, error)) error {
	rd := bufio.NewReader(env.Stdin)
	line, bad := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, err := rd.ReadBytes('\n')
		if len(raw) > 0 {
			line++
			if text := strings.TrimSpace(string(raw)); text != "" {
				v, id, ferr := f(text)
				if ferr != nil {
					bad++
					fmt.Fprintf(env.Stderr, "line %d: %v\n", line, ferr)
					v = lineError{Line: line, ID: id, Error: ferr.Error()}
				}
				if err := enc.Encode(v); err != nil {
					return err
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	if bad > 0 {
		return &ExitError{Code: 1, Err: fmt.Errorf("%d of %d input lines were bad", bad, line)}
	}
	return nil
}
