package passkey

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"spacerr/server/store"
	"spacerr/shared/api"
)

// errNoRecord means no passkey matched.
var errNoRecord = errors.New("passkey not found")

// record is one passkeys row: a credential as stored, in text columns both dialects share.
type record struct {
	bun.BaseModel `bun:"table:passkeys,alias:p"`

	ID                string     `bun:"id,pk"`
	UserID            string     `bun:"user_id,notnull"`
	Name              string     `bun:"name,notnull"`
	CredentialID      string     `bun:"credential_id,notnull"` // base64url, as the browser's credential.id
	PublicKey         string     `bun:"public_key,notnull"`    // standard base64 of the COSE key
	SignCount         int64      `bun:"sign_count,notnull"`
	Transports        string     `bun:"transports,notnull"` // comma-joined
	AAGUID            string     `bun:"aaguid,notnull"`     // UUID form; "" if the authenticator sent none
	BackupEligible    bool       `bun:"backup_eligible,notnull"`
	BackedUp          bool       `bun:"backed_up,notnull"`
	AttestationFormat string     `bun:"attestation_format,notnull"`
	UserVerified      bool       `bun:"user_verified,notnull"`
	CreatedAt         time.Time  `bun:"created_at,notnull"`
	LastUsedAt        *time.Time `bun:"last_used_at"`
}

// newRecord is the row for a credential go-webauthn has just verified.
func newRecord(userID, name string, cred *webauthn.Credential, now time.Time) *record {
	transports := make([]string, len(cred.Transport))
	for i, t := range cred.Transport {
		transports[i] = string(t)
	}
	return &record{
		ID:                store.NewID(),
		UserID:            userID,
		Name:              name,
		CredentialID:      base64.RawURLEncoding.EncodeToString(cred.ID),
		PublicKey:         base64.StdEncoding.EncodeToString(cred.PublicKey),
		SignCount:         int64(cred.Authenticator.SignCount),
		Transports:        strings.Join(transports, ","),
		AAGUID:            formatAAGUID(cred.Authenticator.AAGUID),
		BackupEligible:    cred.Flags.BackupEligible,
		BackedUp:          cred.Flags.BackupState,
		AttestationFormat: cred.AttestationFormat,
		UserVerified:      cred.Flags.UserVerified,
		CreatedAt:         now,
	}
}

// toWebAuthn is the credential in go-webauthn's form, for verifying an assertion against it.
func (r *record) toWebAuthn() (webauthn.Credential, error) {
	id, err := base64.RawURLEncoding.DecodeString(r.CredentialID)
	if err != nil {
		return webauthn.Credential{}, fmt.Errorf("passkey %s: credential id: %w", r.ID, err)
	}
	pub, err := base64.StdEncoding.DecodeString(r.PublicKey)
	if err != nil {
		return webauthn.Credential{}, fmt.Errorf("passkey %s: public key: %w", r.ID, err)
	}
	aaguid, err := parseAAGUID(r.AAGUID)
	if err != nil {
		return webauthn.Credential{}, fmt.Errorf("passkey %s: aaguid: %w", r.ID, err)
	}
	flags := protocol.FlagUserPresent
	if r.UserVerified {
		flags |= protocol.FlagUserVerified
	}
	if r.BackupEligible {
		flags |= protocol.FlagBackupEligible
	}
	if r.BackedUp {
		flags |= protocol.FlagBackupState
	}
	return webauthn.Credential{
		ID:                id,
		PublicKey:         pub,
		AttestationType:   "none",
		AttestationFormat: r.AttestationFormat,
		Transport:         r.transports(),
		Flags:             webauthn.NewCredentialFlags(flags),
		Authenticator:     webauthn.Authenticator{AAGUID: aaguid, SignCount: uint32(r.SignCount)},
	}, nil
}

// descriptor names the credential in excludeCredentials.
func (r *record) descriptor() (protocol.CredentialDescriptor, error) {
	id, err := base64.RawURLEncoding.DecodeString(r.CredentialID)
	if err != nil {
		return protocol.CredentialDescriptor{}, fmt.Errorf("passkey %s: credential id: %w", r.ID, err)
	}
	return protocol.CredentialDescriptor{Type: protocol.PublicKeyCredentialType, CredentialID: id, Transport: r.transports()}, nil
}

func (r *record) transports() []protocol.AuthenticatorTransport {
	if r.Transports == "" {
		return nil
	}
	parts := strings.Split(r.Transports, ",")
	out := make([]protocol.AuthenticatorTransport, len(parts))
	for i, p := range parts {
		out[i] = protocol.AuthenticatorTransport(p)
	}
	return out
}

// toAPI is the public view. deviceType follows Better Auth: a backup-eligible credential is a synced,
// "multiDevice" passkey.
func (r *record) toAPI() api.Passkey {
	p := api.Passkey{
		ID: r.ID, Name: r.Name, UserID: r.UserID, CredentialID: r.CredentialID, PublicKey: r.PublicKey,
		Counter: uint32(r.SignCount), DeviceType: "singleDevice", BackedUp: r.BackedUp, Transports: r.Transports,
		AAGUID: r.AAGUID, AuthenticatorName: authenticatorName(r.AAGUID), CreatedAt: api.Millis(r.CreatedAt),
	}
	if r.BackupEligible {
		p.DeviceType = "multiDevice"
	}
	if r.LastUsedAt != nil {
		t := api.Millis(*r.LastUsedAt)
		p.LastUsedAt = &t
	}
	return p
}

// insertRecord adds a passkey; a credential id registered before is reported by store.IsUniqueViolation.
func insertRecord(ctx context.Context, db bun.IDB, r *record) error {
	if _, err := db.NewInsert().Model(r).Exec(ctx); err != nil {
		return fmt.Errorf("insert passkey for user %s: %w", r.UserID, err)
	}
	return nil
}

// listByUser is the user's passkeys, newest first.
func listByUser(ctx context.Context, db bun.IDB, userID string) ([]record, error) {
	var out []record
	err := db.NewSelect().Model(&out).Where("p.user_id = ?", userID).
		OrderExpr("p.created_at DESC, p.id DESC").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("list passkeys of user %s: %w", userID, err)
	}
	return out, nil
}

// countByUser is how many passkeys the user has.
func countByUser(ctx context.Context, db bun.IDB, userID string) (int, error) {
	n, err := db.NewSelect().Model((*record)(nil)).Where("p.user_id = ?", userID).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count passkeys of user %s: %w", userID, err)
	}
	return int(n), nil
}

// byCredentialID finds the passkey a browser presents, by its base64url credential id.
func byCredentialID(ctx context.Context, db bun.IDB, credentialID string) (*record, error) {
	return one(ctx, db.NewSelect().Where("p.credential_id = ?", credentialID))
}

// byIDOfUser finds a passkey by id only if userID owns it, so nobody learns of others' passkeys.
func byIDOfUser(ctx context.Context, db bun.IDB, id, userID string) (*record, error) {
	return one(ctx, db.NewSelect().Where("p.id = ? AND p.user_id = ?", id, userID))
}

func one(ctx context.Context, q *bun.SelectQuery) (*record, error) {
	r := new(record)
	if err := q.Model(r).Limit(1).Scan(ctx); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, errNoRecord
		}
		return nil, fmt.Errorf("find passkey: %w", err)
	}
	return r, nil
}

// renameOfUser renames a passkey the user owns; errNoRecord when there is none.
func renameOfUser(ctx context.Context, db bun.IDB, id, userID, name string) error {
	res, err := db.NewUpdate().Model((*record)(nil)).Set("name = ?", name).
		Where("id = ? AND user_id = ?", id, userID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("rename passkey %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNoRecord
	}
	return nil
}

// deleteOfUser deletes a passkey the user owns.
func deleteOfUser(ctx context.Context, db bun.IDB, id, userID string) error {
	res, err := db.NewDelete().Model((*record)(nil)).Where("id = ? AND user_id = ?", id, userID).Exec(ctx)
	if err != nil {
		return fmt.Errorf("delete passkey %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNoRecord
	}
	return nil
}

// recordUse stores what a successful sign-in changes: the counter, the backup state and the time.
// When onlyIfCounterBelow is set, the update happens only while the stored counter is below received, so
// two concurrent sign-ins with the same counter (a cloned key) cannot both pass; it reports whether the
// row was updated. Otherwise the counter only ever moves forward.
func recordUse(ctx context.Context, db bun.IDB, id string, received uint32, backedUp bool, now time.Time, onlyIfCounterBelow bool) (bool, error) {
	q := db.NewUpdate().Model((*record)(nil)).Set("backed_up = ?", backedUp).Set("last_used_at = ?", now).
		Where("id = ?", id)
	if onlyIfCounterBelow {
		q = q.Set("sign_count = ?", int64(received)).Where("sign_count < ?", int64(received))
	} else {
		q = q.Set("sign_count = CASE WHEN sign_count < ? THEN ? ELSE sign_count END", int64(received), int64(received))
	}
	res, err := q.Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("record use of passkey %s: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// lockUser serialises changes to one user's ways of signing in until the transaction ends, so that two
// concurrent deletes cannot each see "another passkey remains" and together remove both. PostgreSQL locks
// the users row; SQLite transactions here are BEGIN IMMEDIATE (see store.Open), which already hold the
// database's single write lock from their first statement. Any later feature that removes a sign-in
// method (a password, say) must take the same lock.
func lockUser(ctx context.Context, tx bun.Tx, userID string) error {
	if tx.Dialect().Name() != dialect.PG {
		return nil
	}
	var id string
	if err := tx.NewRaw("SELECT id FROM users WHERE id = ? FOR UPDATE", userID).Scan(ctx, &id); err != nil {
		return fmt.Errorf("lock user %s: %w", userID, err)
	}
	return nil
}

// formatAAGUID writes 16 bytes in UUID form; anything else (no AAGUID) is "".
func formatAAGUID(b []byte) string {
	if len(b) != 16 {
		return ""
	}
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func parseAAGUID(s string) ([]byte, error) {
	if s == "" {
		return nil, nil
	}
	b, err := hex.DecodeString(strings.ReplaceAll(s, "-", ""))
	if err != nil || len(b) != 16 {
		return nil, fmt.Errorf("%q is not a UUID", s)
	}
	return b, nil
}

// ListOfUser is the user's passkeys as the API shows them, newest first, for the admin's view of a
// user (composed in server; it needs no Service, so it works with passkeys off too).
func ListOfUser(ctx context.Context, db bun.IDB, userID string) ([]api.Passkey, error) {
	recs, err := listByUser(ctx, db, userID)
	if err != nil {
		return nil, err
	}
	out := make([]api.Passkey, len(recs))
	for i := range recs {
		out[i] = recs[i].toAPI()
	}
	return out, nil
}
