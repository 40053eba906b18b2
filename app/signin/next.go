package signin

import (
	"spacerr/app/authapi"
	"spacerr/app/twofactor"
)

// afterSignIn is where a password sign-in goes on to: the two-factor challenge when the account asks
// for a second factor (no session exists yet), otherwise the settings.
func afterSignIn(res authapi.SignInResponse) string {
	if res.TwoFactorRedirect {
		return twofactor.ChallengePath
	}
	return "/settings"
}
