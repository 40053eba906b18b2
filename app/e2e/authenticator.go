//go:build !js

package e2e

import (
	"context"
	"sync"

	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"
)

// Authenticator is a virtual passkey authenticator attached to one tab, as Chromium's DevTools
// protocol offers for testing: a CTAP2 platform authenticator (transport "internal") with resident
// keys and user verification, answering without a person (AutomaticPresenceSimulation). Steps wait
// for its events (a credential added, a credential asserted) rather than for a time.
type Authenticator struct {
	b  *Browser
	ID webauthn.AuthenticatorID

	mu       sync.Mutex
	added    int
	asserted int
	changed  chan struct{} // closed and replaced on every event
}

// AuthenticatorOptions adjust the virtual authenticator; the zero value is a device-bound platform
// passkey provider that verifies the user.
type AuthenticatorOptions struct {
	Synced         bool // credentials are backup-eligible and backed up, like a passkey manager's
	NoUserVerified bool // user verification fails
}

// AddAuthenticator enables WebAuthn testing in the tab and plugs in a virtual authenticator.
func (b *Browser) AddAuthenticator(o AuthenticatorOptions) *Authenticator {
	b.t.Helper()
	a := &Authenticator{b: b, changed: make(chan struct{})}
	chromedp.ListenTarget(b.ctx, func(ev any) {
		switch ev.(type) {
		case *webauthn.EventCredentialAdded:
			a.note(func() { a.added++ })
		case *webauthn.EventCredentialAsserted:
			a.note(func() { a.asserted++ })
		}
	})
	b.Run("add a virtual authenticator", webauthn.Enable(), chromedp.ActionFunc(func(ctx context.Context) error {
		id, err := webauthn.AddVirtualAuthenticator(&webauthn.VirtualAuthenticatorOptions{
			Protocol:                    webauthn.AuthenticatorProtocolCtap2,
			Ctap2version:                webauthn.Ctap2versionCtap21,
			Transport:                   webauthn.AuthenticatorTransportInternal,
			HasResidentKey:              true,
			HasUserVerification:         true,
			IsUserVerified:              !o.NoUserVerified,
			AutomaticPresenceSimulation: true,
			DefaultBackupEligibility:    o.Synced,
			DefaultBackupState:          o.Synced,
		}).Do(ctx)
		a.ID = id
		return err
	}))
	return a
}

func (a *Authenticator) note(f func()) {
	a.mu.Lock()
	defer a.mu.Unlock()
	f()
	close(a.changed)
	a.changed = make(chan struct{})
}

// Added and Asserted count the credentials made and the assertions signed so far.
func (a *Authenticator) Added() int    { a.mu.Lock(); defer a.mu.Unlock(); return a.added }
func (a *Authenticator) Asserted() int { a.mu.Lock(); defer a.mu.Unlock(); return a.asserted }

// WaitAdded waits until the authenticator has made n credentials in all.
func (a *Authenticator) WaitAdded(n int) {
	a.wait("a credential to be added", func() bool { return a.added >= n })
}

// WaitAsserted waits until the authenticator has signed n assertions in all.
func (a *Authenticator) WaitAsserted(n int) {
	a.wait("a passkey assertion", func() bool { return a.asserted >= n })
}

func (a *Authenticator) wait(what string, done func() bool) {
	a.b.t.Helper()
	ctx, cancel := a.b.stepContext()
	defer cancel()
	for {
		a.mu.Lock()
		ok, ch := done(), a.changed
		a.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-ctx.Done():
			a.b.fail("waiting for %s: %v", what, ctx.Err())
			return
		}
	}
}

// Credentials lists the credentials the authenticator holds.
func (a *Authenticator) Credentials() []*webauthn.Credential {
	a.b.t.Helper()
	var creds []*webauthn.Credential
	a.b.Run("list the authenticator's credentials", chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		creds, err = webauthn.GetCredentials(a.ID).Do(ctx)
		return err
	}))
	return creds
}

// Clear removes every credential, as if the person deleted their passkeys from the device.
func (a *Authenticator) Clear() {
	a.b.t.Helper()
	a.b.Run("clear the authenticator", webauthn.ClearCredentials(a.ID))
}
