package admin

import (
	"errors"
	"fmt"
	"net/http"

	"spacerr/server/httpapi"
	"spacerr/server/user"
	"spacerr/shared/api"
)

// UserSecurity answers GET /admin/user-security?userId= (our addition): how the user signs in, for
// the admin's user page. It only reads.
func (s *Service) UserSecurity(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.requireAdmin(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	id := r.URL.Query().Get("userId")
	if id == "" {
		return api.FieldError(api.CodeValidation, "userId", "userId is required.")
	}
	u, err := user.ByID(ctx, s.DB, id)
	if errors.Is(err, user.ErrNotFound) {
		return userNotFound()
	}
	if err != nil {
		return err
	}
	users, err := s.adminUsers(ctx, []user.Row{*u})
	if err != nil {
		return err
	}
	out := api.AdminUserSecurity{User: users[0], Passkeys: []api.Passkey{}, Providers: []string{}}
	if s.Passkeys != nil {
		if out.Passkeys, err = s.Passkeys(ctx, s.DB, id); err != nil {
			return err
		}
	}
	if s.BackupCodesLeft != nil {
		if out.BackupCodesLeft, err = s.BackupCodesLeft(ctx, s.DB, id); err != nil {
			return err
		}
	}
	err = s.DB.NewSelect().TableExpr("accounts").ColumnExpr("DISTINCT provider_id").Where("user_id = ?", id).
		OrderExpr("provider_id").Scan(ctx, &out.Providers)
	if err != nil {
		return fmt.Errorf("list sign-in providers of user %s: %w", id, err)
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}
