// Package routes lists the client's pages and registers them with go-app. Both binaries call
// Register: the WASM client to route in the browser, the server to prerender the same pages (go-app
// answers 404 for a path not registered there).
package routes

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/admin"
	"spacerr/app/emaillink"
	"spacerr/app/home"
	"spacerr/app/passwordreset"
	"spacerr/app/settings"
	"spacerr/app/signin"
	"spacerr/app/signup"
	"spacerr/app/twofactor"
)

// pages maps each path to a factory of its page; go-app builds a fresh page per navigation.
var pages = []struct {
	path string
	page func() app.Composer
}{
	{"/", func() app.Composer { return &home.Page{} }},
	{"/sign-in", func() app.Composer { return &signin.Page{} }},
	{twofactor.ChallengePath, func() app.Composer { return &twofactor.Page{} }},
	{"/sign-up", func() app.Composer { return &signup.Page{} }},
	{"/settings", func() app.Composer { return &settings.Page{} }},
	{passwordreset.ForgotPath, func() app.Composer { return &passwordreset.ForgotPage{} }},
	{passwordreset.ResetPath, func() app.Composer { return &passwordreset.ResetPage{} }},
	{emaillink.MagicLinkPath, func() app.Composer { return &emaillink.MagicLinkPage{} }},
	{emaillink.VerifyEmailPath, func() app.Composer { return &emaillink.VerifyEmailPage{} }},
	{admin.Path, func() app.Composer { return &admin.ListPage{} }},
	{admin.UserPath, func() app.Composer { return &admin.UserPage{} }},
}

// Paths are the routed paths, in the order above. The server lists them for the service worker's
// cache so every page opens offline, not only /.
var Paths = paths()

func paths() []string {
	p := make([]string, len(pages))
	for i, pg := range pages {
		p[i] = pg.path
	}
	return p
}

// Register registers every page with go-app. Call it once, before app.RunWhenOnBrowser and before
// the server serves its first request.
func Register() {
	for _, pg := range pages {
		app.Route(pg.path, pg.page)
	}
}
