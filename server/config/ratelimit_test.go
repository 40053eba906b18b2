package config

import (
	"testing"
	"time"
)

func TestRateLimitsFromTheEnvironment(t *testing.T) {
	l, err := loadRateLimits(env(map[string]string{"RATE_LIMIT_SIGN_IN": "5/1m", "RATE_LIMIT_DEFAULT": "0"}))
	if err != nil {
		t.Fatal(err)
	}
	if l.SignIn != (RateLimit{Max: 5, Window: time.Minute}) || l.Default.Max != 0 || l.SignUp != DefaultRateLimits().SignUp {
		t.Fatalf("%+v", l)
	}
	for _, bad := range []string{"5", "x/10s", "-1/10s", "3/10", "3/1ms"} {
		if _, err := loadRateLimits(env(map[string]string{"RATE_LIMIT_SIGN_UP": bad})); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
