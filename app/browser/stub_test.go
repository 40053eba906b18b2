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

func TestWebAuthnStubsReportUnavailable(t *testing.T) {
	ctx := context.Background()
	if WebAuthnSupported() || PlatformAuthenticatorAvailable(ctx) || ConditionalMediationAvailable(ctx) {
		t.Error("a feature check reports WebAuthn outside a browser")
	}
	if _, err := CreateCredential(ctx, []byte(`{}`)); !errors.Is(err, ErrUnavailable) {
		t.Errorf("CreateCredential error = %v, want ErrUnavailable", err)
	}
	if _, err := GetCredential(ctx, []byte(`{}`), true); !errors.Is(err, ErrUnavailable) {
		t.Errorf("GetCredential error = %v, want ErrUnavailable", err)
	}
	AbortConditional()
	if SignalUnknownCredential("x", "y") || SignalAllAcceptedCredentials("x", "y", nil) || SignalCurrentUserDetails("x", "y", "n", "d") {
		t.Error("a signal was sent outside a browser")
	}
}
