package httpapi

import (
	"net/http"
	"net/url"
	"slices"

	"spacerr/shared/api"
)

// OriginCheck refuses state-changing requests whose Origin is not trusted. A request that carries
// cookies must name a trusted Origin (or Referer), because a browser attaches cookies to cross-site
// forms; a request that names an untrusted Origin is refused even without cookies, which stops
// cross-site sign-in (login CSRF). Requests with neither cookies nor Origin (curl, servers) pass.
func OriginCheck(trusted []string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		origin := requestOrigin(r)
		switch {
		case origin == "" && len(r.Cookies()) > 0:
			WriteError(w, r, api.Errorf(api.CodeMissingOrNullOrigin, "This request has no Origin header, so it was refused."))
		case origin != "" && !slices.Contains(trusted, origin):
			WriteError(w, r, api.Errorf(api.CodeInvalidOrigin, "This request comes from a site that is not trusted."))
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// requestOrigin is the Origin header, or the origin of the Referer when a browser left Origin out.
// "null" (sandboxed frames, file://) counts as present and untrusted.
func requestOrigin(r *http.Request) string {
	if o := r.Header.Get("Origin"); o != "" {
		return o
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		if u, err := url.Parse(ref); err == nil && u.Scheme != "" && u.Host != "" {
			return u.Scheme + "://" + u.Host
		}
		return "null"
	}
	return ""
}
