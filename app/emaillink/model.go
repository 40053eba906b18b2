// Package emaillink is where the mailed links land when they can't finish on the server:
// /magic-link (a sign-in link that was used or expired, or the "check your email" note) and
// /verify-email (an address verified, or a verification link that was used or expired). Both pages
// offer to send a new link; their rules live in sendModel, plain Go tested without rendering. Like
// the server, they never say whether an address has an account.
package emaillink

import (
	"spacerr/app/form"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// The paths of the two pages. The server redirects a refused link to them with ?error=….
const (
	MagicLinkPath   = "/magic-link"
	VerifyEmailPath = "/verify-email"
)

// fieldEmail is the one field, named as the API names it.
const fieldEmail = "email"

// Element ids.
const (
	idMagicLinkEmail   = "magic-link-email"
	idVerifyEmailInput = "verify-email-address"
)

// afterMagicLink is where a new sign-in link leads once it is opened.
const afterMagicLink = "/settings"

// sendModel is the "send a new link" form both pages share: an email, then "Check your email".
type sendModel struct {
	Email string
	Form  form.State
	Sent  bool // the link was asked for: the page says to check the inbox
}

func newSendModel() sendModel { return sendModel{Form: form.New(fieldEmail)} }

func (m sendModel) errors() form.Errors {
	errs := form.Errors{}
	if err := validate.Email(m.Email); err != nil {
		errs[fieldEmail] = err
	}
	return errs
}

func (m sendModel) message() string { return m.Form.Message(fieldEmail, m.errors()) }

// address is the email as it is sent and shown.
func (m sendModel) address() string { return validate.NormalizeEmail(m.Email) }

func (m sendModel) magicLinkRequest() api.MagicLinkRequest {
	return api.MagicLinkRequest{Email: m.address(), CallbackURL: afterMagicLink}
}

// verificationRequest asks for a link that comes back to /verify-email, which says it worked.
func (m sendModel) verificationRequest() api.SendVerificationEmailRequest {
	return api.SendVerificationEmailRequest{Email: m.address(), CallbackURL: VerifyEmailPath}
}

// submit starts a request; check is the request's shared validator, which has the last word.
// focus is the field to fix when ok is false.
func (m *sendModel) submit(check func() error) (ok bool, focus string) {
	if ok, focus = m.Form.Submit(m.errors()); !ok {
		return false, focus
	}
	if err := check(); err != nil {
		return false, m.Form.Done(err)
	}
	return true, ""
}

// done records the answer. Success shows "Check your email" whatever the address was; a refusal
// (too many requests, no connection) stays on the form.
func (m *sendModel) done(err error) (focus string) {
	focus = m.Form.Done(err)
	if err == nil {
		m.Sent = true
	}
	return focus
}

// again goes back to the form for another address.
func (m *sendModel) again() { *m = newSendModel() }
