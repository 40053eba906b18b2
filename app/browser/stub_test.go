//go:build !js

package browser

import (
	"context"
	"errors"
	"testing"
)

func TestStubsReportUnavailable(t *testing.T) {
	if _, _, err := Fetch(context.Background(), "GET", "/api/auth/get-session", nil); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Fetch error = %v, want ErrUnavailable", err)
	}
	if err := Focus("email"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Focus error = %v, want ErrUnavailable", err)
	}
	if err := ReplaceRoute("/"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("ReplaceRoute error = %v, want ErrUnavailable", err)
	}
}
