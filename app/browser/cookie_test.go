package browser

import "testing"

func TestCookieValue(t *testing.T) {
	const jar = "theme=dark; better-auth.last_used_login_method=passkey; x=a%20b"
	for name, want := range map[string]string{
		"better-auth.last_used_login_method": "passkey",
		"theme":                              "dark",
		"x":                                  "a b",
		"missing":                            "",
		"better-auth":                        "",
	} {
		if got := cookieValue(jar, name); got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
	if got := cookieValue("", "theme"); got != "" {
		t.Errorf("empty jar: %q", got)
	}
}
