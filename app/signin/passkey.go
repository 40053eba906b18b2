package signin

import (
	"time"

	"spacerr/app/passkey"
)

// passkeyFlow is the state of signing in with a passkey, kept apart from the page so its rules are
// tested without a browser. Two kinds of request exist:
//
//   - a conditional request, started when the page opens, that waits quietly for the person to
//     pick a passkey in the email field's autofill;
//   - a modal request, started by the "Sign in with a passkey" button, which shows the browser's
//     dialog.
//
// Both use request options fetched ahead of time: Safari only shows the passkey dialog within the
// click's user activation, which awaiting a request first would use up. The options a waiting
// conditional request holds are not used until a credential is verified, so the button reuses them
// (after aborting that request); any other outcome fetches fresh ones, since the server consumes a
// ceremony when it verifies it.
//
// Every request gets an id; when a request ends, only the current one's outcome counts, so the end
// of an aborted conditional request is ignored. All methods run on the UI goroutine.
type passkeyFlow struct {
	options     passkey.Options // the next request's options; JSON is nil when there are none
	fetching    bool            // options are being fetched
	conditional int             // id of the waiting conditional request, 0 when none
	modal       int             // id of the button's request, 0 when none
	awaiting    bool            // the button's request waits for options being fetched
	verifying   bool            // a credential is being checked by the server
	wantQuiet   bool            // a conditional request should run once options are there
	lastID      int

	message string // what the last attempt ended with, or ""
	calm    bool   // message is a cancellation, not an error
}

// passkeyStart is a request to start, from the options given; id 0 means nothing to start.
type passkeyStart struct {
	id          int
	options     passkey.Options
	conditional bool
}

// passkeyEnd says what the page does after a request ended.
type passkeyEnd struct {
	signedIn      bool // go to the account
	signalUnknown bool // tell the passkey provider the credential is unknown here
	fetch         bool // fetch fresh options
}

// busy reports whether the button's request or a verification is running.
func (f *passkeyFlow) busy() bool { return f.modal != 0 || f.verifying }

// beginFetch reports whether the page should fetch options now; it says no while a fetch runs, so
// two ceremonies never race for the single ceremony cookie.
func (f *passkeyFlow) beginFetch() bool {
	if f.fetching {
		return false
	}
	f.fetching = true
	return true
}

// optionsFetched records fetched options (or the failure to get them). It starts the button's
// request if it was waiting for them, else a conditional request when one is wanted and the
// browser has conditional mediation.
func (f *passkeyFlow) optionsFetched(o passkey.Options, err error, now time.Time, conditionalOK bool) passkeyStart {
	f.fetching = false
	if err != nil {
		f.options = passkey.Options{}
		if f.awaiting {
			f.awaiting, f.modal = false, 0
			f.setMessage(err)
		}
		return passkeyStart{}
	}
	f.options = o
	if f.awaiting {
		f.awaiting = false
		s := passkeyStart{id: f.modal, options: f.options}
		f.options = f.options.Used()
		return s
	}
	return f.startConditional(now, conditionalOK)
}

// startConditional starts the quiet autofill request if one is wanted, none runs, the browser can
// do it and fresh options are at hand. It does not use the options up: the button may take them.
func (f *passkeyFlow) startConditional(now time.Time, conditionalOK bool) passkeyStart {
	if !f.wantQuiet || !conditionalOK || f.conditional != 0 || f.busy() || !f.options.Ready(now) {
		return passkeyStart{}
	}
	f.wantQuiet = false
	f.lastID++
	f.conditional = f.lastID
	return passkeyStart{id: f.conditional, options: f.options, conditional: true}
}

// click starts the button's request. The page must abort the conditional request first
// (browser.AbortConditional): it is no longer current. With fresh options at hand the request
// starts at once, inside the click; otherwise it waits for options, and fetch says whether the page
// must start fetching them.
func (f *passkeyFlow) click(now time.Time) (s passkeyStart, fetch bool) {
	if f.busy() {
		return passkeyStart{}, false
	}
	f.message, f.calm = "", false
	f.conditional = 0
	f.lastID++
	f.modal = f.lastID
	if f.options.Ready(now) {
		s = passkeyStart{id: f.modal, options: f.options}
		f.options = f.options.Used()
		return s, false
	}
	f.awaiting = true
	return passkeyStart{}, f.beginFetch()
}

// credentialReceived records that the browser gave request id a credential, which the server now
// checks. The options went into that check, so they cannot serve again. It reports whether id is
// current.
func (f *passkeyFlow) credentialReceived(id int) bool {
	if id == 0 || (id != f.conditional && id != f.modal) {
		return false
	}
	f.verifying = true
	if id == f.conditional {
		f.options = f.options.Used()
	}
	return true
}

// finished records the end of request id: cred is the credential the browser gave (nil if none)
// and err the first error (the browser's or the server's).
func (f *passkeyFlow) finished(id int, cred []byte, err error) passkeyEnd {
	wasModal := id != 0 && id == f.modal
	if id == 0 || (id != f.conditional && !wasModal) {
		return passkeyEnd{} // a request that was aborted or replaced
	}
	f.verifying = false
	if wasModal {
		f.modal = 0
	} else {
		f.conditional = 0
	}
	if err == nil {
		return passkeyEnd{signedIn: true}
	}
	// Quiet again after the dialog, and after a passkey picked from the autofill was refused, so
	// the autofill keeps offering passkeys. Not after a conditional request the browser refused by
	// itself: restarting it would loop.
	f.wantQuiet = wasModal || cred != nil
	if !passkey.Silent(err) && (wasModal || cred != nil || !passkey.Cancelled(err)) {
		f.setMessage(err)
	}
	f.options = passkey.Options{} // single-use: a fresh ceremony for the next attempt
	return passkeyEnd{signalUnknown: passkey.UnknownCredential(err) && cred != nil, fetch: true}
}

func (f *passkeyFlow) setMessage(err error) {
	f.message, f.calm = passkey.Message(err), passkey.Cancelled(err)
}
