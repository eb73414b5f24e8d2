package cli

import (
	"context"
	"time"

	"github.com/chokepoint/chokepoint/internal/alert"
	"github.com/chokepoint/chokepoint/internal/api"
	"github.com/chokepoint/chokepoint/internal/criteria"
	"github.com/chokepoint/chokepoint/internal/network"
)

// registerDomainRoutes mounts the routes of the domain packages (alerts,
// journeys, criteria, networks) next to the pipeline's own.
func registerDomainRoutes(srv *api.Server, svc *service) {
	alert.Register(srv, alert.New(svc.st), svc.log)
	srv.Handle("GET /api/v1/travellers/{id}/journeys", []string{api.RoleAnalyst}, svc.analysis.journey.Handler(svc.st))
	srv.Handle("GET /api/v1/network/groups", []string{api.RoleAnalyst}, network.GroupsHandler(svc.analysis.graph))
	srv.Handle("GET /api/v1/network/{traveller}", []string{api.RoleAnalyst}, network.ExpandHandler(svc.analysis.graph, svc.st))
	checker := svc.analysis.checker
	criteria.Register(srv, &criteria.Service{Checker: checker, Store: svc.st,
		History: func(ctx context.Context, since time.Time) criteria.Subjects {
			return checker.StoreSubjects(ctx, svc.st, since, time.Now().UTC())
		}}, svc.log)
}
