package browser

import "errors"

// WebAuthn ceremonies (passkeys) go through CreateCredential and GetCredential. They take the
// server's options as JSON and give back the browser's answer as JSON, in the W3C JSON forms
// (PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON in, RegistrationResponseJSON /
// AuthenticationResponseJSON out, binary fields in unpadded base64url), so the pages never see a
// JavaScript value and the server's verifier parses the answer unchanged.
//
// A refused or failed ceremony is a *CeremonyError whose Kind is one of the errors below; test for
// them with errors.Is. Their text is the sentence to show a person.
var (
	// ErrCancelled is the browser's NotAllowedError: the person closed the prompt, no authenticator
	// answered before the timeout, or the browser wanted a click first. The browser deliberately
	// does not say which.
	ErrCancelled = errors.New("The passkey request was cancelled or timed out.")
	// ErrAlreadyRegistered is InvalidStateError at registration: the authenticator already holds a
	// passkey for this account (the options' excludeCredentials named it).
	ErrAlreadyRegistered = errors.New("This device already has a passkey for your account.")
	// ErrNotAllowedHere is SecurityError: the page's origin does not match the relying party id,
	// or the page is not a secure context (https, or http://localhost).
	ErrNotAllowedHere = errors.New("Passkeys aren't allowed on this site. Check that you opened the right address.")
	// ErrAborted is AbortError: the page itself stopped the request (AbortConditional, or the
	// context ended). Pages show nothing for it.
	ErrAborted = errors.New("The passkey request was stopped.")
	// ErrUnsupported means the browser has no WebAuthn, or no authenticator that can do what the
	// options ask (NotSupportedError).
	ErrUnsupported = errors.New("This browser doesn't support passkeys.")
	// ErrCeremonyFailed is any other failure: an authenticator error, options the browser could not
	// read, an answer that could not be encoded.
	ErrCeremonyFailed = errors.New("The passkey request didn't work. Please try again.")
)

// CeremonyError reports why a WebAuthn request did not produce a credential. Its Error is Kind's
// friendly sentence; Name and Message are what the browser said (a DOMException's name and
// message, or a description of our own failure), for logs and tests only: browsers word them for
// developers and some quote the options.
type CeremonyError struct {
	Kind    error
	Name    string
	Message string
}

func (e *CeremonyError) Error() string { return e.Kind.Error() }

// Unwrap gives Kind, so errors.Is(err, ErrCancelled) works.
func (e *CeremonyError) Unwrap() error { return e.Kind }

// ceremonyError classifies a rejection by its DOMException name (WebAuthn §5.1.3, §5.1.4).
func ceremonyError(name, message string) *CeremonyError {
	kind := ErrCeremonyFailed
	switch name {
	case "NotAllowedError":
		kind = ErrCancelled
	case "InvalidStateError":
		kind = ErrAlreadyRegistered
	case "SecurityError":
		kind = ErrNotAllowedHere
	case "AbortError":
		kind = ErrAborted
	case "NotSupportedError":
		kind = ErrUnsupported
	}
	return &CeremonyError{Kind: kind, Name: name, Message: message}
}
