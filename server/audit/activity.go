package audit

import (
	"fmt"
	"net/http"

	"github.com/uptrace/bun"

	"spacerr/server/httpapi"
	"spacerr/shared/api"
)

// activityLimit caps GET /list-activity: the settings page shows the recent past, not the archive.
const activityLimit = 50

// Activity answers GET /list-activity (our addition to Better Auth's API).
type Activity struct {
	DB bun.IDB
	// SignedInUser is the id of the request's user, "" when signed out (composed in server from
	// session.Manager.Resolve, which this package must not import: sessions record events here).
	SignedInUser func(w http.ResponseWriter, r *http.Request) (string, error)
}

// ListActivity answers the signed-in user's newest events, those done by an admin included; 401
// UNAUTHORIZED when signed out.
func (a *Activity) ListActivity(w http.ResponseWriter, r *http.Request) error {
	userID, err := a.SignedInUser(w, r)
	if err != nil {
		return err
	}
	if userID == "" {
		return api.Errorf(api.CodeUnauthorized, "Sign in first.")
	}
	rows, err := OfUser(r.Context(), a.DB, userID, activityLimit)
	if err != nil {
		return fmt.Errorf("list activity: %w", err)
	}
	out := api.ActivityResponse{Events: make([]api.ActivityEvent, 0, len(rows))}
	for i := range rows {
		out.Events = append(out.Events, rows[i].ToActivity())
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}
