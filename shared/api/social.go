package api

import "time"

// ProviderGoogle is the one social provider: Google, or any OpenID provider the server is pointed at.
const ProviderGoogle = "google"

// SocialSignInRequest is the body of POST /sign-in/social (Better Auth's social sign-in). The callback
// URLs must be same-site paths or trusted origins; the server checks the origin too.
type SocialSignInRequest struct {
	Provider           string `json:"provider"`
	CallbackURL        string `json:"callbackURL,omitempty"`
	ErrorCallbackURL   string `json:"errorCallbackURL,omitempty"`
	NewUserCallbackURL string `json:"newUserCallbackURL,omitempty"`
	DisableRedirect    bool   `json:"disableRedirect,omitempty"`
}

// Validate checks the provider's name and the callbacks.
func (r SocialSignInRequest) Validate() error {
	if err := validProvider("provider", r.Provider); err != nil {
		return err
	}
	for _, c := range [...]struct{ field, raw string }{
		{"callbackURL", r.CallbackURL}, {"errorCallbackURL", r.ErrorCallbackURL}, {"newUserCallbackURL", r.NewUserCallbackURL},
	} {
		if err := optionalCallback(c.field, c.raw); err != nil {
			return err
		}
	}
	return nil
}

// LinkSocialRequest is the body of POST /link-social: connect a provider's account to the signed-in user.
type LinkSocialRequest struct {
	Provider         string `json:"provider"`
	CallbackURL      string `json:"callbackURL,omitempty"`
	ErrorCallbackURL string `json:"errorCallbackURL,omitempty"`
	DisableRedirect  bool   `json:"disableRedirect,omitempty"` // the client goes to the URL itself (a popup, say)
}

// Validate checks the provider's name and the callbacks.
func (r LinkSocialRequest) Validate() error {
	if err := validProvider("provider", r.Provider); err != nil {
		return err
	}
	if err := optionalCallback("callbackURL", r.CallbackURL); err != nil {
		return err
	}
	return optionalCallback("errorCallbackURL", r.ErrorCallbackURL)
}

// UnlinkAccountRequest is the body of POST /unlink-account. Better Auth 1.7 names the account by its
// id alone ({accountId}: Account.ID); older clients name the provider and, optionally, the provider's
// account id ({providerId, accountId?}: Account.AccountID). Both are accepted.
type UnlinkAccountRequest struct {
	ProviderID string `json:"providerId,omitempty"`
	AccountID  string `json:"accountId,omitempty"`
}

// Validate checks that an account is named: by its id, or by its provider.
func (r UnlinkAccountRequest) Validate() error {
	if r.ProviderID != "" || r.AccountID == "" {
		if err := validProvider("providerId", r.ProviderID); err != nil {
			return err
		}
	}
	if len(r.AccountID) > 255 {
		return FieldError(CodeValidation, "accountId", "The account id is too long.")
	}
	return nil
}

// validProvider accepts a provider id as Better Auth names them: lower-case letters, digits and dashes.
func validProvider(field, p string) error {
	if p == "" || len(p) > 32 {
		return FieldError(CodeValidation, field, "Choose a sign-in provider.")
	}
	for _, c := range p {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return FieldError(CodeValidation, field, "The provider's name is not valid.")
		}
	}
	return nil
}

// SocialRedirect answers POST /sign-in/social and POST /link-social: the browser goes to URL, the
// provider's consent page.
type SocialRedirect struct {
	URL      string `json:"url"`
	Redirect bool   `json:"redirect"`
}

// Account is one way the user signs in, as GET /list-accounts answers it (Better Auth's shape; the
// password and provider tokens are never sent). Email is our addition: the address the provider
// vouched for at the last sign-in or link, so settings can show which Google account it is.
type Account struct {
	ID         string    `json:"id"`
	ProviderID string    `json:"providerId"`
	AccountID  string    `json:"accountId"`
	UserID     string    `json:"userId"`
	Scopes     []string  `json:"scopes"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
	Email      string    `json:"email,omitempty"`
}

// SocialProviders answers GET /social-providers (our addition): the providers this server is
// configured for, so the client shows only buttons that work.
type SocialProviders struct {
	Providers []string `json:"providers"`
}

// Why a provider's callback did not sign the user in. The callback is a browser navigation, so it
// cannot answer JSON: it redirects to the sign-in page (or settings, for a link) with ?error=CODE.
const (
	SocialErrorAccessDenied   = "ACCESS_DENIED"           // the user declined on the provider's page
	SocialErrorFlowExpired    = "FLOW_EXPIRED"            // no flow for this browser: expired, used, or begun elsewhere
	SocialErrorStateMismatch  = "STATE_MISMATCH"          // the answer is not for the flow this browser began
	SocialErrorFailed         = "SOCIAL_SIGN_IN_FAILED"   // the code or the ID token did not check out
	SocialErrorEmailMissing   = "EMAIL_NOT_FOUND"         // the provider gave no email address
	SocialErrorNotLinked      = "ACCOUNT_NOT_LINKED"      // the email has an account, and linking was not safe
	SocialErrorAlreadyLinked  = "ACCOUNT_ALREADY_LINKED"  // (link) that provider account belongs to another user
	SocialErrorOtherConnected = "PROVIDER_ALREADY_LINKED" // (link) the user already has another account of that provider
	SocialErrorSignedOut      = "LINK_SESSION_ENDED"      // (link) the browser is no longer signed in as the user who began
)

// SocialErrorMessage is what the page says for a callback error code, with the way forward.
func SocialErrorMessage(code string) string {
	switch code {
	case SocialErrorAccessDenied:
		return "Google sign-in was cancelled. You can try again, or sign in another way."
	case SocialErrorFlowExpired, SocialErrorStateMismatch:
		return "That Google sign-in expired or was already used. Please start again from this page."
	case SocialErrorEmailMissing:
		return "Google did not share an email address, so we could not sign you in. Sign in another way."
	case SocialErrorNotLinked:
		return "An account with this email already exists. Sign in with your password or another method, then connect Google in Settings."
	case SocialErrorAlreadyLinked:
		return "That Google account is already connected to another account here."
	case SocialErrorOtherConnected:
		return "Another Google account is already connected. Disconnect it first."
	case SocialErrorSignedOut:
		return "Your session ended before Google answered. Sign in and connect Google again."
	case string(CodeBannedUser):
		return "This account is suspended."
	case "":
		return ""
	}
	return "We could not sign you in with Google. Please try again, or sign in another way."
}
