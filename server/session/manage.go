package session

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/uptrace/bun"

	"spacerr/server/audit"
	"spacerr/server/httpapi"
	"spacerr/shared/api"
)

// maxListed caps GET /list-sessions, as Better Auth's findMany default does.
const maxListed = 100

func (m *Manager) requireSession(w http.ResponseWriter, r *http.Request) (*Current, error) {
	cur, err := m.Resolve(w, r)
	if err != nil {
		return nil, err
	}
	if cur == nil {
		return nil, api.Errorf(api.CodeUnauthorized, "Sign in first.")
	}
	return cur, nil
}

// ListSessions answers GET /list-sessions: the user's unexpired sessions, most recently active first,
// the request's own marked current. Tokens are public ids; the secrets exist only in browsers.
func (m *Manager) ListSessions(w http.ResponseWriter, r *http.Request) error {
	cur, err := m.requireSession(w, r)
	if err != nil {
		return err
	}
	var rows []Row
	err = m.db.NewSelect().Model(&rows).Where("s.user_id = ?", cur.User.ID).Where("s.expires_at > ?", m.now().UTC()).
		Where("s.impersonated_by IS NULL").OrderExpr("s.last_seen_at DESC, s.created_at DESC, s.id").Limit(maxListed).Scan(r.Context())
	if err != nil {
		return err
	}
	out := make([]api.Session, 0, len(rows))
	for i := range rows {
		s := rows[i].ToAPI()
		s.Current = rows[i].ID == cur.Session.ID
		out = append(out, s)
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

// RevokeSession answers POST /revoke-session {token}: it ends one of the caller's sessions by public
// id. Another user's id, or an unknown one, changes nothing; the answer is {status:true} either way,
// as in Better Auth, so it does not tell whether an id exists.
func (m *Manager) RevokeSession(w http.ResponseWriter, r *http.Request) error {
	cur, err := m.requireSession(w, r)
	if err != nil {
		return err
	}
	var req api.RevokeSessionRequest
	if err := httpapi.DecodeValid(r, &req); err != nil {
		return err
	}
	err = m.revokeRecorded(r, cur, func(q *bun.DeleteQuery) *bun.DeleteQuery {
		return q.Where("id = ?", req.Token).Where("user_id = ?", cur.User.ID)
	})
	if err != nil {
		return err
	}
	if req.Token == cur.Session.ID {
		m.ClearCookie(w)
	}
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}

// RevokeOtherSessions answers POST /revoke-other-sessions: every session of the user but this one ends.
func (m *Manager) RevokeOtherSessions(w http.ResponseWriter, r *http.Request) error {
	cur, err := m.requireSession(w, r)
	if err != nil {
		return err
	}
	err = m.revokeRecorded(r, cur, func(q *bun.DeleteQuery) *bun.DeleteQuery {
		return q.Where("user_id = ?", cur.User.ID).Where("id <> ?", cur.Session.ID)
	})
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}

// RevokeSessions answers POST /revoke-sessions: every session of the user ends, this one included, and
// its cookie is cleared.
func (m *Manager) RevokeSessions(w http.ResponseWriter, r *http.Request) error {
	cur, err := m.requireSession(w, r)
	if err != nil {
		return err
	}
	err = m.revokeRecorded(r, cur, func(q *bun.DeleteQuery) *bun.DeleteQuery {
		return q.Where("user_id = ?", cur.User.ID)
	})
	if err != nil {
		return err
	}
	m.ClearCookie(w)
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}

// revokeRecorded deletes the sessions where selects, and records how many ended in the audit log, in
// one transaction. Ending none records nothing.
func (m *Manager) revokeRecorded(r *http.Request, cur *Current, where func(*bun.DeleteQuery) *bun.DeleteQuery) error {
	return m.db.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := where(tx.NewDelete().Model((*Row)(nil))).Exec(ctx)
		if err != nil {
			return fmt.Errorf("revoke sessions of user %s: %w", cur.User.ID, err)
		}
		n, _ := res.RowsAffected()
		if n == 0 {
			return nil
		}
		var detail string
		if n > 1 {
			detail = strconv.FormatInt(n, 10)
		}
		meta := m.meta(r)
		return audit.Record(ctx, tx, audit.Entry{
			ActorID: cur.Actor(), Action: api.EventSessionRevoked, TargetID: cur.User.ID, IP: meta.IP,
			UserAgent: meta.UserAgent, Detail: detail, At: m.now(),
		})
	})
}
