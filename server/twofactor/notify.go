package twofactor

import (
	"context"
	"net/http"

	"spacerr/server/audit"
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

// event is a security event of userID done by actorID (the user, or an admin impersonating them).
func (s *Service) event(r *http.Request, actorID, userID, action, detail string) audit.Entry {
	meta := s.meta(r)
	return audit.Entry{
		ActorID: actorID, Action: action, TargetID: userID, IP: meta.IP, UserAgent: meta.UserAgent, Detail: detail,
		At: s.clock(),
	}
}
