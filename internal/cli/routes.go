package cli

import (
	"github.com/chokepoint/chokepoint/internal/alert"
	"github.com/chokepoint/chokepoint/internal/api"
)

// registerDomainRoutes mounts the routes of the domain packages (alerts,
// journeys, criteria, networks) next to the pipeline's own.
func registerDomainRoutes(srv *api.Server, svc *service) {
	alert.Register(srv, alert.New(svc.st), svc.log)
}
