package admin

import (
	"strings"
	"testing"
	"time"

	"spacerr/app/stepup"
	"spacerr/shared/api"
)

var userNow = time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)

func loadedUser(me string, u api.AdminUser) userModel {
	m := userModel{me: api.User{ID: me}}
	m.loadedAll(api.AdminUserSecurity{User: u}, nil, nil, nil, nil, nil)
	return m
}

func ada() api.AdminUser {
	return api.AdminUser{User: api.User{ID: "ada", Name: "Ada Lovelace", Email: "ada@example.com", Role: api.RoleUser}}
}

// An admin's own page offers none of what the server refuses them.
func TestNoSelfHarm(t *testing.T) {
	m := loadedUser("ada", ada())
	if !m.self() || m.canBan() || m.canChangeRole() || m.canRemove() || m.canImpersonate() {
		t.Fatalf("own page offers self-harm: %+v", m)
	}
	m = loadedUser("grace", ada())
	if m.self() || !m.canBan() || !m.canChangeRole() || !m.canRemove() || !m.canImpersonate() {
		t.Fatal("another user's page must offer the actions")
	}
	admin := ada()
	admin.Role = api.RoleAdmin
	if m = loadedUser("grace", admin); m.canImpersonate() || m.newRole() != api.RoleUser {
		t.Fatal("admins can't be impersonated; their role action removes the role")
	}
}

func TestActionsNeedTheirConfirmation(t *testing.T) {
	m := loadedUser("grace", ada())
	if m.start(actBan) {
		t.Fatal("a ban started without its confirmation")
	}
	if !m.open(actBan) || m.banFor != "1d" || !m.start(actBan) {
		t.Fatal("open then start")
	}
	if m.open(actRole) || m.start(actRole) {
		t.Fatal("a second action while one runs")
	}
	if !m.finished(nil) || m.panel != "" || m.notice != "Ada Lovelace is banned and signed out everywhere." {
		t.Fatalf("after the ban: panel %q notice %q", m.panel, m.notice)
	}
}

func TestRemovalNeedsTheEmailTyped(t *testing.T) {
	m := loadedUser("grace", ada())
	m.open(actRemove)
	m.removeEmail = "ada@example"
	if m.start(actRemove) {
		t.Fatal("removal with the wrong email")
	}
	m.removeEmail = " ADA@example.com "
	if !m.start(actRemove) {
		t.Fatal("removal with the email typed (case and spaces aside)")
	}
}

func TestPasswordIsCheckedBeforeSending(t *testing.T) {
	m := loadedUser("grace", ada())
	m.open(actPassword)
	m.newPassword = "short"
	if m.start(actPassword) || m.passwordErr == "" {
		t.Fatalf("a short password went out: %q", m.passwordErr)
	}
	m.newPassword = "difference engine 1822"
	if !m.start(actPassword) || m.passwordErr != "" {
		t.Fatal("a good password was refused")
	}
}

// The server's refusals show inline, by the action; a cancelled "Confirm it's you" changes nothing.
func TestErrorsStayWithTheirAction(t *testing.T) {
	m := loadedUser("grace", ada())
	m.open(actBan)
	m.start(actBan)
	if m.finished(&stepup.CanceledError{Err: &api.Error{Code: api.CodeSessionNotFresh}}) || m.panel != actBan || m.alert != "" {
		t.Fatalf("cancelled: panel %q alert %q", m.panel, m.alert)
	}
	m.start(actBan)
	m.finished(&api.Error{Code: api.CodeCannotBanYourself, Message: "You cannot ban yourself."})
	if m.alert != "You cannot ban yourself." || m.alertFor != actBan || m.panel != actBan {
		t.Fatalf("refused: alert %q for %q, panel %q", m.alert, m.alertFor, m.panel)
	}
	m.start(actBan)
	m.finished(&api.Error{Code: api.CodeUserNotFound, Message: "No user has this id."})
	if !m.missing {
		t.Fatal("a user removed meanwhile")
	}
}

func TestMissingUser(t *testing.T) {
	m := userModel{}
	m.loadedAll(api.AdminUserSecurity{}, nil, nil, &api.Error{Code: api.CodeUserNotFound, Message: "No user has this id."}, nil, nil)
	if !m.missing || m.loaded {
		t.Fatalf("%+v", m)
	}
}

func TestEventsReadAsSentences(t *testing.T) {
	until := "2026-03-11T12:00:00Z"
	events := []api.AuditEvent{
		{ID: "1", ActorID: "ada", TargetID: "ada", Action: api.EventSignIn, Detail: "passkey", IP: "10.0.0.1",
			UserAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0", CreatedAt: userNow.Add(-time.Hour)},
		{ID: "2", ActorID: "grace", TargetID: "ada", Action: "ban-user", Detail: "spam (until " + until + ")", CreatedAt: userNow},
		{ID: "3", ActorID: "root", TargetID: "ada", Action: "set-role", Detail: "admin", CreatedAt: userNow.Add(-2 * time.Hour)},
		{ID: "4", ActorID: "ada", TargetID: "bob", Action: "unban-user", CreatedAt: userNow.Add(-3 * time.Hour)},
		{ID: "5", ActorID: "ada", TargetID: "ada", Action: "something-new", CreatedAt: userNow.Add(-4 * time.Hour)},
	}
	rows := eventRows(events, "ada", "grace", userNow)
	got := []string{}
	for _, r := range rows {
		got = append(got, r.ID+":"+r.Text+"|"+r.Detail+"|"+r.Who)
	}
	want := []string{
		"2:Banned|spam · until Mar 11, 2026|By you",
		"1:Signed in with a passkey||",
		"3:Made an administrator||By an admin",
		"4:Ban lifted||On another user",
		"5:something new||",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rows[1].Where != "Firefox 128 on macOS · 10.0.0.1" || rows[1].When != "1 hour ago" {
		t.Fatalf("where/when %q %q", rows[1].Where, rows[1].When)
	}
}

func TestBanText(t *testing.T) {
	if s, _ := banText(api.User{}); s != "" {
		t.Fatal("not banned")
	}
	s, r := banText(api.User{Banned: true})
	if s != "Banned until unbanned" || r != "No reason given" {
		t.Fatalf("%q %q", s, r)
	}
	end := time.Date(2026, 3, 11, 12, 0, 0, 0, time.Local)
	s, r = banText(api.User{Banned: true, BanExpires: &end, BanReason: "spam"})
	if s != "Banned until March 11, 2026, 12:00" || r != "spam" {
		t.Fatalf("%q %q", s, r)
	}
	if banSeconds("7d") != 7*24*3600 || banSeconds("never") != 0 {
		t.Fatal("ban lengths")
	}
}

func TestLastSignInFromEventsAndSessions(t *testing.T) {
	m := loadedUser("grace", ada())
	if !m.lastSignIn().IsZero() {
		t.Fatal("nothing known")
	}
	m.events = []api.AuditEvent{{Action: api.EventSignIn, TargetID: "ada", CreatedAt: userNow.Add(-time.Hour)}}
	m.sessions = []api.Session{{CreatedAt: userNow, ImpersonatedBy: "grace"}, {CreatedAt: userNow.Add(-2 * time.Hour)}}
	if !m.lastSignIn().Equal(userNow.Add(-time.Hour)) {
		t.Fatalf("last sign-in %v (an admin's impersonation is not the user's sign-in)", m.lastSignIn())
	}
}
