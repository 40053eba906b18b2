package settings

import (
	"spacerr/app/authapi"
	"spacerr/shared/api"
)

// afterVerifyEmail is where the verification link leads: the page that says the address is verified.
const afterVerifyEmail = "/verify-email"

// verifyEmailModel is the profile card's "Your email is not verified" notice and its button.
type verifyEmailModel struct {
	sending bool
	sent    bool
	alert   string // why the last request failed
}

// send starts a request for email; ok is false while one already runs, so a double click sends one.
func (m *verifyEmailModel) send(email string) (req api.SendVerificationEmailRequest, ok bool) {
	if m.sending {
		return req, false
	}
	m.sending, m.sent, m.alert = true, false, ""
	return api.SendVerificationEmailRequest{Email: email, CallbackURL: afterVerifyEmail}, true
}

func (m *verifyEmailModel) done(err error) {
	m.sending = false
	if err != nil {
		m.alert = authapi.Message(err)
		return
	}
	m.sent = true
}

// status is the good news next to the button once the link is sent, or "".
func (m verifyEmailModel) status() string {
	if m.sent {
		return "Sent. Check your inbox for the link."
	}
	return ""
}
