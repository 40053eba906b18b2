package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// loadRateLimits reads RATE_LIMIT_SIGN_IN, RATE_LIMIT_SIGN_UP, RATE_LIMIT_TWO_FACTOR and
// RATE_LIMIT_DEFAULT, each "MAX/WINDOW" such as "3/10s" ("0" turns that limit off), over the defaults.
func loadRateLimits(getenv func(string) string) (RateLimits, error) {
	l := DefaultRateLimits()
	for _, s := range []struct {
		env string
		dst *RateLimit
	}{
		{"RATE_LIMIT_SIGN_IN", &l.SignIn},
		{"RATE_LIMIT_SIGN_UP", &l.SignUp},
		{"RATE_LIMIT_TWO_FACTOR", &l.TwoFactor},
		{"RATE_LIMIT_DEFAULT", &l.Default},
		{"RATE_LIMIT_MAIL", &l.Mail},
		{"RATE_LIMIT_MAGIC_LINK", &l.MagicLink},
	} {
		v := strings.TrimSpace(getenv(s.env))
		if v == "" {
			continue
		}
		lim, err := parseRateLimit(v)
		if err != nil {
			return l, fmt.Errorf("%s: %w", s.env, err)
		}
		*s.dst = lim
	}
	return l, nil
}

func parseRateLimit(v string) (RateLimit, error) {
	if v == "0" {
		return RateLimit{}, nil
	}
	maxStr, winStr, ok := strings.Cut(v, "/")
	max, err := strconv.Atoi(strings.TrimSpace(maxStr))
	if !ok || err != nil || max < 1 {
		return RateLimit{}, fmt.Errorf("want MAX/WINDOW such as 3/10s, or 0 to turn it off, got %q", v)
	}
	win, err := time.ParseDuration(strings.TrimSpace(winStr))
	if err != nil || win < time.Second {
		return RateLimit{}, fmt.Errorf("want a window of at least 1s such as 10s or 1m, got %q", winStr)
	}
	return RateLimit{Max: max, Window: win}, nil
}
