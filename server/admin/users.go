package admin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"spacerr/server/httpapi"
	"spacerr/server/store"
	"spacerr/server/user"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// Paging of list-users. Better Auth's default is 100; an admin screen shows 25 at a time.
const (
	defaultListLimit = 25
	maxListLimit     = 100
)

// sortColumns are the only columns list-users sorts by: sortBy never reaches SQL as typed.
var sortColumns = map[string]string{
	"createdAt": "u.created_at", "updatedAt": "u.updated_at", "email": "u.email", "name": "u.name",
}

// likeEscaper makes a search value literal inside LIKE.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// ListUsers answers GET /admin/list-users with Better Auth's search and paging parameters.
func (s *Service) ListUsers(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.requireAdmin(w, r); err != nil {
		return err
	}
	q := r.URL.Query()
	limit := boundedInt(q.Get("limit"), defaultListLimit, 1, maxListLimit)
	offset := boundedInt(q.Get("offset"), 0, 0, 1<<31-1)
	var rows []user.Row
	sel := s.DB.NewSelect().Model(&rows)
	if value := strings.ToLower(strings.TrimSpace(q.Get("searchValue"))); value != "" {
		column := "LOWER(u.email)"
		switch q.Get("searchField") {
		case "", "email":
		case "name":
			column = "LOWER(u.name)"
		default:
			return api.FieldError(api.CodeValidation, "searchField", `searchField must be "email" or "name".`)
		}
		pattern := likeEscaper.Replace(value)
		switch q.Get("searchOperator") {
		case "", "contains":
			pattern = "%" + pattern + "%"
		case "starts_with":
			pattern += "%"
		case "ends_with":
			pattern = "%" + pattern
		default:
			return api.FieldError(api.CodeValidation, "searchOperator", "searchOperator must be contains, starts_with or ends_with.")
		}
		sel = sel.Where("? LIKE ? ESCAPE '\\'", bun.Safe(column), pattern)
	}
	order, dir := "u.created_at", "DESC"
	if by := q.Get("sortBy"); by != "" {
		col, ok := sortColumns[by]
		if !ok {
			return api.FieldError(api.CodeValidation, "sortBy", "sortBy must be createdAt, updatedAt, email or name.")
		}
		order, dir = col, "ASC"
	}
	switch q.Get("sortDirection") {
	case "":
	case "asc":
		dir = "ASC"
	case "desc":
		dir = "DESC"
	default:
		return api.FieldError(api.CodeValidation, "sortDirection", "sortDirection must be asc or desc.")
	}
	total, err := sel.OrderExpr(order + " " + dir + ", u.id").Limit(int64(limit)).Offset(int64(offset)).ScanAndCount(r.Context())
	if err != nil {
		return fmt.Errorf("list users: %w", err)
	}
	users, err := s.adminUsers(r.Context(), rows)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.ListUsersResponse{Users: users, Total: int(total), Limit: limit, Offset: offset})
	return nil
}

// adminUsers adds to each user how they can sign in, as list-users and user-security show it.
func (s *Service) adminUsers(ctx context.Context, rows []user.Row) ([]api.AdminUser, error) {
	out := make([]api.AdminUser, 0, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]string, len(rows))
	for i := range rows {
		ids[i] = rows[i].ID
	}
	passkeys, err := countByUser(ctx, s.DB, "passkeys", "", ids)
	if err != nil {
		return nil, err
	}
	passwords, err := countByUser(ctx, s.DB, "accounts", "provider_id = 'credential' AND password IS NOT NULL", ids)
	if err != nil {
		return nil, err
	}
	signIns, err := lastSignIns(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		au := api.AdminUser{
			User: rows[i].ToAPI(), PasskeyCount: passkeys[rows[i].ID], HasPassword: passwords[rows[i].ID] > 0,
		}
		if at, ok := signIns[rows[i].ID]; ok {
			at = api.Millis(at)
			au.LastSignInAt = &at
		}
		out = append(out, au)
	}
	return out, nil
}

// lastSignIns is each user's newest sign-in among ids, from the audit log: unlike sessions, its
// records outlive a sign-out or an expired session. The (target_id, created_at) index serves it.
func lastSignIns(ctx context.Context, db bun.IDB, ids []string) (map[string]time.Time, error) {
	var rows []struct {
		TargetID string    `bun:"target_id"`
		At       time.Time `bun:"at"`
	}
	err := db.NewSelect().TableExpr("audit_events").ColumnExpr("target_id, MAX(created_at) AS at").
		Where("action = ? AND target_id IN (?)", api.EventSignIn, bun.In(ids)).Group("target_id").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("find last sign-ins: %w", err)
	}
	out := make(map[string]time.Time, len(rows))
	for _, r := range rows {
		out[r.TargetID] = r.At
	}
	return out, nil
}

// GetUser answers GET /admin/get-user?id= with the user itself (not wrapped), as Better Auth's
// admin.getUser does; 404 USER_NOT_FOUND for an unknown id.
func (s *Service) GetUser(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.requireAdmin(w, r); err != nil {
		return err
	}
	u, err := user.ByID(r.Context(), s.DB, r.URL.Query().Get("id"))
	if errors.Is(err, user.ErrNotFound) {
		return userNotFound()
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, u.ToAPI())
	return nil
}

// countByUser counts the rows of table per user among ids, with an optional extra condition written
// here, never from input.
func countByUser(ctx context.Context, db bun.IDB, table, cond string, ids []string) (map[string]int, error) {
	var counts []struct {
		UserID string `bun:"user_id"`
		N      int    `bun:"n"`
	}
	q := db.NewSelect().TableExpr(table).ColumnExpr("user_id, COUNT(*) AS n").Where("user_id IN (?)", bun.In(ids)).Group("user_id")
	if cond != "" {
		q = q.Where(cond)
	}
	if err := q.Scan(ctx, &counts); err != nil {
		return nil, fmt.Errorf("count %s per user: %w", table, err)
	}
	out := make(map[string]int, len(counts))
	for _, c := range counts {
		out[c.UserID] = c.N
	}
	return out, nil
}

func boundedInt(raw string, def, lo, hi int) int {
	n, err := strconv.Atoi(raw)
	if err != nil {
		return def
	}
	return min(max(n, lo), hi)
}

// SetRole answers POST /admin/set-role. An admin cannot change their own role.
func (s *Service) SetRole(w http.ResponseWriter, r *http.Request) error {
	var req api.SetRoleRequest
	cur, err := s.adminRequest(w, r, &req)
	if err != nil {
		return err
	}
	if !api.ValidRole(req.Role) {
		return api.FieldError(api.CodeInvalidRole, "role", `The role must be "user" or "admin".`)
	}
	if req.UserID == cur.User.ID {
		return api.Errorf(api.CodeCannotChangeOwnRole, "You cannot change your own role; ask another admin.")
	}
	return s.updateUser(w, r, cur.User.ID, req.UserID, "set-role", req.Role, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("role = ?", req.Role)
	}, nil)
}

// BanUser answers POST /admin/ban-user: the user is banned and every session of theirs ends at once.
func (s *Service) BanUser(w http.ResponseWriter, r *http.Request) error {
	var req api.BanUserRequest
	cur, err := s.adminRequest(w, r, &req)
	if err != nil {
		return err
	}
	if req.UserID == cur.User.ID {
		return api.Errorf(api.CodeCannotBanYourself, "You cannot ban yourself.")
	}
	if req.BanExpiresIn < 0 {
		return api.FieldError(api.CodeValidation, "banExpiresIn", "banExpiresIn is a number of seconds, 0 or more.")
	}
	reason := strings.TrimSpace(req.BanReason)
	if reason == "" {
		reason = "No reason"
	}
	var expires *time.Time
	detail := reason
	if req.BanExpiresIn > 0 {
		t := s.now().Add(time.Duration(req.BanExpiresIn) * time.Second)
		expires = &t
		detail += " (until " + t.Format(time.RFC3339) + ")"
	}
	return s.updateUser(w, r, cur.User.ID, req.UserID, "ban-user", detail, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("banned = ?", true).Set("ban_reason = ?", reason).Set("ban_expires = ?", expires)
	}, func(ctx context.Context, tx bun.Tx) error {
		return s.Sessions.RevokeAllOfUser(ctx, tx, req.UserID)
	})
}

// UnbanUser answers POST /admin/unban-user.
func (s *Service) UnbanUser(w http.ResponseWriter, r *http.Request) error {
	var req api.UserIDRequest
	cur, err := s.adminRequest(w, r, &req)
	if err != nil {
		return err
	}
	return s.updateUser(w, r, cur.User.ID, req.UserID, "unban-user", "", func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("banned = ?", false).Set("ban_reason = NULL").Set("ban_expires = NULL")
	}, nil)
}

// updateUser applies set to the target user, runs also, records the action and answers {user}, all in
// one transaction.
func (s *Service) updateUser(w http.ResponseWriter, r *http.Request, actorID, targetID, action, detail string,
	set func(*bun.UpdateQuery) *bun.UpdateQuery, also func(context.Context, bun.Tx) error) error {
	ctx := r.Context()
	var updated *user.Row
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := set(tx.NewUpdate().Model((*user.Row)(nil)).Set("updated_at = ?", s.now()).Where("id = ?", targetID)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("%s of user %s: %w", action, targetID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return userNotFound()
		}
		if also != nil {
			if err := also(ctx, tx); err != nil {
				return err
			}
		}
		if err := s.audit(r, tx, actorID, action, targetID, detail); err != nil {
			return err
		}
		updated, err = user.ByID(ctx, tx, targetID)
		return err
	})
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.UserResponse{User: updated.ToAPI()})
	return nil
}

// RemoveUser answers POST /admin/remove-user: the user's sessions end and the user is deleted (the
// foreign keys remove accounts, passkeys and two-factor rows). An admin cannot remove themselves.
func (s *Service) RemoveUser(w http.ResponseWriter, r *http.Request) error {
	var req api.UserIDRequest
	cur, err := s.adminRequest(w, r, &req)
	if err != nil {
		return err
	}
	if req.UserID == cur.User.ID {
		return api.Errorf(api.CodeCannotRemoveYourself, "You cannot remove yourself.")
	}
	err = s.DB.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		target, err := user.ByID(ctx, tx, req.UserID)
		if err != nil {
			if errors.Is(err, user.ErrNotFound) {
				return userNotFound()
			}
			return err
		}
		if err := s.Sessions.RevokeAllOfUser(ctx, tx, req.UserID); err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*user.Row)(nil)).Where("id = ?", req.UserID).Exec(ctx); err != nil {
			return fmt.Errorf("remove user %s: %w", req.UserID, err)
		}
		return s.audit(r, tx, cur.User.ID, "remove-user", req.UserID, target.Email)
	})
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.StatusResponse{Success: true})
	return nil
}

// CreateUser answers POST /admin/create-user; without a password the user signs in another way.
func (s *Service) CreateUser(w http.ResponseWriter, r *http.Request) error {
	var req api.CreateUserRequest
	cur, err := s.adminRequest(w, r, &req)
	if err != nil {
		return err
	}
	var hash string
	if req.Password != "" {
		if hash, err = s.Hasher.Hash(r.Context(), req.Password); err != nil {
			return err
		}
	}
	now := s.now()
	u := &user.Row{
		ID: store.NewID(), Name: validate.NormalizeName(req.Name), Email: validate.NormalizeEmail(req.Email),
		CreatedAt: now, UpdatedAt: now, Role: req.Role,
	}
	err = s.DB.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		if err := user.Insert(ctx, tx, u); err != nil {
			if store.IsUniqueViolation(err) {
				e := api.FieldError(api.CodeUserAlreadyExists, "email", "An account with this email already exists.")
				e.StatusOverride = http.StatusBadRequest // Better Auth's create-user; sign-up's is 422
				return e
			}
			return err
		}
		if hash != "" {
			if err := s.SetPassword(ctx, tx, u.ID, hash, now); err != nil {
				return err
			}
		}
		return s.audit(r, tx, cur.User.ID, "create-user", u.ID, u.Email+" as "+u.Role)
	})
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.UserResponse{User: u.ToAPI()})
	return nil
}

// SetUserPassword answers POST /admin/set-user-password. As in Better Auth, the user's sessions stay.
func (s *Service) SetUserPassword(w http.ResponseWriter, r *http.Request) error {
	var req api.SetUserPasswordRequest
	cur, err := s.adminRequest(w, r, &req)
	if err != nil {
		return err
	}
	hash, err := s.Hasher.Hash(r.Context(), req.NewPassword)
	if err != nil {
		return err
	}
	err = s.DB.RunInTx(r.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := user.ByID(ctx, tx, req.UserID); err != nil {
			if errors.Is(err, user.ErrNotFound) {
				return userNotFound()
			}
			return err
		}
		if err := s.SetPassword(ctx, tx, req.UserID, hash, s.now()); err != nil {
			return err
		}
		return s.audit(r, tx, cur.User.ID, "set-user-password", req.UserID, "")
	})
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, api.StatusTrue{Status: true})
	return nil
}
