package settings

import (
	"strings"
	"testing"

	"spacerr/shared/api"
)

const testURI = "otpauth://totp/Spacerr:ada%40example.com?issuer=Spacerr&secret=JBSWY3DPEHPK3PXP"

const testQR = "data:image/png;base64,iVBORw0KGgo="

var testCodes = []string{"ABCDE-12345", "FGHJK-67890", "MNPQR-23456"}

func enabledModel(remaining int) twoFactorModel {
	m := newTwoFactorModel()
	m.statusLoaded(api.TwoFactorStatus{Enabled: true, HasPassword: true, BackupCodesRemaining: remaining}, nil)
	return m
}

func TestTwoFactorEnableFlow(t *testing.T) {
	m := newTwoFactorModel()
	m.statusLoaded(api.TwoFactorStatus{HasPassword: true}, nil)
	if !m.start(tfEnable) || m.step != tfPassword {
		t.Fatalf("start: step %v", m.step)
	}
	if m.start(tfDisable) {
		t.Error("a second flow opened over the first")
	}

	if _, ok, focus := m.submitPassword(); ok || focus != fieldPassword || m.passwordMessage() != "Enter your password." {
		t.Fatalf("empty password: ok %v focus %q message %q", ok, focus, m.passwordMessage())
	}
	m.password = "correct horse"
	pw, ok, _ := m.submitPassword()
	if !ok || pw != "correct horse" || !m.busy() {
		t.Fatalf("submitPassword = %q, %v", pw, ok)
	}
	if focus := m.passwordDone(api.EnableTwoFactorResponse{}, nil,
		api.FieldError(api.CodeInvalidPassword, "password", "The password is not correct.")); focus != fieldPassword {
		t.Fatalf("wrong password: focus %q", focus)
	}
	if m.passwordMessage() != "The password is not correct." || m.step != tfPassword || m.busy() {
		t.Fatalf("wrong password: message %q step %v", m.passwordMessage(), m.step)
	}

	m.submitPassword()
	m.passwordDone(api.EnableTwoFactorResponse{Method: "totp", TOTPURI: testURI, QRCode: testQR, BackupCodes: testCodes}, nil, nil)
	if m.step != tfScan || m.secret != "JBSWY3DPEHPK3PXP" || m.uri != testURI || m.qr != testQR || m.password != "" {
		t.Fatalf("after enable: %+v", m)
	}
	if !m.status.PendingVerification || m.status.Enabled {
		t.Errorf("status after enable: %+v", m.status)
	}

	m.code = "12345"
	if _, ok, focus := m.submitCode(); ok || focus != fieldCode {
		t.Fatal("a 5-digit code was sent")
	}
	m.code = "123 456"
	req, ok, _ := m.submitCode()
	if !ok || req != (api.VerifyTOTPRequest{Code: "123456"}) {
		t.Fatalf("submitCode = %+v, %v", req, ok)
	}
	if focus := m.codeDone(api.FieldError(api.CodeInvalidCode, "code", "That code is not right.")); focus != fieldCode || m.codeMessage() != "That code is not right." {
		t.Fatalf("wrong code: focus %q message %q", focus, m.codeMessage())
	}
	m.submitCode()
	m.codeDone(nil)
	if m.step != tfCodes || m.secret != "" || m.uri != "" || m.qr != "" || len(m.codes) != 3 {
		t.Fatalf("after verify: %+v", m)
	}
	if m.status != (api.TwoFactorStatus{Enabled: true, HasPassword: true, BackupCodesRemaining: 3}) {
		t.Errorf("status after verify: %+v", m.status)
	}

	m.cancel()
	if m.step != tfCodes {
		t.Fatal("cancel closed the backup codes before they were saved")
	}
	if m.finish() {
		t.Fatal("finished without \"I have saved these codes\"")
	}
	m.toggleSaved()
	if !m.finish() {
		t.Fatal("finish refused")
	}
	if m.step != tfIdle || m.codes != nil || m.secret != "" || m.saved || m.notice != "Two-factor authentication is on." {
		t.Errorf("after finish: %+v", m)
	}
}

func TestTwoFactorEnableRejectsBadAnswer(t *testing.T) {
	m := newTwoFactorModel()
	m.statusLoaded(api.TwoFactorStatus{HasPassword: true}, nil)
	m.start(tfEnable)
	m.password = "pw"
	m.submitPassword()
	m.passwordDone(api.EnableTwoFactorResponse{TOTPURI: "https://example.com"}, nil, nil)
	if m.step != tfIdle || m.alert == "" {
		t.Errorf("a URI without a secret went on: %+v", m)
	}
}

func TestTwoFactorRegenerate(t *testing.T) {
	m := enabledModel(1)
	m.start(tfRegenerate)
	m.password = "pw"
	m.submitPassword()
	m.passwordDone(api.EnableTwoFactorResponse{}, testCodes, nil)
	if m.step != tfCodes || len(m.codes) != 3 || m.status.BackupCodesRemaining != 3 {
		t.Fatalf("after regenerate: %+v", m)
	}
	m.toggleSaved()
	m.finish()
	if m.codes != nil || !strings.Contains(m.notice, "new backup codes") || !m.status.Enabled {
		t.Errorf("after finish: %+v", m)
	}
}

func TestTwoFactorDisable(t *testing.T) {
	m := enabledModel(8)
	m.start(tfDisable)
	m.password = "pw"
	m.submitPassword()
	m.passwordDone(api.EnableTwoFactorResponse{}, nil, nil)
	if m.step != tfIdle || m.status.Enabled || m.status.BackupCodesRemaining != 0 || m.notice != "Two-factor authentication is off." {
		t.Errorf("after disable: %+v", m)
	}
}

func TestTwoFactorServerSaysOtherwise(t *testing.T) {
	m := enabledModel(8)
	m.start(tfRegenerate)
	m.password = "pw"
	m.submitPassword()
	m.passwordDone(api.EnableTwoFactorResponse{}, nil, api.Errorf(api.CodeTwoFactorNotEnabled, "Two-factor authentication is not turned on."))
	if m.step != tfIdle || m.status.Enabled || m.alert == "" {
		t.Errorf("TWO_FACTOR_NOT_ENABLED: %+v", m)
	}

	m = enabledModel(8)
	m.status.Enabled = false
	m.start(tfEnable)
	m.password = "pw"
	m.submitPassword()
	m.passwordDone(api.EnableTwoFactorResponse{}, nil, api.Errorf(api.CodePasswordRequired, "Set a password first."))
	if m.step != tfIdle || m.status.HasPassword || m.alert == "" {
		t.Errorf("PASSWORD_REQUIRED: %+v", m)
	}
	if m.start(tfEnable) {
		t.Error("a flow that needs a password opened without one")
	}
	m.passwordSet()
	if !m.start(tfEnable) {
		t.Error("still no flow after a password was set")
	}
}

func TestTwoFactorCancelForgets(t *testing.T) {
	m := newTwoFactorModel()
	m.statusLoaded(api.TwoFactorStatus{HasPassword: true}, nil)
	m.start(tfEnable)
	m.password = "pw"
	m.submitPassword()
	m.passwordDone(api.EnableTwoFactorResponse{TOTPURI: testURI, QRCode: testQR, BackupCodes: testCodes}, nil, nil)
	m.cancel()
	if m.step != tfIdle || m.secret != "" || m.uri != "" || m.qr != "" || m.codes != nil {
		t.Errorf("cancel kept secrets: %+v", m)
	}
	if !m.status.PendingVerification {
		t.Error("an abandoned setup is not pending")
	}
}

func TestTwoFactorStatusSources(t *testing.T) {
	m := newTwoFactorModel()
	m.cached(api.TwoFactorStatus{Enabled: true, HasPassword: true, BackupCodesRemaining: 2})
	if !m.statusKnown || m.loaded {
		t.Fatal("cache not shown")
	}
	m.statusLoaded(api.TwoFactorStatus{}, api.Errorf(api.CodeInternal, "x"))
	if m.alert != "" || !m.status.Enabled {
		t.Errorf("a failed load hid the cached status: %+v", m)
	}
	m.statusLoaded(api.TwoFactorStatus{HasPassword: true}, nil)
	m.cached(api.TwoFactorStatus{Enabled: true})
	if m.status.Enabled || !m.loaded {
		t.Errorf("the cache overrode the server: %+v", m.status)
	}

	m = newTwoFactorModel()
	m.statusLoaded(api.TwoFactorStatus{}, api.Errorf(api.CodeInternal, "Something went wrong on our side. Please try again."))
	if m.alert == "" {
		t.Error("nothing to show and no alert")
	}
}

func TestBackupCodesRemaining(t *testing.T) {
	tests := []struct {
		n    int
		few  bool
		want string
	}{
		{10, false, "10 backup codes left."},
		{4, false, "4 backup codes left."},
		{3, true, "3 backup codes left. Generate new ones soon."},
		{1, true, "1 backup code left. Generate new ones soon."},
		{0, true, "No backup codes left."},
	}
	for _, tt := range tests {
		m := enabledModel(tt.n)
		if m.fewCodes() != tt.few || !strings.HasPrefix(m.remaining(), tt.want) {
			t.Errorf("%d codes: few %v, %q", tt.n, m.fewCodes(), m.remaining())
		}
	}
	if m := newTwoFactorModel(); m.fewCodes() {
		t.Error("warns about codes with two-factor off")
	}
}
