package config

import (
	"fmt"
	"strings"
	"time"
)

// DefaultFreshAge is how long after signing in a session may still change passwords, second factors,
// passkeys or other sessions without re-authenticating (Kratos uses 1 h by default, 15 min in practice).
const DefaultFreshAge = 15 * time.Minute

// loadFreshAge parses FRESH_AGE: a Go duration such as "15m" or "1h", or "0" to turn the check off.
func loadFreshAge(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return DefaultFreshAge, nil
	}
	if v == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("FRESH_AGE must be a duration such as 15m or 1h, or 0 to turn the check off; got %q", v)
	}
	return d, nil
}
