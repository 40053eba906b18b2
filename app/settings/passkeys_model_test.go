package settings

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/authapi"
	"spacerr/app/browser"
	"spacerr/shared/api"
)

var (
	created  = time.Date(2025, 3, 4, 12, 0, 0, 0, time.UTC)
	lastUsed = time.Date(2025, 3, 5, 12, 0, 0, 0, time.UTC)
)

func twoPasskeys() []api.Passkey {
	return []api.Passkey{
		{ID: "pk1", Name: "iCloud Keychain", CredentialID: "cred1", DeviceType: "multiDevice", BackedUp: true,
			AuthenticatorName: "iCloud Keychain", CreatedAt: created, LastUsedAt: &lastUsed},
		{ID: "pk2", Name: "YubiKey", CredentialID: "cred2", DeviceType: "singleDevice",
			AuthenticatorName: "YubiKey 5 Series", CreatedAt: created},
	}
}

func loadedModel() passkeysModel {
	var m passkeysModel
	m.statusLoaded(api.PasskeyStatus{Count: 2, HasPasskey: true, HasPassword: true})
	m.listLoaded(twoPasskeys(), nil)
	return m
}

func TestCachedStatusShowsUntilTheServerAnswers(t *testing.T) {
	var m passkeysModel
	if got := m.summary(); got != "Sign in with your fingerprint, face or screen lock." {
		t.Errorf("summary without anything = %q", got)
	}
	m.cached(api.PasskeyStatus{Count: 5, HasPasskey: true})
	if got := m.summary(); got != "5 passkeys" {
		t.Errorf("summary from the cache = %q", got)
	}
	if got := m.skeletonRows(); got != 3 {
		t.Errorf("skeletonRows = %d, want at most 3", got)
	}
	m.listLoaded(twoPasskeys(), nil)
	if got := m.summary(); got != "2 passkeys" || m.status.Count != 2 {
		t.Errorf("after the list: summary %q, status %+v", got, m.status)
	}
	// A late cache read must not overwrite what the server said.
	m.cached(api.PasskeyStatus{Count: 9})
	if m.status.Count != 2 {
		t.Errorf("the cache overwrote the server's status: %+v", m.status)
	}
	if !m.complete() {
		t.Error("a list that matches the status is not complete")
	}
}

func TestSummary(t *testing.T) {
	var m passkeysModel
	m.listLoaded([]api.Passkey{}, nil)
	if got := m.summary(); got != "No passkeys yet." {
		t.Errorf("summary = %q", got)
	}
	m.listLoaded(twoPasskeys()[:1], nil)
	if got := m.summary(); got != "1 passkey" {
		t.Errorf("summary = %q", got)
	}
}

func TestIncompleteListIsNotSignalled(t *testing.T) {
	var m passkeysModel
	m.statusLoaded(api.PasskeyStatus{Count: 150, HasPasskey: true})
	if m.complete() {
		t.Error("complete before the list loaded")
	}
	m.loaded, m.list = true, twoPasskeys() // as if the server had cut the list short
	m.status.Count = 150
	if m.complete() {
		t.Error("a list shorter than the status is complete")
	}
}

func TestLoadFailureShowsAlertAndRetryClearsIt(t *testing.T) {
	var m passkeysModel
	m.listLoaded(nil, &authapi.NetworkError{Err: errors.New("offline")})
	if m.alert != "Can't reach the server. Check your connection." || m.loaded {
		t.Fatalf("alert %q loaded %v", m.alert, m.loaded)
	}
	m.listLoaded(twoPasskeys(), nil)
	if m.alert != "" {
		t.Errorf("alert %q survives a successful load", m.alert)
	}
}

func TestAdd(t *testing.T) {
	m := loadedModel()
	if !m.startAdd() || m.startAdd() {
		t.Fatal("startAdd must allow one request at a time")
	}
	m.added(api.Passkey{}, &browser.CeremonyError{Kind: browser.ErrCancelled})
	if m.alert != browser.ErrCancelled.Error() || !m.calm || m.busy != "" || len(m.list) != 2 {
		t.Fatalf("cancelled add: alert %q calm %v busy %q", m.alert, m.calm, m.busy)
	}
	m.startAdd()
	if m.alert != "" {
		t.Error("a new attempt keeps the old message")
	}
	m.added(api.Passkey{}, &browser.CeremonyError{Kind: browser.ErrAborted})
	if m.alert != "" {
		t.Errorf("an aborted add shows %q", m.alert)
	}
	m.startAdd()
	m.added(api.Passkey{ID: "pk3", Name: "Windows Hello", CredentialID: "cred3"}, nil)
	if len(m.list) != 3 || m.status.Count != 3 || m.notice == "" || m.alert != "" {
		t.Errorf("after add: %d passkeys, status %+v, notice %q, alert %q", len(m.list), m.status, m.notice, m.alert)
	}
	if !m.complete() {
		t.Error("the list stopped being complete after an add")
	}
}

func TestAddAlreadyRegistered(t *testing.T) {
	m := loadedModel()
	m.startAdd()
	m.added(api.Passkey{}, &browser.CeremonyError{Kind: browser.ErrAlreadyRegistered, Name: "InvalidStateError"})
	if m.alert != "This device already has a passkey for your account." || m.calm {
		t.Errorf("alert %q calm %v", m.alert, m.calm)
	}
}

func TestRename(t *testing.T) {
	m := loadedModel()
	if m.startRename("nope") {
		t.Fatal("renaming an unknown passkey started")
	}
	if !m.startRename("pk2") || m.editing != "pk2" || m.draft != "YubiKey" {
		t.Fatalf("startRename: editing %q draft %q", m.editing, m.draft)
	}

	for _, bad := range []string{"   ", strings.Repeat("x", api.MaxPasskeyNameChars+1), "tab\there"} {
		m.draft = bad
		if _, ok := m.saveRename(); ok || m.draftError == "" || m.editing != "pk2" {
			t.Errorf("draft %q: ok=%v error=%q editing=%q", bad, ok, m.draftError, m.editing)
		}
	}

	m.draft = "  YubiKey  " // unchanged once trimmed: the editor just closes
	if _, ok := m.saveRename(); ok || m.editing != "" {
		t.Fatalf("unchanged name: ok=%v editing=%q", ok, m.editing)
	}

	m.startRename("pk2")
	m.draft = strings.Repeat("é", api.MaxPasskeyNameChars) // 64 characters, 128 bytes: allowed
	req, ok := m.saveRename()
	if !ok || req.ID != "pk2" || req.Name != m.draft || m.busy != "pk2" {
		t.Fatalf("saveRename = %+v, %v (busy %q)", req, ok, m.busy)
	}
	if _, again := m.saveRename(); again {
		t.Error("a second save while one runs was allowed")
	}

	m.renamed("pk2", api.Passkey{}, api.Errorf(api.CodeValidation, "Give the passkey a name."))
	if m.editing != "pk2" || m.draftError != "Give the passkey a name." || m.busy != "" {
		t.Fatalf("failed rename: editing %q error %q busy %q", m.editing, m.draftError, m.busy)
	}

	m.draft = "Work key"
	m.saveRename()
	stored := twoPasskeys()[1]
	stored.Name = "Work key"
	m.renamed("pk2", stored, nil)
	if m.list[1].Name != "Work key" || m.editing != "" || m.notice != "Passkey renamed." {
		t.Errorf("after rename: %+v editing %q notice %q", m.list[1], m.editing, m.notice)
	}
}

func TestCancelRename(t *testing.T) {
	m := loadedModel()
	m.startRename("pk1")
	m.draft = "Something else"
	m.cancelRename()
	if m.editing != "" || m.list[0].Name != "iCloud Keychain" {
		t.Errorf("cancel changed the name or left the editor open")
	}
}

func TestDeleteNeedsConfirmation(t *testing.T) {
	m := loadedModel()
	if m.startDelete("pk1") {
		t.Fatal("deleted without confirmation")
	}
	if !m.askDelete("pk1") || m.confirming != "pk1" {
		t.Fatal("askDelete did not ask")
	}
	if m.startDelete("pk2") {
		t.Fatal("deleted another passkey than the one confirmed")
	}
	m.cancelDelete()
	if m.confirming != "" || m.startDelete("pk1") {
		t.Fatal("cancel did not close the confirmation")
	}

	m.askDelete("pk1")
	if !m.startDelete("pk1") || m.busy != "pk1" {
		t.Fatal("confirmed deletion refused")
	}
	m.deleted("pk1", nil)
	if len(m.list) != 1 || m.list[0].ID != "pk2" || m.status.Count != 1 || m.notice != "Passkey deleted." || m.confirming != "" {
		t.Errorf("after delete: %+v status %+v notice %q", m.list, m.status, m.notice)
	}
}

func TestDeletingTheLastWayIn(t *testing.T) {
	var m passkeysModel
	m.statusLoaded(api.PasskeyStatus{Count: 1, HasPasskey: true, HasPassword: false})
	m.listLoaded(twoPasskeys()[:1], nil)
	if !m.lastWayIn("pk1") {
		t.Fatal("the only passkey of an account without a password is not its last way in")
	}
	m.askDelete("pk1")
	m.startDelete("pk1")
	m.deleted("pk1", api.Errorf(api.CodeCannotDeleteLastLogin, "You can't delete your only way to sign in."))
	if m.alert != "You can't delete your only way to sign in." || len(m.list) != 1 || m.busy != "" || m.confirming != "" {
		t.Errorf("refused delete: alert %q list %d busy %q", m.alert, len(m.list), m.busy)
	}

	m2 := loadedModel()
	m2.list = m2.list[:1]
	if m2.lastWayIn("pk1") {
		t.Error("with a password, a single passkey is not the last way in")
	}
}

func TestPasskeyKind(t *testing.T) {
	for _, tt := range []struct {
		p    api.Passkey
		want string
	}{
		{api.Passkey{DeviceType: "multiDevice", BackedUp: true}, "Synced"},
		{api.Passkey{DeviceType: "multiDevice"}, "Synced"},
		{api.Passkey{BackedUp: true}, "Synced"},
		{api.Passkey{DeviceType: "singleDevice"}, "This device"},
		{api.Passkey{}, "This device"},
	} {
		if got := passkeyKind(tt.p); got != tt.want {
			t.Errorf("passkeyKind(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// card renders the card from a model, as the browser would after loading.
func card(m passkeysModel, supported bool) string {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.UTC
	c := &passkeysCard{m: m, supported: supported}
	return app.HTMLString(c.Render())
}

func TestCardListMarkup(t *testing.T) {
	m := loadedModel()
	html := card(m, true)
	for _, want := range []string{
		`id="passkeys"`, `id="add-passkey"`, `id="passkey-list"`,
		`id="passkey-pk1"`, `id="passkey-pk2"`,
		`id="rename-passkey-pk1"`, `id="delete-passkey-pk2"`,
		`id="passkey-status"`, `role="status"`,
		`Added`, `<time datetime="2025-03-04">March 4, 2025</time>`,
		`Last used`, `<time datetime="2025-03-05">March 5, 2025</time>`,
		`Never used`, `Synced`, `This device`, `YubiKey 5 Series`, `2 passkeys`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("card lacks %s", want)
		}
	}
	if strings.Contains(html, "style=") || strings.Contains(html, `id="passkey-error"`) {
		t.Errorf("card has an inline style or an error:\n%s", html)
	}
	// The authenticator's name is not repeated when it is the passkey's name.
	if strings.Count(html, "iCloud Keychain") != 3 { // name, and the hidden half of two button labels
		t.Errorf("iCloud Keychain appears %d times", strings.Count(html, "iCloud Keychain"))
	}
}

func TestCardRenameAndConfirmMarkup(t *testing.T) {
	m := loadedModel()
	m.askDelete("pk2")
	m.startRename("pk1") // startRename closes the confirmation; set it again to draw both
	m.confirming = "pk2"
	m.draftError = "Give the passkey a name."
	html := card(m, true)
	for _, want := range []string{
		`id="passkey-name-pk1"`, `maxlength="64"`, `value="iCloud Keychain"`, `aria-invalid`,
		`aria-describedby="passkey-name-pk1-error"`, `Give the passkey a name.`,
		`id="confirm-delete-pk2"`, `id="cancel-delete-pk2"`, `Delete this passkey?`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("card lacks %s", want)
		}
	}
	for _, gone := range []string{`id="rename-passkey-pk1"`, `id="delete-passkey-pk2"`} {
		if strings.Contains(html, gone) {
			t.Errorf("card still shows %s while that passkey is being edited or confirmed", gone)
		}
	}
}

func TestCardEmptyAndErrorStates(t *testing.T) {
	var m passkeysModel
	m.listLoaded([]api.Passkey{}, nil)
	html := card(m, true)
	if !strings.Contains(html, "Passkeys let you sign in") || strings.Contains(html, `id="passkey-list"`) {
		t.Errorf("empty state:\n%s", html)
	}
	if html := card(m, false); strings.Contains(html, `id="add-passkey"`) || !strings.Contains(html, "create passkeys") {
		t.Errorf("unsupported browser:\n%s", html)
	}

	var failed passkeysModel
	failed.listLoaded(nil, &authapi.NetworkError{Err: errors.New("offline")})
	html = card(failed, true)
	if !strings.Contains(html, `id="passkey-error"`) || !strings.Contains(html, `role="alert"`) || !strings.Contains(html, "Try again") {
		t.Errorf("load failure:\n%s", html)
	}
}
