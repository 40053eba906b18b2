package settings

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/browser"
	"spacerr/app/passkey"
	"spacerr/app/shell"
	"spacerr/app/stepup"
	"spacerr/shared/api"
)

// passkeysCard is the Passkeys card under the profile: the account's passkeys, a button to add one,
// and for each, rename in place and delete after a confirmation. It is a component of its own
// because it has its own life: it loads when it appears, which is when the page has the session.
//
// Adding uses creation options fetched when the card appears (and again after each attempt),
// because Safari shows the passkey dialog only within the click's user activation, which awaiting
// a request first would use up. Options older than passkey.MaxOptionsAge are fetched again in the
// click, which works everywhere but may need a second click in Safari.
type passkeysCard struct {
	app.Compo
	User    api.User // the signed-in person, set by the page
	Offline bool     // the page has no network: show the cache, send nothing (see offline.go)

	m          passkeysModel
	supported  bool               // the browser has WebAuthn
	attachment authapi.Attachment // where new passkeys go, once known
	register   passkey.Options    // creation options for the next add
	account    passkey.Options    // the latest creation options' rp id, user handle and names
	fetching   bool               // creation options are being fetched
	addWaits   bool               // the add button's click waits for them
	signalled  bool               // the provider was told the accepted list since the card opened

	// ctx is the card's own context, from OnMount. Handlers use it rather than their element's:
	// go-app drops a Dispatch or Defer whose element is gone, and a click here often replaces the
	// element clicked (Rename opens the editor in the button's place).
	ctx app.Context
}

// CompoID makes the card mount afresh when the page comes back online.
func (c *passkeysCard) CompoID() string { return compoID(c.Offline) }

// OnMount shows the cached status at once, loads the list and gets the add button ready. Offline it
// shows the cached list instead and sends nothing.
func (c *passkeysCard) OnMount(ctx app.Context) {
	c.ctx = ctx
	if st, ok := passkey.StatusFor(ctx.LocalStorage(), c.User.ID); ok {
		c.m.cached(st)
	}
	c.supported = browser.WebAuthnSupported()
	if c.Offline {
		if list, ok := passkeyListCache.For(ctx.LocalStorage(), c.User.ID); ok {
			c.m.listLoaded(fromCachedPasskeys(list), nil)
		} else {
			c.m.listLoaded(nil, &authapi.NetworkError{})
		}
		return
	}
	c.load(ctx)
	if c.supported {
		c.fetchOptions(ctx)
	}
}

// load asks for the list and the status side by side.
func (c *passkeysCard) load(ctx app.Context) {
	ctx.Async(func() {
		list, err := authapi.Default.ListPasskeys(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			c.m.listLoaded(list, err)
			if err == nil {
				c.saveStatus(ctx)
				c.signalOnce()
			}
		})
	})
	ctx.Async(func() {
		st, err := authapi.Default.GetPasskeyStatus(ctx)
		if err != nil {
			return // the list says enough; the cache keeps what it had
		}
		ctx.Dispatch(func(ctx app.Context) {
			c.m.statusLoaded(st)
			c.saveStatus(ctx)
		})
	})
}

func (c *passkeysCard) retry(app.Context, app.Event) {
	c.m.clearMessages()
	c.load(c.ctx)
}

// saveStatus caches the status and the list the card shows, once the server said them.
func (c *passkeysCard) saveStatus(ctx app.Context) {
	if c.m.loaded && c.m.statusKnown {
		passkey.SaveStatus(ctx.LocalStorage(), c.User.ID, c.m.status, time.Now())
	}
	if c.m.loaded {
		passkeyListCache.Save(ctx.LocalStorage(), c.User.ID, toCachedPasskeys(c.m.list), time.Now())
	}
}

// fetchOptions fetches creation options for the next add in the background. The first time it
// also picks where new passkeys go: the device's own authenticator when it has one that verifies
// the person, else a security key or a phone.
func (c *passkeysCard) fetchOptions(ctx app.Context) {
	if c.fetching {
		return
	}
	c.fetching = true
	attachment := c.attachment
	ctx.Async(func() {
		if attachment == authapi.AttachmentAny {
			attachment = authapi.AttachmentCrossPlatform
			if browser.PlatformAuthenticatorAvailable(ctx) {
				attachment = authapi.AttachmentPlatform
			}
		}
		opts, err := fetchRegisterOptions(ctx, attachment)
		ctx.Dispatch(func(ctx app.Context) {
			c.fetching, c.attachment = false, attachment
			if err == nil {
				c.register, c.account = opts, opts.Used()
				c.signalOnce()
			}
			if c.addWaits {
				c.addWaits = false
				c.runAdd(ctx, opts, err)
			}
		})
	})
}

func fetchRegisterOptions(ctx app.Context, attachment authapi.Attachment) (passkey.Options, error) {
	raw, err := authapi.Default.GeneratePasskeyRegisterOptions(ctx, attachment)
	if err != nil {
		return passkey.Options{}, err
	}
	return passkey.ParseOptions(raw, time.Now())
}

func (c *passkeysCard) add(app.Context, app.Event) {
	ctx := c.ctx
	if !c.m.startAdd() {
		return
	}
	if c.fetching {
		// Options are on their way; a second request would race the first for the ceremony cookie.
		c.addWaits = true
		return
	}
	opts := c.register
	c.register = passkey.Options{}
	c.runAdd(ctx, opts, nil)
}

// runAdd creates a passkey from opts (fetching options first when they are stale) and stores it.
// With fresh options the browser call is the goroutine's first step, inside the click.
func (c *passkeysCard) runAdd(ctx app.Context, opts passkey.Options, err error) {
	attachment := c.attachment
	ctx.Async(func() {
		// Adding needs a fresh session: the options request answers SESSION_NOT_FRESH otherwise, and
		// the step-up dialog asks before fetching them again (Safari may then need a second click).
		if (err == nil && !opts.Ready(time.Now())) || stepup.NotFresh(err) {
			err = stepup.Do(ctx, func() (err error) {
				opts, err = fetchRegisterOptions(ctx, attachment)
				return err
			})
		}
		var cred []byte
		if err == nil {
			cred, err = browser.CreateCredential(ctx, opts.JSON)
		}
		var pk api.Passkey
		if err == nil {
			pk, err = authapi.Default.VerifyPasskeyRegistration(ctx, cred, "")
		}
		ctx.Dispatch(func(ctx app.Context) {
			c.m.added(pk, err)
			if opts.UserID != "" {
				c.account = opts.Used()
			}
			if err == nil {
				c.saveStatus(ctx)
				c.signal()
			}
			// Each ceremony is single-use: the next add needs fresh options.
			c.register = passkey.Options{}
			c.fetchOptions(ctx)
		})
	})
}

func (c *passkeysCard) startRename(id string) app.EventHandler {
	return func(app.Context, app.Event) {
		if c.m.startRename(id) {
			c.focus(nameInputID(id))
		}
	}
}

func (c *passkeysCard) renameKey(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if shell.KeyName(e) == "Escape" {
			e.PreventDefault()
			c.cancelRename(id)(ctx, e)
		}
	}
}

func (c *passkeysCard) cancelRename(id string) app.EventHandler {
	return func(app.Context, app.Event) {
		c.m.cancelRename()
		c.focus(renameButtonID(id))
	}
}

// saveRename sends the new name; the rename form's submit, so Enter saves.
func (c *passkeysCard) saveRename(id string) app.EventHandler {
	return func(_ app.Context, e app.Event) {
		e.PreventDefault()
		req, ok := c.m.saveRename()
		if !ok {
			if c.m.editing == "" {
				c.focus(renameButtonID(id)) // unchanged: just closed
			} else {
				c.focus(nameInputID(id))
			}
			return
		}
		ctx := c.ctx
		ctx.Async(func() {
			pk, err := authapi.Default.UpdatePasskey(ctx, req)
			ctx.Dispatch(func(app.Context) {
				c.m.renamed(id, pk, err)
				if err != nil {
					c.focus(nameInputID(id))
					return
				}
				c.focus(renameButtonID(id))
				c.saveStatus(c.ctx)
				c.signal()
			})
		})
	}
}

func (c *passkeysCard) askDelete(id string) app.EventHandler {
	return func(app.Context, app.Event) {
		if c.m.askDelete(id) {
			c.focus(cancelDeleteID(id)) // the harmless choice
		}
	}
}

func (c *passkeysCard) cancelDelete(id string) app.EventHandler {
	return func(app.Context, app.Event) {
		c.m.cancelDelete()
		c.focus(deleteButtonID(id))
	}
}

func (c *passkeysCard) confirmDelete(id string) app.EventHandler {
	return func(app.Context, app.Event) {
		if !c.m.startDelete(id) {
			return
		}
		ctx := c.ctx
		ctx.Async(func() {
			err := stepup.Do(ctx, func() error { return authapi.Default.DeletePasskey(ctx, id) })
			ctx.Dispatch(func(ctx app.Context) {
				c.m.deleted(id, err)
				if err != nil {
					c.focus(deleteButtonID(id))
					return
				}
				c.saveStatus(ctx)
				c.signal()
				if c.supported {
					c.focus("add-passkey")
				}
			})
		})
	}
}

// focus moves focus to the element with id once the card is drawn again.
func (c *passkeysCard) focus(id string) { shell.FocusAfterRender(c.ctx, id) }

// signal tells the passkey provider, where the browser has the Signal API, which passkeys the
// server accepts and the account's current names. It needs creation options (for the rp id and
// user handle); without them it does nothing.
func (c *passkeysCard) signal() {
	if c.account.UserID == "" {
		return
	}
	passkey.SignalAccepted(c.account, c.m.list, c.m.complete())
	passkey.SignalUserDetails(c.account)
	c.signalled = true
}

// signalOnce signals when the card opened, once both the list and the options are there, so
// passkeys deleted elsewhere stop being offered.
func (c *passkeysCard) signalOnce() {
	if !c.signalled && c.m.loaded {
		c.signal()
	}
}

// The card's element ids, which the browser tests use.
func itemID(id string) string          { return "passkey-" + id }
func nameInputID(id string) string     { return "passkey-name-" + id }
func renameButtonID(id string) string  { return "rename-passkey-" + id }
func deleteButtonID(id string) string  { return "delete-passkey-" + id }
func confirmDeleteID(id string) string { return "confirm-delete-" + id }
func cancelDeleteID(id string) string  { return "cancel-delete-" + id }

// Render draws the card.
func (c *passkeysCard) Render() app.UI {
	m := c.m
	return app.Section().ID("passkeys").Class("card", "passkeys-card").Aria("labelledby", "passkeys-heading").Body(
		app.Div().Class("card-header", "card-header-row").Body(
			app.Div().Class("card-heading").Body(
				app.H2().ID("passkeys-heading").Class("card-title").Text("Passkeys"),
				app.P().Class("card-subtitle").Text(m.summary()),
				offlineNote(c.Offline),
			),
			app.If(c.supported, c.addButton),
		),
		app.Div().Class("passkeys-messages").Body(
			app.Div().Class("form-alert").Body(
				app.If(m.alert != "", func() app.UI {
					if m.calm {
						return shell.Notice("passkey-error", m.alert)
					}
					var retry app.UI
					if !m.loaded {
						retry = app.Button().Type("button").Class("link-button").OnClick(c.retry).Text("Try again")
					}
					return shell.AlertID("passkey-error", m.alert, retry)
				}),
			),
			shell.StatusLine("passkey-status", m.notice),
		),
		c.body(),
	)
}

func (c *passkeysCard) addButton() app.UI {
	btn := app.Button().Type("button").ID("add-passkey").Class("btn", "btn-secondary", "btn-sm").OnClick(c.add)
	if c.m.busy == busyAdd {
		return btn.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Adding…"))
	}
	return btn.Body(app.Span().Class("btn-plus").Aria("hidden", "true").Text("+"), app.Span().Text("Add a passkey"))
}

func (c *passkeysCard) body() app.UI {
	m := c.m
	switch {
	case !m.loaded && m.alert != "" && !m.calm:
		return app.Div().Class("passkeys-empty").Body(
			app.P().Class("muted").Text("Your passkeys can't be shown right now."),
		)
	case !m.loaded:
		rows := make([]int, m.skeletonRows())
		return app.Div().Role("list").Class("passkey-list", "is-loading").Aria("busy", "true").Body(
			app.Range(rows).Slice(func(int) app.UI {
				return app.Div().Role("listitem").Class("passkey-item").Body(
					app.Span().Class("passkey-badge-icon", "skeleton"),
					app.Div().Class("passkey-main").Body(
						app.Span().Class("skeleton", "skeleton-line"),
						app.Span().Class("skeleton", "skeleton-line", "skeleton-short"),
					),
				)
			}),
		)
	case len(m.list) == 0:
		return app.Div().Class("passkeys-empty").Body(
			app.Span().Class("passkeys-empty-icon").Body(shell.PasskeyIcon()),
			app.P().Class("passkeys-empty-text").Text(
				"Passkeys let you sign in with your fingerprint, face or screen lock instead of a password, and they can't be phished."),
			app.If(!c.supported, func() app.UI {
				return app.P().Class("muted").Text("This browser can't create passkeys. Open Spacerr in a recent browser to add one.")
			}),
		)
	}
	// A div with list roles rather than ul/li: the same to assistive technology, and go-app's ul and
	// li element types would add about 10 KB (brotli) to app.wasm for this one list.
	return app.Div().ID("passkey-list").Role("list").Class("passkey-list").Body(
		app.Range(m.list).Slice(func(i int) app.UI { return c.item(m.list[i]) }),
	)
}

// item is one passkey's row.
func (c *passkeysCard) item(p api.Passkey) app.UI {
	m := c.m
	editing := m.editing == p.ID
	confirming := m.confirming == p.ID
	busy := m.busy == p.ID

	meta := []app.UI{
		app.Span().Body(app.Text("Added "), app.Time().Attr("datetime", isoDay(p.CreatedAt)).Text(day(p.CreatedAt))),
	}
	if p.LastUsedAt != nil && !p.LastUsedAt.IsZero() {
		meta = append(meta, app.Span().Body(app.Text("Last used "), app.Time().Attr("datetime", isoDay(*p.LastUsedAt)).Text(day(*p.LastUsedAt))))
	} else {
		meta = append(meta, app.Span().Text("Never used"))
	}
	if p.AuthenticatorName != "" && p.AuthenticatorName != p.Name {
		meta = append(meta, app.Span().Text(p.AuthenticatorName))
	}

	var main app.UI
	if editing {
		main = c.renameForm(p, busy)
	} else {
		main = app.Div().Class("passkey-title").Body(
			app.P().Class("passkey-name").Text(p.Name),
			kindBadge(p),
		)
	}

	return app.Div().ID(itemID(p.ID)).Role("listitem").Class("passkey-item").Body(
		app.Span().Class("passkey-badge-icon").Body(shell.PasskeyIcon()),
		app.Div().Class("passkey-main").Body(
			main,
			app.P().Class("passkey-meta").Body(
				app.Range(meta).Slice(func(i int) app.UI { return meta[i] }),
			),
			app.If(confirming, func() app.UI { return c.confirmation(p, busy) }),
		),
		app.If(!editing && !confirming, func() app.UI {
			return app.Div().Class("passkey-actions").Body(
				app.Button().Type("button").ID(renameButtonID(p.ID)).Class("btn", "btn-ghost", "btn-sm").
					OnClick(c.startRename(p.ID)).Body(
					app.Text("Rename"),
					app.Span().Class("visually-hidden").Text(" "+p.Name),
				),
				app.Button().Type("button").ID(deleteButtonID(p.ID)).Class("btn", "btn-ghost", "btn-ghost-danger", "btn-sm").
					OnClick(c.askDelete(p.ID)).Body(
					app.Text("Delete"),
					app.Span().Class("visually-hidden").Text(" "+p.Name),
				),
			)
		}),
	)
}

// kindBadge says whether the passkey is synced by a passkey manager or bound to one device.
func kindBadge(p api.Passkey) app.UI {
	kind := passkeyKind(p)
	class := "badge-device"
	if kind == "Synced" {
		class = "badge-synced"
	}
	return app.Span().Class("badge", class).Text(kind)
}

// renameForm is the inline editor: Enter saves (it is a form), Escape cancels.
func (c *passkeysCard) renameForm(p api.Passkey, busy bool) app.UI {
	m := c.m
	input := app.Input().ID(nameInputID(p.ID)).Name("name").Class("input", "input-sm").Type("text").
		Value(m.draft).MaxLength(api.MaxPasskeyNameChars).Attr("autocomplete", "off").
		Required(true).OnInput(c.editDraft).OnKeyDown(c.renameKey(p.ID))
	if m.draftError != "" {
		input = input.Aria("invalid", "true").Aria("describedby", nameInputID(p.ID)+"-error")
	}
	save := app.Button().Type("submit").Class("btn", "btn-primary", "btn-sm")
	if busy {
		save = save.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Saving…"))
	} else {
		save = save.Text("Save")
	}
	return app.Form().Class("passkey-rename").NoValidate(true).OnSubmit(c.saveRename(p.ID)).Body(
		app.Label().Class("visually-hidden").For(nameInputID(p.ID)).Text("Passkey name"),
		app.Div().Class("passkey-rename-row").Body(
			input,
			save,
			app.Button().Type("button").Class("btn", "btn-secondary", "btn-sm").OnClick(c.cancelRename(p.ID)).Text("Cancel"),
		),
		app.If(m.draftError != "", func() app.UI {
			return app.P().ID(nameInputID(p.ID)+"-error").Class("field-error").Body(
				app.Span().Class("field-error-icon").Aria("hidden", "true").Text("!"),
				app.Span().Text(m.draftError),
			)
		}),
	)
}

func (c *passkeysCard) editDraft(ctx app.Context, e app.Event) {
	c.ValueTo(&c.m.draft)(ctx, e)
	c.m.draftError = ""
}

// confirmation asks before deleting, in the page rather than with window.confirm, which some
// browsers suppress and which cannot say what deleting means.
func (c *passkeysCard) confirmation(p api.Passkey, busy bool) app.UI {
	text := "Delete this passkey? You won't be able to sign in with it anymore."
	if c.m.lastWayIn(p.ID) {
		text = "This passkey is your only way to sign in. Add another passkey first, or it can't be deleted."
	}
	confirm := app.Button().Type("button").ID(confirmDeleteID(p.ID)).Class("btn", "btn-danger", "btn-sm").OnClick(c.confirmDelete(p.ID))
	if busy {
		confirm = confirm.Class("is-busy").Aria("disabled", "true").Body(shell.Spinner(), app.Span().Text("Deleting…"))
	} else {
		confirm = confirm.Text("Delete passkey")
	}
	return app.Div().Class("passkey-confirm").Role("group").Aria("label", "Delete "+p.Name).Body(
		app.P().Class("passkey-confirm-text").Text(text),
		app.Div().Class("passkey-confirm-actions").Body(
			confirm,
			app.Button().Type("button").ID(cancelDeleteID(p.ID)).Class("btn", "btn-secondary", "btn-sm").
				OnClick(c.cancelDelete(p.ID)).Text("Cancel"),
		),
	)
}
