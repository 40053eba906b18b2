package authapi

import (
	"context"

	"spacerr/shared/api"
)

// ListActivity returns the signed-in account's newest security events (sign-ins, factor changes,
// what an admin did to it), newest first; UNAUTHORIZED when signed out.
func (c *Client) ListActivity(ctx context.Context) ([]api.ActivityEvent, error) {
	var res api.ActivityResponse
	if err := c.call(ctx, "GET", "/list-activity", nil, &res); err != nil {
		return nil, err
	}
	if res.Events == nil {
		res.Events = []api.ActivityEvent{}
	}
	return res.Events, nil
}
