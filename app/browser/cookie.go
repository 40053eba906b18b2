package browser

import (
	"net/url"
	"strings"
)

// cookieValue finds the cookie name in a document.cookie string ("a=1; b=2") and returns its value,
// URL-decoded as Better Auth writes it, or "" when it is absent.
func cookieValue(cookies, name string) string {
	for _, part := range strings.Split(cookies, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || k != name {
			continue
		}
		if dec, err := url.QueryUnescape(v); err == nil {
			return dec
		}
		return v
	}
	return ""
}
