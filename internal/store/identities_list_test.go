package store

import "testing"

func TestIdentitiesListSQLite(t *testing.T)   { testIdentitiesList(t, newSQLite(t)) }
func TestIdentitiesListPostgres(t *testing.T) { testIdentitiesList(t, newPostgres(t)) }

func testIdentitiesList(t *testing.T, tg target) {
	s := tg.open(t)
	var ids []int64
	for _, n := range []string{"A", "B", "C"} {
		ids = append(ids, must(s.SaveIdentity(ctx, Identity{Names: []PersonName{{n, "X"}}}, []string{"n:" + n})).ok(t))
	}
	if err := s.MergeIdentities(ctx, ids[0], ids[1], IdentityLink{Decision: DecisionMerge, DecidedBy: "test"}); err != nil {
		t.Fatal(err)
	}
	page := must(s.Identities(ctx, 0, 1)).ok(t)
	if len(page) != 1 || page[0].ID != ids[0] || page[0].Names[0].Surname != "A" {
		t.Fatalf("first page %+v", page)
	}
	rest := must(s.Identities(ctx, page[0].ID, 10)).ok(t)
	if len(rest) != 1 || rest[0].ID != ids[2] {
		t.Fatalf("second page %+v (merged identity must be skipped)", rest)
	}
}
