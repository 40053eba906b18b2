package passkey_test

import (
	"strings"
	"sync"
	"testing"

	"spacerr/server/servertest"
	"spacerr/shared/api"
)

func TestOnlyTheOwnerCanRenameOrDelete(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		ada, _ := signedIn(t, env, "Ada", "ada@example.com")
		adas, _ := register(t, ada, authenticator(env), "Ada's phone")
		eve, _ := signedIn(t, env, "Eve", "eve@example.com")
		register(t, eve, authenticator(env), "")

		wantError(t, eve.Do("POST", base+"update-passkey", map[string]any{"id": adas.ID, "name": "mine now"}), 404, api.CodeNotFound)
		wantError(t, eve.Do("POST", base+"delete-passkey", map[string]any{"id": adas.ID}), 404, api.CodeNotFound)
		wantError(t, eve.Do("POST", base+"update-passkey", map[string]any{"id": "no-such-id", "name": "x"}), 404, api.CodeNotFound)
		wantError(t, eve.Do("POST", base+"delete-passkey", map[string]any{"id": "no-such-id"}), 404, api.CodeNotFound)
		if list := listPasskeys(t, eve); len(list) != 1 || list[0].ID == adas.ID {
			t.Fatalf("Eve sees %+v", list)
		}
		if list := listPasskeys(t, ada); len(list) != 1 || list[0].ID != adas.ID || list[0].Name != "Ada's phone" {
			t.Fatalf("Eve changed Ada's passkeys: %+v", list)
		}

		// Ada renames hers: trimmed, at most 64 characters, no control characters.
		var up api.UpdatePasskeyResponse
		ok(t, ada.Do("POST", base+"update-passkey", map[string]any{"id": adas.ID, "name": "  Work laptop  "}), "rename").JSON(t, &up)
		if up.Passkey.ID != adas.ID || up.Passkey.Name != "Work laptop" {
			t.Fatalf("rename answer %+v", up)
		}
		for _, bad := range []string{"", "   ", strings.Repeat("é", 65), "bell\a"} {
			wantError(t, ada.Do("POST", base+"update-passkey", map[string]any{"id": adas.ID, "name": bad}), 400, api.CodeValidation)
		}
		ok(t, ada.Do("POST", base+"update-passkey", map[string]any{"id": adas.ID, "name": strings.Repeat("é", 64)}), "64 characters")
		wantError(t, ada.Do("POST", base+"update-passkey", map[string]any{"id": adas.ID, "name": "x", "userId": "u"}), 400, api.CodeValidation)

		// Ada has a password, so she may delete her only passkey.
		res := ok(t, ada.Do("POST", base+"delete-passkey", map[string]any{"id": adas.ID}), "delete")
		if string(res.Body) != "{\"status\":true}\n" {
			t.Fatalf("delete answer %s", res.Body)
		}
		if s := status(t, ada); s != (api.PasskeyStatus{HasPassword: true}) {
			t.Fatalf("status after delete %+v", s)
		}
		if list := listPasskeys(t, ada); list == nil || len(list) != 0 {
			t.Fatalf("list after delete: %#v (want an empty array)", list)
		}
	})
}

func TestThePasswordlessUsersLastPasskeyStays(t *testing.T) {
	servertest.Each(t, servertest.Setup{}, func(t *testing.T, env *servertest.Env) {
		c := env.NewClient(t)
		a := authenticator(env)
		first := signUpWithPasskey(t, c, a, "Grace", "grace@example.com")

		wantError(t, c.Do("POST", base+"delete-passkey", map[string]any{"id": first.ID}), 400, api.CodeCannotDeleteLastLogin)
		second, _ := register(t, c, a, "")
		ok(t, c.Do("POST", base+"delete-passkey", map[string]any{"id": first.ID}), "delete one of two")
		wantError(t, c.Do("POST", base+"delete-passkey", map[string]any{"id": second.ID}), 400, api.CodeCannotDeleteLastLogin)

		// Two tabs delete the last two passkeys at the same moment: exactly one delete may win.
		for round := range 5 {
			other, _ := register(t, c, a, "")
			ids := []string{second.ID, other.ID}
			codes := make([]int, 2)
			var wg sync.WaitGroup
			for i := range ids {
				wg.Go(func() { codes[i] = c.Do("POST", base+"delete-passkey", map[string]any{"id": ids[i]}).Status })
			}
			wg.Wait()
			if !(codes[0] == 200 && codes[1] == 400 || codes[0] == 400 && codes[1] == 200) {
				t.Fatalf("round %d: concurrent deletes answered %v, want one 200 and one 400", round, codes)
			}
			left := listPasskeys(t, c)
			if len(left) != 1 {
				t.Fatalf("round %d: %d passkeys left", round, len(left))
			}
			second = left[0]
		}
		if s := status(t, c); s != (api.PasskeyStatus{Count: 1, HasPasskey: true}) {
			t.Fatalf("status %+v", s)
		}
	})
}
