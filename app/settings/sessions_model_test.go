package settings

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/activity"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

const (
	uaFirefoxMac    = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0"
	uaChromeAndroid = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
	uaEdgeWindows   = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0"
	uaSafariIPhone  = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)

var sessionsNow = time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)

func sampleSessions() []api.Session {
	return []api.Session{
		{ID: "old", Token: "tok-old", UserAgent: uaChromeAndroid, IPAddress: "10.0.0.2",
			CreatedAt: sessionsNow.AddDate(0, 0, -10), UpdatedAt: sessionsNow.Add(-3 * time.Hour)},
		{ID: "me", Token: "tok-me", UserAgent: uaFirefoxMac, IPAddress: "10.0.0.1", Current: true,
			CreatedAt: sessionsNow.AddDate(0, 0, -1), UpdatedAt: sessionsNow.Add(-2 * time.Hour)},
		{ID: "new", Token: "tok-new", UserAgent: uaEdgeWindows,
			CreatedAt: sessionsNow.AddDate(0, 0, -2), UpdatedAt: sessionsNow.Add(-5 * time.Minute)},
	}
}

func TestDescribeDevice(t *testing.T) {
	for ua, want := range map[string]string{
		uaFirefoxMac:    "Firefox 128 on macOS",
		uaChromeAndroid: "Chrome 126 on Android",
		uaEdgeWindows:   "Edge 126 on Windows",
		uaSafariIPhone:  "Safari 17 on iOS",
		"":              "Unknown device",
		"curl/8.0":      "API client",
	} {
		if got := activity.Device(ua); got != want {
			t.Errorf("%q: got %q, want %q", ua, got, want)
		}
	}
}

func TestRowsPutThisDeviceFirstThenMostRecent(t *testing.T) {
	m := sessionsModel{}
	m.listLoaded(sampleSessions(), nil)
	rows := m.rows(sessionsNow)
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, ",") != "me,new,old" {
		t.Fatalf("order %v", ids)
	}
	if rows[0].LastActive != "Active now" || !rows[0].Current {
		t.Errorf("current row %+v", rows[0])
	}
	if rows[1].LastActive != "Active 5 minutes ago" || rows[1].IP != "Unknown address" || rows[1].Device != "Edge 126 on Windows" {
		t.Errorf("second row %+v", rows[1])
	}
	if rows[2].LastActive != "Active 3 hours ago" || rows[2].Token != "tok-old" {
		t.Errorf("third row %+v", rows[2])
	}
}

func TestLastActive(t *testing.T) {
	for d, want := range map[time.Duration]string{
		10 * time.Second: "Active just now",
		time.Minute:      "Active 1 minute ago",
		time.Hour:        "Active 1 hour ago",
	} {
		if got := lastActive(sessionsNow.Add(-d), sessionsNow); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
	if got := lastActive(sessionsNow.AddDate(0, 0, -3), sessionsNow); !strings.HasPrefix(got, "Last active ") {
		t.Errorf("days ago: %q", got)
	}
}

func TestFailedLoadKeepsTheCachedList(t *testing.T) {
	m := sessionsModel{}
	m.cached(sampleSessions(), sessionsNow)
	m.listLoaded(nil, errors.New("offline"))
	if len(m.list) != 3 || m.alert == "" || m.loaded {
		t.Fatalf("model %+v", m)
	}
}

func TestRevokeOthersFlow(t *testing.T) {
	m := sessionsModel{}
	m.listLoaded(sampleSessions(), nil)
	if m.startOthers() {
		t.Fatal("started without confirmation")
	}
	if !m.askOthers() || !m.startOthers() || m.startRevoke("old") {
		t.Fatalf("model %+v", m)
	}
	// Cancelling "Confirm it's you" leaves the confirmation open and reloads nothing.
	if m.revoked(&stepup.CanceledError{Err: errors.New("x")}) || !m.confirming || m.busy != "" {
		t.Fatalf("after cancel %+v", m)
	}
	m.startOthers()
	if !m.revoked(nil) || m.confirming || m.notice == "" {
		t.Fatalf("after success %+v", m)
	}
}

func TestNoOthersNoConfirmation(t *testing.T) {
	m := sessionsModel{}
	m.listLoaded([]api.Session{{ID: "me", Current: true}}, nil)
	if m.hasOthers() || m.askOthers() {
		t.Fatal("offered to sign out nobody")
	}
}

func TestSessionsCardHTML(t *testing.T) {
	c := &sessionsCard{}
	c.m.listLoaded(sampleSessions(), nil)
	html := app.HTMLString(c.Render())
	checkHTML(t, "sessions card", html,
		[]string{`id="sessions"`, `This device`, `id="revoke-session-old"`, `id="revoke-session-new"`,
			`id="revoke-other-sessions"`, `Firefox 128 on macOS`, `Active now`},
		[]string{`id="revoke-session-me"`, `id="confirm-revoke-others"`})

	c.m.askOthers()
	html = app.HTMLString(c.Render())
	checkHTML(t, "confirming", html, []string{`id="confirm-revoke-others"`}, []string{`id="revoke-other-sessions"`})
}
