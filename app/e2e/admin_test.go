//go:build !js

package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"spacerr/app/routes"
	"spacerr/server/config"
	"spacerr/server/servertest"
)

const adminEmail = "grace@example.com"

// startWithAdmin runs a server on which adminEmail is an admin from sign-up on (ADMIN_EMAILS).
func startWithAdmin(t *testing.T) *servertest.Env {
	t.Helper()
	return servertest.Start(t, servertest.Setup{WebDir: WebDir(t), Pages: routes.Paths, Config: func(c *config.Config) {
		c.AdminEmails = []string{adminEmail}
	}})
}

// openAdminUser opens the admin's page of the user with email, found by searching the users table.
func openAdminUser(b *Browser, email string) {
	b.t.Helper()
	b.Visit("/admin")
	b.WaitVisible("#user-table")
	b.Fill("#user-search", email)
	b.waitFor("the table to list only "+email,
		`(email) => { const rows = document.querySelectorAll("#user-table .admin-tbody [role=row]"); return rows.length === 1 && rows[0].innerText.includes(email) }`, email)
	b.click("the user's link", `() => document.querySelector("#user-table .admin-tbody [role=row] a")`)
	b.WaitURL("/admin/user")
	b.WaitText("#admin-user", email)
}

// An admin bans a user who is signed in elsewhere, with a reason: the user's next step lands on the
// sign-in page, and signing in again tells them why.
func TestAdminBansASignedInUser(t *testing.T) {
	env := startWithAdmin(t)
	// Both browsers first: each starts its screenshot numbering by clearing the test's folder.
	ada := NewBrowser(t, env.URL)
	admin := NewBrowser(t, env.URL)
	signUpWithPassword(ada, "Ada Lovelace", "ada@example.com")
	ada.WaitVisible("#activity")
	ada.WaitText("#activity-list", "Signed in")
	ada.Shot("ada-recent-activity")
	ada.Visit("/admin")
	ada.WaitText("#admin-no-access", "You don't have access")
	ada.WaitGone("#user-table")
	ada.Shot("ada-no-access")

	signUpWithPassword(admin, "Grace Hopper", adminEmail)
	admin.WaitVisible("#admin-link")
	admin.Click("#admin-link")
	admin.WaitURL("/admin")
	admin.WaitText("#users-range", "1–2 of 2")
	admin.Shot("users")

	openAdminUser(admin, "ada@example.com")
	admin.WaitText("#admin-sessions", "Sign out")
	admin.Shot("user-page")
	admin.Click("#admin-ban")
	admin.WaitFocused("#admin-ban-first")
	admin.Fill("#admin-ban-first", "Spamming the forum")
	admin.Run("ban for 7 days", chromedp.SetValue("#admin-ban-for", "7d", chromedp.ByQuery))
	admin.Run("tell the page", chromedp.Evaluate(`document.querySelector("#admin-ban-for").dispatchEvent(new Event("change", {bubbles: true}))`, nil))
	admin.Shot("ban-form")
	// The admin signed in long enough ago that banning asks them to confirm it's them, in place.
	env.Clock.Advance(16 * time.Minute)
	admin.Click("#admin-confirm-ban")
	admin.WaitVisible("#stepup-password")
	admin.Fill("#stepup-password", storyPassword)
	admin.Click("#stepup-confirm")
	admin.WaitGone("#stepup-password")
	admin.WaitVisible("#admin-ban-state")
	admin.WaitText("#admin-ban-state", "Spamming the forum")
	admin.WaitVisible("#admin-no-sessions")
	admin.Shot("banned")

	ada.Visit("/settings")
	ada.WaitURL("/sign-in")
	signInWithPassword(ada, "ada@example.com", storyPassword)
	ada.WaitText("main", "Spamming the forum")
	ada.Shot("ada-ban-reason-at-sign-in")
}

// An admin views the app as a user: every page shows whose account it is, and Stop brings the admin
// back, as themself, to that user's admin page. The users page also works at a phone's width.
func TestAdminImpersonatesAUser(t *testing.T) {
	env := startWithAdmin(t)
	charles := NewBrowser(t, env.URL)
	admin := NewBrowser(t, env.URL)
	signUpWithPassword(charles, "Charles Babbage", "charles@example.com")
	env.Clock.Advance(time.Minute) // so that newest first and by email differ

	signUpWithPassword(admin, "Grace Hopper", adminEmail)
	admin.Run("narrow the window to a phone's", chromedp.EmulateViewport(375, 812))
	admin.Visit("/admin")
	admin.WaitVisible("#user-table")
	admin.WaitText("#users-range", "1–2 of 2")
	admin.waitFor("Grace first, the newest",
		`() => document.querySelector("#user-table .admin-tbody [role=row]")?.innerText.includes("grace@example.com")`)
	admin.Shot("users-phone")
	admin.Run("sort by email", chromedp.SetValue("#user-sort", "email", chromedp.ByQuery))
	admin.Run("tell the page", chromedp.Evaluate(`document.querySelector("#user-sort").dispatchEvent(new Event("change", {bubbles: true}))`, nil))
	admin.waitFor("Charles first, by email",
		`() => document.querySelector("#user-table .admin-tbody [role=row]")?.innerText.includes("charles@example.com")`)
	var overflow bool
	admin.Run("measure the page", chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth`, &overflow))
	if overflow {
		t.Error("the users page scrolls sideways at 375 px")
	}
	openAdminUser(admin, "charles@example.com")
	admin.Shot("user-page-phone")
	admin.Run("widen the window again", chromedp.EmulateViewport(1280, 900))

	admin.Click("#admin-impersonate")
	admin.Click("#admin-confirm-impersonate")
	admin.WaitURL("/settings")
	admin.WaitText("#impersonation-banner", "Viewing as Charles Babbage")
	admin.WaitText(".profile-email", "charles@example.com")
	admin.WaitText("#activity-list", "Signed in")
	admin.Shot("viewing-as")

	admin.Click("#stop-impersonating")
	admin.WaitURL("/admin/user")
	admin.WaitText("#admin-user", "charles@example.com")
	admin.WaitGone("#impersonation-banner")
	admin.WaitVisible("#admin-link")
	admin.WaitText("#admin-events", "Impersonation ended")
	admin.Shot("back-as-admin")

	admin.Visit("/settings")
	admin.WaitText(".profile-email", adminEmail)

	// A user created by the admin, without a password, opens on their own page.
	admin.Visit("/admin")
	admin.Click("#create-user")
	admin.WaitFocused("#name")
	admin.Fill("#name", "Lord Byron")
	admin.Fill("#email", "byron@example.com")
	admin.Shot("create-user")
	admin.ClickButton("Create user")
	admin.WaitURL("/admin/user")
	admin.WaitText("#admin-user", "byron@example.com")
	admin.WaitText("#admin-methods", "Not set")
}
