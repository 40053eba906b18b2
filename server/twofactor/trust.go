package twofactor

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/store"
)

// trustCookie marks a browser whose user asked to skip the second factor for 30 days. Its value is
// id + "." + base64url(HMAC-SHA256(key, userID + "!" + id)): the MAC ties it to one user and cannot be
// forged without AUTH_SECRET, and the trusted_devices row lets the server revoke it. Each use replaces
// the row and the cookie (a new id), so a copied cookie works at most until its owner's next sign-in.
const trustCookie = "spacerr.trust_device"

// trustedDevice is one trusted_devices row.
type trustedDevice struct {
	bun.BaseModel `bun:"table:trusted_devices,alias:td"`

	ID        string    `bun:"id,pk"`
	UserID    string    `bun:"user_id,notnull"`
	ExpiresAt time.Time `bun:"expires_at,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

func trustMAC(key []byte, userID, id string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(userID + "!" + id))
	return m.Sum(nil)
}

// trustDevice records this browser as trusted by the user, inside db, and returns the cookie to set
// once db commits.
func (s *Service) trustDevice(ctx context.Context, db bun.IDB, userID string, now time.Time) (*http.Cookie, error) {
	row := &trustedDevice{ID: store.NewID(), UserID: userID, ExpiresAt: now.Add(trustDeviceFor), CreatedAt: now}
	if _, err := db.NewInsert().Model(row).Exec(ctx); err != nil {
		return nil, fmt.Errorf("trust a device of user %s: %w", userID, err)
	}
	value := row.ID + "." + base64.RawURLEncoding.EncodeToString(trustMAC(s.trustKeys[0], userID, row.ID))
	return &http.Cookie{
		Name: s.cookieName(trustCookie), Value: value, Path: cookiePath, MaxAge: int(trustDeviceFor.Seconds()),
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	}, nil
}

// redeemTrust reports whether the request's trust cookie is valid for userID, and if so replaces it
// (new row, new cookie, the old row deleted). A cookie of another user is left alone: several people
// may share a browser.
func (s *Service) redeemTrust(ctx context.Context, w http.ResponseWriter, r *http.Request, userID string) (bool, error) {
	value := s.cookie(r, trustCookie)
	id, mac64, ok := strings.Cut(value, ".")
	if !ok || id == "" || len(value) > 256 {
		return false, nil
	}
	mac, err := base64.RawURLEncoding.DecodeString(mac64)
	if err != nil {
		return false, nil
	}
	valid := false
	for _, k := range s.trustKeys {
		if hmac.Equal(mac, trustMAC(k, userID, id)) {
			valid = true
		}
	}
	if !valid {
		return false, nil
	}
	now := s.clock()
	var next *http.Cookie
	err = s.store.InTx(ctx, func(ctx context.Context, tx bun.Tx) error {
		// Deleting is the check: of two sign-ins with one cookie, only one finds the row.
		res, err := tx.NewDelete().Model((*trustedDevice)(nil)).
			Where("id = ? AND user_id = ? AND expires_at > ?", id, userID, now).Exec(ctx)
		if err != nil {
			return fmt.Errorf("redeem trusted device of user %s: %w", userID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil
		}
		next, err = s.trustDevice(ctx, tx, userID, now)
		return err
	})
	if err != nil {
		return false, err
	}
	if next == nil {
		// Genuine but revoked or expired: forget it so it is not tried again.
		s.clearCookie(w, trustCookie)
		return false, nil
	}
	http.SetCookie(w, next)
	slog.InfoContext(ctx, "second factor skipped on a trusted device", "user_id", userID)
	return true, nil
}

// ForgetTrustedDevices revokes every browser the user trusted; the password changed, or the second
// factor was turned off. db may be a transaction.
func (s *Service) ForgetTrustedDevices(ctx context.Context, db bun.IDB, userID string) error {
	if _, err := db.NewDelete().Model((*trustedDevice)(nil)).Where("user_id = ?", userID).Exec(ctx); err != nil {
		return fmt.Errorf("forget trusted devices of user %s: %w", userID, err)
	}
	return nil
}
