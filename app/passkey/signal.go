package passkey

import (
	"spacerr/app/browser"
	"spacerr/shared/api"
)

// The Signal API lets a page tell the person's passkey provider what the server knows, so the
// provider stops offering passkeys that no longer work and shows current names. Browsers without it
// ignore these calls; nothing depends on them.

// SignalAccepted tells the provider that list is every passkey the account has. account must come
// from the account's creation options (for the rp id and user handle). complete must be true only
// when list is the server's whole answer: a partial list would make the provider hide good
// passkeys, so nothing is sent otherwise.
func SignalAccepted(account Options, list []api.Passkey, complete bool) bool {
	if !complete {
		return false
	}
	ids := make([]string, 0, len(list))
	for _, p := range list {
		if p.CredentialID != "" {
			ids = append(ids, p.CredentialID)
		}
	}
	return browser.SignalAllAcceptedCredentials(account.RPID, account.UserID, ids)
}

// SignalUserDetails tells the provider the account's current names, as the creation options
// carry them.
func SignalUserDetails(account Options) bool {
	if account.UserName == "" {
		return false
	}
	return browser.SignalCurrentUserDetails(account.RPID, account.UserID, account.UserName, account.UserDisplayName)
}

// SignalUnknown tells the provider that the server does not know the credential in credentialJSON
// (sign-in answered PASSKEY_NOT_FOUND). request are the request options it answered.
func SignalUnknown(request Options, credentialJSON []byte) bool {
	return browser.SignalUnknownCredential(request.RPID, CredentialID(credentialJSON))
}
