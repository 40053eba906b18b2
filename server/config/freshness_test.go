package config

import (
	"testing"
	"time"
)

func TestLoadFreshAge(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    time.Duration
		wantErr bool
	}{
		{"", DefaultFreshAge, false},
		{"0", 0, false},
		{"1h", time.Hour, false},
		{" 5m ", 5 * time.Minute, false},
		{"-5m", 0, true},
		{"soon", 0, true},
	} {
		got, err := loadFreshAge(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("loadFreshAge(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}
