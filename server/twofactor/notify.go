package twofactor

import (
	"context"
	"net/http"
)

// Security events this package reports through Service.Notify.
const (
	EventTwoFactorOn    = "Two-factor authentication was turned on"
	EventTwoFactorOff   = "Two-factor authentication was turned off"
	EventBackupCodeUsed = "A backup code was used"
)

func (s *Service) notify(ctx context.Context, userID, event string, r *http.Request) {
	if s.Notify != nil {
		s.Notify(ctx, userID, event, r)
	}
}
