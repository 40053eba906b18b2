package httpapi

import (
	"net/http"
	"net/url"
	"slices"

	"spacerr/shared/validate"
)

// SafeRedirect returns raw when it is a same-site path or an absolute URL on a trusted origin, and def
// otherwise, so a mailed link's callbackURL can never send the browser to another site.
func SafeRedirect(raw string, trusted []string, def string) string {
	if raw == "" || validate.CallbackURL(raw) != nil {
		return def
	}
	if raw[0] == '/' {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil || !slices.Contains(trusted, u.Scheme+"://"+u.Host) {
		return def
	}
	return raw
}

// WithQuery adds key=value to the query of target (a path or a URL).
func WithQuery(target, key, value string) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// Redirect answers 302 to target. Mailed links are opened by a browser, not by the client's fetch, so
// their GET endpoints answer with redirects rather than JSON.
func Redirect(w http.ResponseWriter, r *http.Request, target string) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	http.Redirect(w, r, target, http.StatusFound)
}
