package twofactor

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestCookiesOnHTTPSAreSecureAndPrefixed(t *testing.T) {
	s := &Service{secure: true}
	w := httptest.NewRecorder()
	s.setCookie(w, challengeCookie, "handle", challengeTTL)
	s.clearCookie(w, trustCookie)
	got := w.Header().Values("Set-Cookie")
	if len(got) != 2 {
		t.Fatalf("%q", got)
	}
	for i, want := range []string{"__Secure-spacerr.two_factor=handle", "__Secure-spacerr.trust_device="} {
		for _, attr := range []string{want, "Secure", "HttpOnly", "SameSite=Lax", "Path=/api/auth/"} {
			if !strings.Contains(got[i], attr) {
				t.Errorf("%s lacks %s", got[i], attr)
			}
		}
	}
	if !strings.Contains(got[0], "Max-Age=600") || !strings.Contains(got[1], "Max-Age=0") {
		t.Fatalf("%q", got)
	}
	plain := &Service{}
	if plain.cookieName(trustCookie) != "spacerr.trust_device" || trustDeviceFor != 30*24*time.Hour {
		t.Fatal(plain.cookieName(trustCookie))
	}
}
