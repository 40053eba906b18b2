//go:build !js

package browser

import "context"

// Fetch is the non-browser stub of the browser's fetch: it always returns ErrUnavailable. The server
// prerenders pages without calling the API, so nothing should reach it there.
func Fetch(ctx context.Context, method, path string, body []byte) (status int, respBody []byte, err error) {
	return 0, nil, ErrUnavailable
}
