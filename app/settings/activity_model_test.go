package settings

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"spacerr/app/activity"
	"spacerr/shared/api"
)

var activityNow = time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)

func TestActivityReadsAsSentences(t *testing.T) {
	m := activityModel{}
	m.listLoaded([]api.ActivityEvent{
		{ID: "1", Action: api.EventSignIn, Detail: "passkey", IP: "10.0.0.1", UserAgent: uaFirefoxMac, CreatedAt: activityNow.Add(-5 * time.Minute)},
		{ID: "2", Action: api.EventSignInFailed, IP: "203.0.113.9", UserAgent: uaChromeAndroid, CreatedAt: activityNow.Add(-3 * time.Hour)},
		{ID: "3", Action: api.EventTwoFactorEnabled, UserAgent: uaFirefoxMac, CreatedAt: activityNow.Add(-30 * time.Hour)},
		{ID: "4", Action: "set-user-password", ByAdmin: true, CreatedAt: activityNow.Add(-3 * 24 * time.Hour)},
		{ID: "5", Action: api.EventPasskeyAdded, Detail: "iCloud Keychain", UserAgent: uaSafariIPhone, CreatedAt: activityNow.AddDate(0, -1, 0)},
		{ID: "6", Action: api.EventSignIn, Detail: "email", CreatedAt: activityNow.Add(-10 * time.Second)},
		{ID: "7", Action: "brand-new-thing", ByAdmin: true, CreatedAt: activityNow},
		{ID: "8", Action: "brand-new-thing", CreatedAt: activityNow},
	}, nil)
	var got []string
	for _, r := range m.rows(activityNow) {
		got = append(got, strings.Join([]string{r.ID, r.Text, r.Detail, r.Device, r.IP, r.When, strconv.FormatBool(r.ByAdmin), strconv.FormatBool(r.Warning)}, "|"))
	}
	want := []string{
		"1|Signed in with a passkey||Firefox 128 on macOS|10.0.0.1|5 minutes ago|false|false",
		"2|Failed sign-in attempt||Chrome 126 on Android|203.0.113.9|3 hours ago|false|true",
		"3|Two-factor authentication turned on||Firefox 128 on macOS||yesterday|false|false",
		"4|Password set||||3 days ago|true|false",
		"5|Passkey added|iCloud Keychain|Safari 17 on iOS||" + activity.Day(activityNow.AddDate(0, -1, 0)) + "|false|false",
		"6|Signed in with your password||Unknown device||just now|false|false",
		"7|Changed by an administrator||||just now|true|false",
		"8|Account activity||Unknown device||just now|false|false",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestShowAllRevealsTheRest(t *testing.T) {
	m := activityModel{}
	var events []api.ActivityEvent
	for i := 0; i < 23; i++ {
		events = append(events, api.ActivityEvent{ID: strconv.Itoa(i), Action: api.EventSignIn, CreatedAt: activityNow})
	}
	m.listLoaded(events, nil)
	if n := len(m.rows(activityNow)); n != activityShown || m.hidden() != 13 {
		t.Fatalf("shown %d, hidden %d", n, m.hidden())
	}
	m.showAll = true
	if n := len(m.rows(activityNow)); n != 23 || m.hidden() != 0 {
		t.Fatalf("after Show all: %d rows, %d hidden", n, m.hidden())
	}
	short := activityModel{}
	short.listLoaded(events[:4], nil)
	if short.hidden() != 0 {
		t.Fatal("a short list has nothing to show more of")
	}
}

func TestActivityFailureKeepsTheList(t *testing.T) {
	m := activityModel{}
	m.listLoaded([]api.ActivityEvent{{ID: "1"}}, nil)
	m.listLoaded(nil, &api.Error{Code: api.CodeInternal, Message: "Something went wrong on our side. Please try again."})
	if len(m.events) != 1 || m.alert == "" || !m.loaded {
		t.Fatalf("%+v", m)
	}
}
