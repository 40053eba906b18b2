package admin

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"spacerr/app/authapi"
	"spacerr/shared/api"
)

func usersPage(offset, n, total int) api.ListUsersResponse {
	res := api.ListUsersResponse{Total: total, Limit: pageSize, Offset: offset}
	for i := 0; i < n; i++ {
		res.Users = append(res.Users, api.AdminUser{User: api.User{ID: "u" + strconv.Itoa(offset+i)}})
	}
	return res
}

func TestQueryFollowsSearchSortAndPage(t *testing.T) {
	m := newListModel()
	if q := m.query(); q != (authapi.ListUsersQuery{SortBy: "createdAt", SortDirection: "desc", Limit: pageSize}) {
		t.Fatalf("default query %+v", q)
	}
	m.offset = 50
	m.setSearch("  Ada ")
	m.setField("name")
	m.setSort("email")
	q := m.query()
	want := authapi.ListUsersQuery{SearchValue: "Ada", SearchField: "name", SortBy: "email", SortDirection: "asc", Limit: pageSize}
	if q != want {
		t.Fatalf("query %+v, want %+v (a new search starts at the first page)", q, want)
	}
	m.setField("role") // not a searchable field
	m.setSort("password")
	if q := m.query(); q.SearchField != "name" || q.SortBy != "email" {
		t.Fatalf("unknown field or sort changed the query: %+v", q)
	}
}

func TestPagingAndRange(t *testing.T) {
	m := newListModel()
	seq := m.start()
	m.done(seq, usersPage(0, 25, 60), nil)
	if m.rangeText() != "1–25 of 60" || m.hasPrev() || !m.hasNext() {
		t.Fatalf("first page: %q prev %v next %v", m.rangeText(), m.hasPrev(), m.hasNext())
	}
	if !m.next() || m.query().Offset != 25 {
		t.Fatalf("next: offset %d", m.query().Offset)
	}
	m.done(m.start(), usersPage(50, 10, 60), nil)
	if m.rangeText() != "51–60 of 60" || m.hasNext() || m.next() {
		t.Fatalf("last page: %q next %v", m.rangeText(), m.hasNext())
	}
	if !m.prev() || m.query().Offset != 25 {
		t.Fatalf("prev: offset %d", m.query().Offset)
	}
	m.done(m.start(), usersPage(0, 0, 0), nil)
	if m.rangeText() != "0 of 0" || m.emptyText() != "No users yet." {
		t.Fatalf("empty: %q %q", m.rangeText(), m.emptyText())
	}
	m.setSearch("zed")
	if m.emptyText() != "No user's email contains “zed”." {
		t.Fatalf("empty search: %q", m.emptyText())
	}
}

// Typing sends several requests; only the answer to the newest may show.
func TestOlderAnswersAreDropped(t *testing.T) {
	m := newListModel()
	first := m.start()
	second := m.start()
	if m.done(first, usersPage(0, 3, 3), nil) || m.loaded {
		t.Fatal("an older answer was taken")
	}
	if !m.done(second, usersPage(0, 1, 1), nil) || len(m.res.Users) != 1 || m.loading {
		t.Fatalf("the newest answer: %+v", m.res)
	}
	m.done(m.start(), api.ListUsersResponse{}, &api.Error{Code: api.CodeForbidden, Message: "Only admins may do this."})
	if m.alert != "Only admins may do this." || len(m.res.Users) != 1 {
		t.Fatalf("a failure must keep the rows and say why: %q %+v", m.alert, m.res)
	}
	m.done(m.start(), api.ListUsersResponse{}, errors.New("x"))
	if m.alert == "" || m.alert == "x" {
		t.Fatalf("developer text shown: %q", m.alert)
	}
}

func TestRowsDescribeUsers(t *testing.T) {
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	signedIn := now.Add(-3 * time.Hour)
	m := newListModel()
	m.done(m.start(), api.ListUsersResponse{Total: 2, Users: []api.AdminUser{
		{User: api.User{ID: "a", Name: "Ada Lovelace", Email: "ada@example.com", Role: api.RoleAdmin, TwoFactorEnabled: true,
			CreatedAt: time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)}, PasskeyCount: 2, LastSignInAt: &signedIn},
		{User: api.User{ID: "b&c", Email: "b@example.com", Banned: true}},
	}}, nil)
	rows := m.rows(now)
	a, b := rows[0], rows[1]
	if a.Initials != "AL" || !a.Admin || a.Role != "Admin" || !a.TwoFactor || a.Passkeys != "2" ||
		a.Created != "Mar 4, 2025" || a.LastSignIn != "3 hours ago" || a.Banned || a.Href != "/admin/user?id=a" {
		t.Fatalf("row a %+v", a)
	}
	if b.Name != "b@example.com" || b.Role != "User" || !b.Banned || b.LastSignIn != "—" || b.Href != "/admin/user?id=b%26c" {
		t.Fatalf("row b %+v", b)
	}
}
