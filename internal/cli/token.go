package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/chokepoint/chokepoint/internal/api"
)

var roles = []string{api.RoleAdmin, api.RoleAnalyst, api.RoleIngest, api.RoleLookout, api.RoleAuditor}

// runToken implements `chokepoint token create --role ROLE`.
func runToken(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(env.Stderr, "usage: chokepoint token create --role ROLE [--name NAME] [--data DIR] [--store DSN]")
		return errUsage
	}
	fs := newFlags(env, "token create")
	var sf storeFlags
	sf.register(fs)
	role := fs.String("role", "", "role: "+strings.Join(roles, ", "))
	name := fs.String("name", "", "what the token is for (e.g. the analyst or the feed)")
	if err := fs.Parse(interleaved(fs, args[1:])); err != nil {
		return err
	}
	if !slices.Contains(roles, *role) {
		return fmt.Errorf("%w: --role must be one of %s", errUsage, strings.Join(roles, ", "))
	}
	if *name == "" {
		*name = *role
	}
	st, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	tok, _, err := st.CreateToken(ctx, *name, *role, "cli")
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, tok)
	return nil
}
