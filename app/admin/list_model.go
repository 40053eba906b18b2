package admin

import (
	"strconv"
	"strings"
	"time"

	"spacerr/app/activity"
	"spacerr/app/authapi"
	"spacerr/app/avatar"
	"spacerr/shared/api"
)

// pageSize is how many users a page of the table shows.
const pageSize = 25

// sortOption is one choice of the table's "Sort by".
type sortOption struct {
	Key, Label, By, Direction string
}

// sortOptions are the orders the table offers; the first is the default.
var sortOptions = []sortOption{
	{"newest", "Newest first", "createdAt", "desc"},
	{"oldest", "Oldest first", "createdAt", "asc"},
	{"email", "Email (A–Z)", "email", "asc"},
	{"name", "Name (A–Z)", "name", "asc"},
}

// listModel is the users table's state, apart from the component so it is tested without a browser.
// All methods run on the UI goroutine.
type listModel struct {
	search string // what the search box holds
	field  string // "email" or "name"
	sort   string // a sortOption's Key
	offset int

	res     api.ListUsersResponse
	loaded  bool // res is an answer (possibly of an older query, shown until the new one comes)
	loading bool
	alert   string
	seq     int // the newest request's number: answers to older ones are dropped
}

func newListModel() listModel { return listModel{field: "email", sort: sortOptions[0].Key} }

// query is the request for what the table should show now.
func (m listModel) query() authapi.ListUsersQuery {
	q := authapi.ListUsersQuery{Limit: pageSize, Offset: m.offset}
	if v := strings.TrimSpace(m.search); v != "" {
		q.SearchValue, q.SearchField = v, m.field
	}
	for _, o := range sortOptions {
		if o.Key == m.sort {
			q.SortBy, q.SortDirection = o.By, o.Direction
		}
	}
	return q
}

// start begins a request for the current query and returns its number.
func (m *listModel) start() int {
	m.seq++
	m.loading = true
	return m.seq
}

// done records the answer to request seq; an older request's answer is ignored (false).
func (m *listModel) done(seq int, res api.ListUsersResponse, err error) bool {
	if seq != m.seq {
		return false
	}
	m.loading = false
	if err != nil {
		m.alert = authapi.Message(err)
		return true
	}
	m.res, m.loaded, m.alert = res, true, ""
	return true
}

// The search, field and sort setters go back to the first page: page 3 of another query means nothing.
func (m *listModel) setSearch(v string) { m.search, m.offset = v, 0 }
func (m *listModel) setField(v string) {
	if v == "email" || v == "name" {
		m.field, m.offset = v, 0
	}
}
func (m *listModel) setSort(key string) {
	for _, o := range sortOptions {
		if o.Key == key {
			m.sort, m.offset = key, 0
		}
	}
}

func (m listModel) hasPrev() bool { return m.res.Offset > 0 }
func (m listModel) hasNext() bool { return m.res.Offset+len(m.res.Users) < m.res.Total }

// prev and next move a page back or on; false when there is no such page.
func (m *listModel) prev() bool {
	if !m.hasPrev() {
		return false
	}
	m.offset = max(m.res.Offset-pageSize, 0)
	return true
}

func (m *listModel) next() bool {
	if !m.hasNext() {
		return false
	}
	m.offset = m.res.Offset + len(m.res.Users)
	return true
}

// rangeText is "1–25 of 60" for the page shown.
func (m listModel) rangeText() string {
	n := len(m.res.Users)
	if n == 0 {
		return "0 of " + strconv.Itoa(m.res.Total)
	}
	return strconv.Itoa(m.res.Offset+1) + "–" + strconv.Itoa(m.res.Offset+n) + " of " + strconv.Itoa(m.res.Total)
}

// emptyText is what the table says when it has no rows.
func (m listModel) emptyText() string {
	if strings.TrimSpace(m.search) != "" {
		return "No user's " + m.field + " contains “" + strings.TrimSpace(m.search) + "”."
	}
	return "No users yet."
}

// userRow is one user as the table shows them.
type userRow struct {
	ID, Name, Email, Initials string
	Admin                     bool
	Role                      string
	TwoFactor                 bool
	Passkeys                  string
	Created                   string
	LastSignIn                string
	Banned                    bool
	Href                      string
}

func (m listModel) rows(now time.Time) []userRow {
	rows := make([]userRow, 0, len(m.res.Users))
	for _, u := range m.res.Users {
		r := userRow{
			ID: u.ID, Name: u.Name, Email: u.Email, Initials: avatar.Initials(u.Name, u.Email),
			Admin: u.Role == api.RoleAdmin, Role: roleLabel(u.Role), TwoFactor: u.TwoFactorEnabled,
			Passkeys: strconv.Itoa(u.PasskeyCount), Created: activity.Day(u.CreatedAt), LastSignIn: "—",
			Banned: u.Banned, Href: userURL(u.ID),
		}
		if u.LastSignInAt != nil {
			r.LastSignIn = activity.Ago(*u.LastSignInAt, now)
		}
		if r.Name == "" {
			r.Name = u.Email
		}
		rows = append(rows, r)
	}
	return rows
}

func roleLabel(role string) string {
	if role == api.RoleAdmin {
		return "Admin"
	}
	return "User"
}
