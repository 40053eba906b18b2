package passkey

import (
	"net/http"

	"spacerr/server/audit"
)

// EventPasskeyAdded is the security event reported through Service.Notify when a signed-in user adds a
// passkey (a passkey sign-up is no change to an existing account, so it reports nothing).
const EventPasskeyAdded = "A new passkey was added to your account"

// event is a security event of userID done by actorID (the user, or an admin impersonating them).
func (s *Service) event(r *http.Request, actorID, userID, action, detail string) audit.Entry {
	meta := s.meta(r)
	return audit.Entry{
		ActorID: actorID, Action: action, TargetID: userID, IP: meta.IP, UserAgent: meta.UserAgent, Detail: detail,
		At: s.now(),
	}
}
