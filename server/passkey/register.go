package passkey

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/server/session"
	"spacerr/server/store"
	"spacerr/server/user"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

var (
	errFailedRegistration = api.Errorf(api.CodeFailedToVerifyReg,
		"The passkey could not be verified. Please try again.")
	errPreviouslyRegistered = api.Errorf(api.CodePreviouslyRegistered,
		"This passkey is already registered.")
	errEmailTaken = api.FieldError(api.CodeUserAlreadyExists, "email",
		"An account with this email already exists. Sign in instead, or use another email.")
)

// GenerateRegisterOptions answers GET /passkey/generate-register-options?authenticatorAttachment=&name=
// for the signed-in user: the PublicKeyCredentialCreationOptions to pass to navigator.credentials.create.
func (s *Service) GenerateRegisterOptions(w http.ResponseWriter, r *http.Request) error {
	cur, err := s.currentUser(w, r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	attachment, err := parseAttachment(q.Get("authenticatorAttachment"))
	if err != nil {
		return err
	}
	var passkeyName string
	if n := q.Get("name"); n != "" {
		if passkeyName, err = api.NormalizePasskeyName(n); err != nil {
			return err
		}
	}
	existing, err := listByUser(r.Context(), s.store.DB, cur.User.ID)
	if err != nil {
		return err
	}
	exclude := make([]protocol.CredentialDescriptor, 0, len(existing))
	for i := range existing {
		d, err := existing[i].descriptor()
		if err != nil {
			return err
		}
		exclude = append(exclude, d)
	}
	u := &webauthnUser{id: cur.User.ID, name: cur.User.Email, displayName: cur.User.Name}
	c := &ceremony{Type: ceremonyRegistration, UserID: cur.User.ID, PasskeyName: passkeyName}
	return s.beginRegistration(w, r, u, c, attachment, exclude)
}

// SignUpGenerateOptions answers POST /passkey/sign-up/generate-options {name,email}: creation options for
// a user who does not exist yet. The user is created only when verify-registration succeeds.
func (s *Service) SignUpGenerateOptions(w http.ResponseWriter, r *http.Request) error {
	var req api.PasskeySignUpRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	name, email := validate.NormalizeName(req.Name), validate.NormalizeEmail(req.Email)
	_, err := user.ByEmail(r.Context(), s.store.DB, email)
	if err == nil {
		return errEmailTaken
	}
	if !errors.Is(err, user.ErrNotFound) {
		return err
	}
	id := store.NewID()
	u := &webauthnUser{id: id, name: email, displayName: name}
	c := &ceremony{Type: ceremonySignUp, UserID: id, Name: name, Email: email}
	return s.beginRegistration(w, r, u, c, "", nil)
}

// creationOptions requires a discoverable credential with user verification and no attestation. The
// returned session data records that UV is required, which makes CreateCredential refuse a credential
// without the UV flag.
func (s *Service) creationOptions(u *webauthnUser, attachment protocol.AuthenticatorAttachment,
	exclude []protocol.CredentialDescriptor) (*protocol.CredentialCreation, *webauthn.SessionData, error) {
	return s.webauthn.BeginRegistration(u,
		webauthn.WithAuthenticatorSelection(protocol.AuthenticatorSelection{
			AuthenticatorAttachment: attachment,
			RequireResidentKey:      protocol.ResidentKeyRequired(),
			ResidentKey:             protocol.ResidentKeyRequirementRequired,
			UserVerification:        protocol.VerificationRequired,
		}),
		webauthn.WithExclusions(exclude),
		webauthn.WithConveyancePreference(protocol.PreferNoAttestation),
	)
}

// beginRegistration stores the ceremony and answers the creation options.
func (s *Service) beginRegistration(w http.ResponseWriter, r *http.Request, u *webauthnUser, c *ceremony,
	attachment protocol.AuthenticatorAttachment, exclude []protocol.CredentialDescriptor) error {
	creation, sd, err := s.creationOptions(u, attachment, exclude)
	if err != nil {
		return err
	}
	c.WebAuthn = *sd
	if err := s.beginCeremony(w, r, c); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, creation.Response)
	return nil
}

// VerifyRegistration answers POST /passkey/verify-registration {response, name?}. For a signed-in user's
// ceremony it adds the passkey; for a sign-up ceremony it creates, in one transaction, the user (with no
// password), the passkey and a session, and sets the session cookie. Either way it answers the passkey.
func (s *Service) VerifyRegistration(w http.ResponseWriter, r *http.Request) error {
	var req api.VerifyRegistrationRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	c, err := s.finishCeremony(w, r, ceremonyRegistration, ceremonySignUp)
	if err != nil {
		return err
	}
	ctx := r.Context()
	var actor string // who adds the passkey: the user, or an admin impersonating them
	if c.Type == ceremonyRegistration {
		cur, err := s.currentUser(w, r)
		if err != nil {
			return err
		}
		if cur.User.ID != c.UserID {
			// Signed out and in as someone else since the options were made: not this user's ceremony.
			slog.WarnContext(ctx, "passkey registration finished by another user", "user_id", cur.User.ID)
			return errChallengeNotFound
		}
		actor = cur.Actor()
	}

	parsed, err := protocol.ParseCredentialCreationResponseBytes(req.Response)
	if err != nil {
		slog.InfoContext(ctx, "passkey registration refused", "user_id", c.UserID, "reason", webauthnReason(err))
		return errFailedRegistration
	}
	// CreateCredential checks the challenge, the origin against the configured ones, the RP ID hash, the
	// UP flag, the UV flag (the ceremony requires it) and that attestation is "none" or valid.
	cred, err := s.webauthn.CreateCredential(&webauthnUser{id: c.UserID}, c.WebAuthn, parsed)
	if err != nil {
		slog.InfoContext(ctx, "passkey registration refused", "user_id", c.UserID, "reason", webauthnReason(err))
		return errFailedRegistration
	}
	if !cred.Flags.UserVerified { // go-webauthn already refused this; kept so a library change cannot relax it
		return errFailedRegistration
	}

	name := req.Name
	if name != "" {
		name, _ = api.NormalizePasskeyName(name) // Validate accepted it
	} else if c.PasskeyName != "" {
		name = c.PasskeyName
	} else if n := authenticatorName(formatAAGUID(cred.Authenticator.AAGUID)); n != "" {
		name = n
	} else {
		name = defaultName
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	rec := newRecord(c.UserID, name, cred, now)

	if c.Type == ceremonySignUp {
		return s.finishSignUp(w, r, c, rec, now)
	}
	err = s.store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if err := insertRecord(ctx, tx, rec); err != nil {
			if store.IsUniqueViolation(err) {
				return errPreviouslyRegistered
			}
			return err
		}
		return audit.Record(ctx, tx, s.event(r, actor, rec.UserID, api.EventPasskeyAdded, rec.Name))
	})
	if err != nil {
		return err
	}
	slog.InfoContext(ctx, "passkey added", "user_id", rec.UserID, "passkey_id", rec.ID, "aaguid", rec.AAGUID)
	if s.Notify != nil {
		s.Notify(ctx, rec.UserID, EventPasskeyAdded, r)
	}
	httpapi.WriteJSON(w, http.StatusOK, rec.toAPI())
	return nil
}

// finishSignUp creates the user, the passkey and a session together: a failure leaves none of them.
func (s *Service) finishSignUp(w http.ResponseWriter, r *http.Request, c *ceremony, rec *record, now time.Time) error {
	u := &user.Row{ID: c.UserID, Name: c.Name, Email: c.Email, CreatedAt: now, UpdatedAt: now}
	var token string
	var sess *session.Row
	err := s.store.InTx(r.Context(), func(ctx context.Context, tx bun.Tx) error {
		// The email was free when the options were made; someone may have taken it since.
		if err := user.Insert(ctx, tx, u); err != nil {
			if store.IsUniqueViolation(err) {
				return errEmailTaken
			}
			return err
		}
		if err := insertRecord(ctx, tx, rec); err != nil {
			if store.IsUniqueViolation(err) {
				return errPreviouslyRegistered
			}
			return err
		}
		var err error
		token, sess, err = s.sessions.Create(ctx, tx, u.ID, true, s.meta(r))
		return err
	})
	if err != nil {
		return err
	}
	s.sessions.SignedIn(r.Context(), w, token, sess, u, session.MethodPasskey)
	slog.InfoContext(r.Context(), "signed up with a passkey", "user_id", u.ID, "passkey_id", rec.ID, "method", MethodPasskey)
	httpapi.WriteJSON(w, http.StatusOK, rec.toAPI())
	return nil
}

func parseAttachment(v string) (protocol.AuthenticatorAttachment, error) {
	switch protocol.AuthenticatorAttachment(v) {
	case "":
		return "", nil
	case protocol.Platform, protocol.CrossPlatform:
		return protocol.AuthenticatorAttachment(v), nil
	}
	return "", api.FieldError(api.CodeValidation, "authenticatorAttachment",
		`authenticatorAttachment must be "platform" or "cross-platform".`)
}
