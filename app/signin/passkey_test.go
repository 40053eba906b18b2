package signin

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/browser"
	"spacerr/app/passkey"
	"spacerr/shared/api"
)

var now = time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)

func options(t *testing.T, at time.Time) passkey.Options {
	t.Helper()
	o, err := passkey.ParseOptions([]byte(`{"challenge":"AAEC","rpId":"localhost","allowCredentials":[]}`), at)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

var (
	errCancelled = &browser.CeremonyError{Kind: browser.ErrCancelled, Name: "NotAllowedError"}
	errAborted   = &browser.CeremonyError{Kind: browser.ErrAborted, Name: "AbortError"}
	errUnknown   = api.Errorf(api.CodePasskeyNotFound, "Passkey not found.")
)

// mounted is the flow after the page opened in a browser with conditional mediation and the
// options arrived: the autofill request waits.
func mounted(t *testing.T) (*passkeyFlow, passkeyStart) {
	t.Helper()
	f := &passkeyFlow{wantQuiet: true}
	if !f.beginFetch() {
		t.Fatal("first fetch refused")
	}
	if f.beginFetch() {
		t.Fatal("a second fetch may not start while one runs")
	}
	s := f.optionsFetched(options(t, now), nil, now, true)
	if s.id == 0 || !s.conditional || s.options.JSON == nil {
		t.Fatalf("no conditional request started: %+v", s)
	}
	if !f.options.Ready(now) {
		t.Fatal("the conditional request used the options up; the button needs them")
	}
	return f, s
}

func TestConditionalWaitsForOptionsAndAvailability(t *testing.T) {
	f := &passkeyFlow{wantQuiet: true}
	// Availability known first, options not there yet: nothing to start.
	if s := f.startConditional(now, true); s.id != 0 {
		t.Fatalf("started without options: %+v", s)
	}
	f.beginFetch()
	// Options arrive but the browser cannot do conditional mediation.
	if s := f.optionsFetched(options(t, now), nil, now, false); s.id != 0 {
		t.Fatalf("started without conditional mediation: %+v", s)
	}
	// Availability answer comes after the options.
	s := f.startConditional(now, true)
	if s.id == 0 || !s.conditional {
		t.Fatalf("no conditional request: %+v", s)
	}
	if again := f.startConditional(now, true); again.id != 0 {
		t.Fatal("a second conditional request started")
	}
}

func TestButtonReusesOptionsOfAbortedConditionalRequest(t *testing.T) {
	f, quiet := mounted(t)
	s, fetch := f.click(now.Add(time.Minute))
	if fetch || s.id == 0 || s.conditional || string(s.options.JSON) != string(quiet.options.JSON) {
		t.Fatalf("click = %+v, fetch %v; want the prefetched options at once", s, fetch)
	}
	if !f.busy() {
		t.Error("not busy during the dialog")
	}
	if f.options.Ready(now) {
		t.Error("options still ready after the dialog took them")
	}
	// The aborted conditional request ends: ignored.
	if end := f.finished(quiet.id, nil, errAborted); end != (passkeyEnd{}) || !f.busy() || f.message != "" {
		t.Fatalf("aborted request's end = %+v (busy %v, message %q)", end, f.busy(), f.message)
	}
	// A second click while the dialog is open does nothing.
	if s2, fetch := f.click(now); s2.id != 0 || fetch {
		t.Fatal("second click started another request")
	}
	if !f.credentialReceived(s.id) || !f.verifying {
		t.Fatal("credential of the dialog's request not recorded")
	}
	if end := f.finished(s.id, []byte(`{"id":"q80"}`), nil); !end.signedIn {
		t.Fatalf("end = %+v, want signed in", end)
	}
}

func TestButtonWithStaleOptionsWaitsForFreshOnes(t *testing.T) {
	f, _ := mounted(t)
	later := now.Add(passkey.MaxOptionsAge + time.Second)
	s, fetch := f.click(later)
	if s.id != 0 || !fetch || !f.busy() {
		t.Fatalf("click = %+v, fetch %v; want a fetch first", s, fetch)
	}
	s = f.optionsFetched(options(t, later), nil, later, true)
	if s.id == 0 || s.conditional {
		t.Fatalf("fetched options did not start the dialog's request: %+v", s)
	}
	if f.options.Ready(later) {
		t.Error("the dialog's options are still offered")
	}
}

func TestButtonWhileOptionsAreFetchedDoesNotFetchTwice(t *testing.T) {
	f := &passkeyFlow{wantQuiet: true}
	f.beginFetch() // the page's prefetch
	s, fetch := f.click(now)
	if s.id != 0 || fetch {
		t.Fatalf("click = %+v, fetch %v; want to wait for the running fetch", s, fetch)
	}
	s = f.optionsFetched(options(t, now), nil, now, true)
	if s.id == 0 || s.conditional {
		t.Fatalf("the dialog did not start when the options came: %+v", s)
	}
}

func TestFailedOptionsFetchEndsTheWaitingButton(t *testing.T) {
	f := &passkeyFlow{}
	f.click(now)
	s := f.optionsFetched(passkey.Options{}, &authapi.NetworkError{Err: errors.New("offline")}, now, true)
	if s.id != 0 || f.busy() {
		t.Fatalf("start = %+v, busy %v", s, f.busy())
	}
	if f.message != "Can't reach the server. Check your connection." || f.calm {
		t.Errorf("message = %q (calm %v)", f.message, f.calm)
	}
}

func TestCancelledDialogIsCalmAndRefetches(t *testing.T) {
	f, _ := mounted(t)
	s, _ := f.click(now)
	end := f.finished(s.id, nil, errCancelled)
	if !end.fetch || end.signalUnknown || end.signedIn {
		t.Fatalf("end = %+v", end)
	}
	if f.message != "The passkey request was cancelled or timed out." || !f.calm || f.busy() {
		t.Errorf("message = %q calm=%v busy=%v", f.message, f.calm, f.busy())
	}
	// Fresh options restart the autofill request, which the dialog replaced.
	if s := f.optionsFetched(options(t, now), nil, now, true); s.id == 0 || !s.conditional {
		t.Fatalf("autofill not restarted: %+v", s)
	}
	// A new click clears the message.
	f.click(now)
	if f.message != "" {
		t.Errorf("message %q survives a new attempt", f.message)
	}
}

func TestUnknownPasskeyFromAutofill(t *testing.T) {
	f, quiet := mounted(t)
	cred := []byte(`{"id":"q80"}`)
	if !f.credentialReceived(quiet.id) {
		t.Fatal("autofill credential not current")
	}
	if f.options.Ready(now) {
		t.Error("options sent to the server are still offered to the button")
	}
	end := f.finished(quiet.id, cred, errUnknown)
	if !end.signalUnknown || !end.fetch {
		t.Fatalf("end = %+v", end)
	}
	if f.message != "This passkey isn't registered with us anymore." || f.calm {
		t.Errorf("message = %q calm=%v", f.message, f.calm)
	}
	// The autofill offers passkeys again once fresh options came.
	if s := f.optionsFetched(options(t, now), nil, now, true); !s.conditional {
		t.Fatalf("autofill not restarted: %+v", s)
	}
}

func TestRefusedConditionalRequestIsNotRestarted(t *testing.T) {
	f, quiet := mounted(t)
	end := f.finished(quiet.id, nil, &browser.CeremonyError{Kind: browser.ErrNotAllowedHere, Name: "SecurityError"})
	if !end.fetch {
		t.Fatal("no fresh options after a failure")
	}
	if f.message == "" {
		t.Error("a real error from the autofill request is not shown")
	}
	if s := f.optionsFetched(options(t, now), nil, now, true); s.id != 0 {
		t.Fatalf("a conditional request the browser refused by itself was restarted: %+v", s)
	}
	// A quiet cancellation of the autofill request shows nothing.
	f2, quiet2 := mounted(t)
	f2.finished(quiet2.id, nil, errCancelled)
	if f2.message != "" {
		t.Errorf("autofill cancellation shows %q", f2.message)
	}
}

func TestPasskeyMessageMarkup(t *testing.T) {
	calm := app.HTMLString(passkeyMessage("The passkey request was cancelled or timed out.", true))
	err := app.HTMLString(passkeyMessage("This passkey isn't registered with us anymore.", false))
	for name, html := range map[string]string{"calm": calm, "error": err} {
		if !strings.Contains(html, `id="passkey-error"`) || !strings.Contains(html, `role="alert"`) {
			t.Errorf("%s message lacks its id or role:\n%s", name, html)
		}
	}
	if !strings.Contains(calm, "alert-calm") || strings.Contains(calm, "alert-error") {
		t.Errorf("a cancellation is styled as an error:\n%s", calm)
	}
	if html := app.HTMLString(passkeyMessage("", false)); strings.Contains(html, "passkey-error") {
		t.Errorf("empty message renders:\n%s", html)
	}
}
