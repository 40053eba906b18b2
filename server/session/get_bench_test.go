package session_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"spacerr/server/servertest"
	"spacerr/server/store/storetest"
)

// BenchmarkGetSession is the server's cost of GET /get-session with a valid cookie, per database: the
// one indexed read of the session with its user, and the JSON answer. The request goes straight into
// the server's handler, so the number is the server's own work (the loopback and a client are measured
// by make bench's wrk run). Run in parallel, it also shows how the path scales across cores.
func BenchmarkGetSession(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			env := servertest.Start(b, servertest.Setup{Dialect: d, RealClock: true})
			c := env.NewClient(b)
			res := c.Do("POST", "/api/auth/sign-up/email", map[string]any{"name": "Bench", "email": "bench@example.com", "password": "correct horse battery", "rememberMe": true})
			if res.Status != http.StatusOK {
				b.Fatalf("sign-up: %d %s", res.Status, res.Body)
			}
			const name = "spacerr.session_token" // http BASE_URL: no __Secure- prefix
			cookie := &http.Cookie{Name: name, Value: c.Cookie(name)}
			handler := env.Server.Handler()
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest("GET", env.URL+"/api/auth/get-session", nil)
					req.AddCookie(cookie)
					w := httptest.NewRecorder()
					handler.ServeHTTP(w, req)
					if w.Code != http.StatusOK || w.Body.Len() < 100 { // "null" is a signed-out answer
						b.Errorf("get-session: %d %s", w.Code, w.Body)
						return
					}
				}
			})
		})
	}
}
