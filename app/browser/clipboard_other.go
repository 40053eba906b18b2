//go:build !js

package browser

import "context"

// CopyText is the non-browser stub: it always returns ErrUnavailable.
func CopyText(ctx context.Context, text string) error { return ErrUnavailable }
