package admin

import (
	"errors"
	"sort"
	"strings"
	"time"

	"spacerr/app/activity"
	"spacerr/app/authapi"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

// The user page's actions. Each but a single session's sign-out opens an in-page confirmation first
// (userModel.panel); one runs at a time (userModel.busy).
const (
	actRole        = "role"
	actBan         = "ban"
	actUnban       = "unban"
	actPassword    = "password"
	actImpersonate = "impersonate"
	actRemove      = "remove"
	actRevokeAll   = "revoke-all"
	actRevokeOne   = "revoke-one" // busy only; sessionBusy says which
)

// banChoice is one "Ban for" option.
type banChoice struct {
	Key, Label string
	Seconds    int64 // 0: until unbanned
}

var banChoices = []banChoice{
	{"1d", "1 day", 24 * 60 * 60},
	{"7d", "7 days", 7 * 24 * 60 * 60},
	{"30d", "30 days", 30 * 24 * 60 * 60},
	{"never", "Until unbanned", 0},
}

func banSeconds(key string) int64 {
	for _, c := range banChoices {
		if c.Key == key {
			return c.Seconds
		}
	}
	return banChoices[0].Seconds
}

// userModel is the user page's state, apart from the component so it is tested without a browser.
// All methods run on the UI goroutine.
type userModel struct {
	me       api.User // the admin viewing the page
	sec      api.AdminUserSecurity
	sessions []api.Session
	events   []api.AuditEvent
	loaded   bool
	missing  bool // no user has this id (or it was just removed)
	problem  string

	panel       string // the open confirmation, or ""
	busy        string // the running action, or ""
	sessionBusy string // the session being signed out
	alert       string // the last action's error, shown by its panel (or at the top)
	alertFor    string
	notice      string

	banReason   string
	banFor      string
	newPassword string
	passwordErr string
	removeEmail string
}

// loadedAll records the page's answers; the security answer decides whether the page can show.
func (m *userModel) loadedAll(sec api.AdminUserSecurity, sessions []api.Session, events []api.AuditEvent, secErr, sessErr, eventsErr error) {
	if secErr != nil {
		var e *api.Error
		if errors.As(secErr, &e) && e.Code == api.CodeUserNotFound {
			m.missing = true
			return
		}
		m.problem = authapi.Message(secErr)
		return
	}
	m.sec, m.loaded, m.problem, m.missing = sec, true, "", false
	if sessErr == nil {
		m.sessions = sessions
	}
	if eventsErr == nil {
		m.events = events
	}
	if err := firstErr(sessErr, eventsErr); err != nil {
		m.alert, m.alertFor = authapi.Message(err), ""
	}
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (m userModel) user() api.AdminUser { return m.sec.User }

// lastSignIn is when the user last signed in, as far as the page can tell: the server's
// lastSignInAt, or the newest sign-in among their events and sessions.
func (m userModel) lastSignIn() time.Time {
	var at time.Time
	if m.sec.User.LastSignInAt != nil {
		at = *m.sec.User.LastSignInAt
	}
	for _, e := range m.events {
		if e.Action == api.EventSignIn && e.TargetID == m.sec.User.ID && e.CreatedAt.After(at) {
			at = e.CreatedAt
		}
	}
	for _, s := range m.sessions {
		if s.ImpersonatedBy == "" && s.CreatedAt.After(at) {
			at = s.CreatedAt
		}
	}
	return at
}

// self is whether the admin is looking at their own account: the server refuses to let them ban,
// demote, remove or impersonate themselves, so the page does not offer it.
func (m userModel) self() bool { return m.me.ID != "" && m.me.ID == m.sec.User.ID }

func (m userModel) canChangeRole() bool { return !m.self() }
func (m userModel) canBan() bool        { return !m.self() }
func (m userModel) canRemove() bool     { return !m.self() }

// canImpersonate: Better Auth's admin role may not impersonate other admins, nor anyone themself.
func (m userModel) canImpersonate() bool {
	return !m.self() && m.sec.User.Role != api.RoleAdmin && !m.sec.User.Banned
}

// open shows the confirmation of action; false while another action runs.
func (m *userModel) open(action string) bool {
	if m.busy != "" {
		return false
	}
	m.panel, m.alert, m.alertFor, m.notice = action, "", "", ""
	switch action {
	case actBan:
		m.banReason, m.banFor = "", banChoices[0].Key
	case actPassword:
		m.newPassword, m.passwordErr = "", ""
	case actRemove:
		m.removeEmail = ""
	}
	return true
}

func (m *userModel) cancel() {
	if m.busy == "" {
		m.panel, m.alert, m.alertFor = "", "", ""
	}
}

// removeConfirmed is whether the typed email is the user's, as the removal asks.
func (m userModel) removeConfirmed() bool {
	return m.sec.User.Email != "" && strings.EqualFold(strings.TrimSpace(m.removeEmail), m.sec.User.Email)
}

// start marks action as running, from its open confirmation (or, for a single session, directly).
// false when it cannot run now; for the password, when the new one is not valid (passwordErr says why).
func (m *userModel) start(action string) bool {
	if m.busy != "" {
		return false
	}
	switch action {
	case actRevokeOne:
	case actPassword:
		if m.panel != actPassword {
			return false
		}
		if err := (api.SetUserPasswordRequest{UserID: m.sec.User.ID, NewPassword: m.newPassword}).Validate(); err != nil {
			m.passwordErr = fieldMessage(err)
			return false
		}
		m.passwordErr = ""
	case actRemove:
		if m.panel != actRemove || !m.removeConfirmed() {
			return false
		}
	default:
		if m.panel != action {
			return false
		}
	}
	m.busy, m.alert, m.alertFor, m.notice = action, "", "", ""
	return true
}

// finished records the end of the running action; reload is true when the page should load again. A
// cancelled "Confirm it's you" leaves the confirmation open, as it was.
func (m *userModel) finished(err error) (reload bool) {
	action := m.busy
	m.busy, m.sessionBusy = "", ""
	if stepup.Canceled(err) {
		return false
	}
	if err != nil {
		m.alert, m.alertFor = authapi.Message(err), action
		if action == actRevokeOne || action == actRevokeAll {
			m.alertFor = actRevokeAll // the sessions card shows both
		}
		var e *api.Error
		if errors.As(err, &e) && e.Code == api.CodeUserNotFound {
			m.missing = true
		}
		return action == actRevokeOne
	}
	m.panel = ""
	m.notice = doneNotice(action, m.sec.User)
	return true
}

func doneNotice(action string, u api.AdminUser) string {
	name := displayName(u.User)
	switch action {
	case actRole:
		if u.Role == api.RoleAdmin {
			return name + " is no longer an admin."
		}
		return name + " is now an admin."
	case actBan:
		return name + " is banned and signed out everywhere."
	case actUnban:
		return name + " can sign in again."
	case actPassword:
		return "The password is set. " + name + "'s sessions stay signed in."
	case actRevokeAll:
		return name + " is signed out everywhere."
	case actRevokeOne:
		return "That session is signed out."
	}
	return ""
}

// newRole is the role the role action gives the user.
func (m userModel) newRole() string {
	if m.sec.User.Role == api.RoleAdmin {
		return api.RoleUser
	}
	return api.RoleAdmin
}

func displayName(u api.User) string {
	if strings.TrimSpace(u.Name) != "" {
		return u.Name
	}
	return u.Email
}

// banText describes the ban: "Banned until March 4, 2026 · Reason: spam", or "" when not banned.
func banText(u api.User) (state, reason string) {
	if !u.Banned {
		return "", ""
	}
	state = "Banned until unbanned"
	if u.BanExpires != nil {
		state = "Banned until " + u.BanExpires.In(time.Local).Format("January 2, 2006, 15:04")
	}
	reason = u.BanReason
	if reason == "" {
		reason = "No reason given"
	}
	return state, reason
}

// sessionRows orders the sessions most recently active first.
func sessionRows(list []api.Session, now time.Time) []sessionRow {
	list = append([]api.Session(nil), list...)
	sort.SliceStable(list, func(i, j int) bool { return list[i].UpdatedAt.After(list[j].UpdatedAt) })
	rows := make([]sessionRow, 0, len(list))
	for _, s := range list {
		r := sessionRow{
			ID: s.ID, Token: s.Token, Device: activity.Device(s.UserAgent), IP: s.IPAddress,
			Created: "Signed in " + activity.Ago(s.CreatedAt, now), Active: "Active " + activity.Ago(s.UpdatedAt, now),
			Impersonation: s.ImpersonatedBy != "",
		}
		if r.IP == "" {
			r.IP = "Unknown address"
		}
		rows = append(rows, r)
	}
	return rows
}

type sessionRow struct {
	ID, Token, Device, IP, Created, Active string
	Impersonation                          bool
}

// eventRow is one audit event as the user page shows it.
type eventRow struct {
	ID     string
	Text   string
	Detail string
	Who    string // "By an admin", "By you", "On another user", or ""
	Where  string // device and address
	When   string
	At     time.Time
}

// eventRows describes the events of userID (by or on them), newest first, as the admin me reads them.
func eventRows(events []api.AuditEvent, userID, meID string, now time.Time) []eventRow {
	events = append([]api.AuditEvent(nil), events...)
	sort.SliceStable(events, func(i, j int) bool { return events[i].CreatedAt.After(events[j].CreatedAt) })
	rows := make([]eventRow, 0, len(events))
	for _, e := range events {
		text, detail := actionText(e.Action, e.Detail)
		r := eventRow{ID: e.ID, Text: text, Detail: detail, When: activity.Ago(e.CreatedAt, now), At: e.CreatedAt}
		switch {
		case e.TargetID != userID:
			r.Who = "On another user"
		case e.ActorID == userID:
		case e.ActorID == meID:
			r.Who = "By you"
		default:
			r.Who = "By an admin"
		}
		var where []string
		if e.UserAgent != "" {
			where = append(where, activity.Device(e.UserAgent))
		}
		if e.IP != "" {
			where = append(where, e.IP)
		}
		r.Where = strings.Join(where, " · ")
		rows = append(rows, r)
	}
	return rows
}

// actionText is an event's action in the admin's words (app/activity keeps the vocabulary settings
// shares), with the part of its detail worth showing; an action this client has no words for reads
// as its name.
func actionText(action, detail string) (text, shown string) {
	if text, shown, known := activity.Describe(action, detail, activity.Admin); known {
		return text, shown
	}
	return strings.ReplaceAll(action, "-", " "), detail
}

// fieldMessage is the message of a validation error.
func fieldMessage(err error) string {
	var e *api.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}
