package settings

import (
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/browser"
	"spacerr/app/offline"
	"spacerr/app/shell"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

// status is where the page is in loading the session.
type status int

const (
	loading status = iota // also what the server prerenders
	ready
	failed
)

// Page is the /settings page.
type Page struct {
	app.Compo
	status     status
	problem    string // why loading failed
	user       api.User
	signingOut bool
	signOutErr string

	// offline is set when the page shows what this device cached because get-session got no answer;
	// every card gets it as its Offline field (see offline.go). savedAt is when the cache was written.
	offline   bool
	savedAt   time.Time
	stopWatch func()
	// linkDown is set when the browser goes offline while the page shows the server's answer (from
	// loadedAt). The page stays as it is, so nothing being typed is lost, and says so (linkDownBanner).
	linkDown bool
	loadedAt time.Time
}

// OnNav sets the title; it runs on the server too, so it must not call the API.
func (p *Page) OnNav(ctx app.Context) { ctx.Page().SetTitle(shell.Title("Settings")) }

// OnMount loads the session and follows the browser going offline and online; it only runs in the
// browser.
func (p *Page) OnMount(ctx app.Context) {
	p.stopWatch = browser.WatchConnectivity(func(online bool) {
		ctx.Dispatch(func(ctx app.Context) { p.connectivityChanged(ctx, online) })
	})
	p.load(ctx)
}

// OnDismount stops following the connectivity.
func (p *Page) OnDismount() {
	if p.stopWatch != nil {
		p.stopWatch()
	}
}

// connectivityChanged refreshes the page by itself when the browser is back online. Going offline
// while the page is up only adds a notice: switching to the cached page would remount the cards and
// throw away what the person was typing; a request sent then says it can't reach the server.
func (p *Page) connectivityChanged(ctx app.Context, online bool) {
	p.linkDown = !online && !p.offline && p.status == ready
	if online && (p.offline || p.status == failed) {
		p.load(ctx)
	}
}

func (p *Page) load(ctx app.Context) {
	if !p.offline {
		p.status = loading // an offline page stays on screen while it tries again
	}
	if !browser.Online() {
		p.showOffline(ctx)
		return
	}
	ctx.Async(func() {
		s, err := authapi.Default.GetSession(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			var netErr *authapi.NetworkError
			switch {
			case errors.As(err, &netErr):
				// No answer at all is the network, not the server: show what this device saved.
				p.showOffline(ctx)
			case err != nil:
				p.status, p.problem, p.offline = failed, authapi.Message(err), false
			case s == nil:
				// The session ended (expired, or signed out elsewhere): what was cached for it must not
				// be shown offline to whoever uses this browser next.
				offline.ClearAll(ctx.LocalStorage())
				shell.Redirect(ctx, "/sign-in")
			default:
				ls := ctx.LocalStorage()
				// Another person's cached account goes before anything of this one's is written.
				offline.Claim(ls, s.User.ID)
				offline.ProfileCache.Save(ls, s.User.ID, offline.ProfileOf(s.User), time.Now())
				p.status, p.user, p.offline = ready, s.User, false
				p.loadedAt, p.linkDown = time.Now(), !browser.Online()
			}
		})
	})
}

// showOffline draws the page from the cached profile, or says why it cannot.
func (p *Page) showOffline(ctx app.Context) {
	e, ok := offline.ProfileCache.Load(ctx.LocalStorage())
	if !ok {
		p.status, p.offline = failed, false
		p.problem = "You're offline, and this device has no saved copy of your account. Connect to see your settings."
		return
	}
	p.status, p.user, p.offline, p.savedAt = ready, e.Status.User(e.UserID), true, e.SavedAt
}

func (p *Page) retry(ctx app.Context, e app.Event) { p.load(ctx) }

func (p *Page) signOut(ctx app.Context, e app.Event) {
	if p.signingOut || p.offline {
		return
	}
	p.signingOut, p.signOutErr = true, ""
	ctx.Async(func() {
		err := authapi.Default.SignOut(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.signingOut, p.signOutErr = false, authapi.Message(err)
				return
			}
			// Everything cached about the account leaves with it.
			offline.ClearAll(ctx.LocalStorage())
			shell.Redirect(ctx, "/sign-in")
		})
	})
}

// Render draws the page for its status.
func (p *Page) Render() app.UI {
	var body app.UI
	switch p.status {
	case failed:
		body = shell.Problem("We couldn't load your account", p.problem, p.retry)
	case ready:
		// A fieldset, so that offline one attribute disables every button and field of every card.
		cards := app.FieldSet().Class("stack", "settings-cards")
		if p.offline {
			cards = cards.Disabled(true).Aria("describedby", idOfflineReason)
		}
		body = cards.Body(
			p.profile(),
			&passkeysCard{User: p.user, Offline: p.offline},
			&connectedCard{User: p.user, Offline: p.offline},
			&securityCards{User: p.user, Offline: p.offline},
			&sessionsCard{User: p.user, Offline: p.offline},
			&activityCard{User: p.user, Offline: p.offline},
			&stepup.Dialog{},
		)
	default:
		body = skeleton()
	}
	return shell.Frame(app.Div().Class("container").Body(
		app.Div().Class("page-head").Body(
			app.H1().Class("page-title").Text("Account settings"),
			app.P().Class("page-lead").Text("Manage your profile and how you sign in."),
		),
		// Always there, empty or not: a banner that came and went as a sibling of body would shift it,
		// and go-app would mount the cards afresh, losing what was being typed.
		app.Div().Class("page-notices").Body(
			app.If(p.offline && p.status == ready, p.offlineBanner).
				ElseIf(p.linkDown && p.status == ready, p.linkDownBanner),
		),
		body,
	))
}

// profile is the card with the person's name, email and membership, and the sign-out button.
func (p *Page) profile() app.UI {
	u := p.user
	signOut := app.Button().Type("button").Class("btn", "btn-secondary").OnClick(p.signOut)
	if p.signingOut {
		// aria-disabled rather than disabled keeps keyboard focus on the button; signOut ignores
		// clicks while a request runs.
		signOut = signOut.Class("is-busy").Aria("disabled", "true").Body(
			shell.Spinner(),
			app.Span().Text("Signing out…"),
		)
	} else {
		signOut = signOut.Text("Sign out")
	}

	return app.Section().Class("card", "profile-card").Aria("labelledby", "profile-heading").Body(
		app.Div().Class("card-header").Body(
			app.H2().ID("profile-heading").Class("card-title").Text("Profile"),
		),
		app.Div().Class("profile").Body(
			app.Div().Class("avatar").Aria("hidden", "true").Text(initials(u.Name, u.Email)),
			app.Div().Class("profile-text").Body(
				app.P().Class("profile-name").Text(u.Name),
				app.P().Class("profile-email").Text(u.Email),
				app.P().Class("profile-meta").Body(
					app.Text("Member since "),
					app.Time().Attr("datetime", u.CreatedAt.Format("2006-01-02")).Text(memberSince(u.CreatedAt)),
				),
			),
		),
		app.If(!u.EmailVerified, func() app.UI { return &emailVerification{Email: u.Email} }),
		app.Div().Class("card-footer").Body(
			app.Div().Class("card-footer-text").Body(
				app.If(p.signOutErr != "", func() app.UI {
					return shell.Alert(p.signOutErr)
				}).ElseIf(p.offline, func() app.UI {
					return app.P().Class("offline-note").Text(offlineReason)
				}).Else(func() app.UI {
					return app.P().Class("muted").Text("You're signed in on this device.")
				}),
			),
			signOut,
		),
	)
}

// skeleton stands in for the profile card while the session loads.
func skeleton() app.UI {
	return app.Section().Class("card", "profile-card", "is-loading").Aria("busy", "true").Body(
		app.Div().Class("card-header").Body(
			app.Span().Class("skeleton", "skeleton-title"),
		),
		app.Div().Class("profile").Body(
			app.Div().Class("avatar", "skeleton"),
			app.Div().Class("profile-text").Body(
				app.Span().Class("skeleton", "skeleton-line"),
				app.Span().Class("skeleton", "skeleton-line", "skeleton-short"),
			),
		),
		app.P().Class("visually-hidden").Role("status").Text("Loading your account…"),
	)
}

// offlineBanner says the page is the device's saved copy, from when, and that it refreshes itself.
// Its reason line is what the disabled cards point to (idOfflineReason).
func (p *Page) offlineBanner() app.UI {
	return offlineNotice("offline-banner", savedAtLabel(p.savedAt), idOfflineReason,
		"Changes need a connection. This page refreshes by itself when you're back online.")
}

// linkDownBanner says the browser went offline while the page was up: what it shows is the server's
// answer from loadedAt, and changes wait for the connection.
func (p *Page) linkDownBanner() app.UI {
	return offlineNotice("link-down-banner", loadedAtLabel(p.loadedAt), "",
		"Changes need a connection. This page carries on when you're back online.")
}

// offlineNotice is the banner of both: a title and a reason line, which has reasonID when set.
func offlineNotice(id, title, reasonID, reason string) app.UI {
	reasonLine := app.P().Class("offline-banner-reason").Text(reason)
	if reasonID != "" {
		reasonLine = reasonLine.ID(reasonID)
	}
	return app.Div().ID(id).Class("offline-banner").Role("status").Body(
		app.Span().Class("offline-banner-icon").Aria("hidden", "true"),
		app.Div().Class("offline-banner-text").Body(
			app.P().Class("offline-banner-title").Text(title),
			reasonLine,
		),
	)
}
