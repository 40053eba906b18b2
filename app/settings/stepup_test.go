package settings

import (
	"errors"
	"testing"

	"spacerr/app/stepup"
)

// A cancelled "Confirm it's you" leaves each card as it was before the click.

func TestCanceledStepUpKeepsDeleteConfirmation(t *testing.T) {
	m := loadedModel()
	m.askDelete("pk1")
	m.startDelete("pk1")
	m.deleted("pk1", &stepup.CanceledError{Err: errors.New("x")})
	if m.busy != "" || m.confirming != "pk1" || len(m.list) != 2 || m.alert != "" {
		t.Fatalf("after cancel: busy %q confirming %q list %d alert %q", m.busy, m.confirming, len(m.list), m.alert)
	}
}

func TestCanceledStepUpAddsNothingAndSaysNothing(t *testing.T) {
	m := loadedModel()
	if !m.startAdd() {
		t.Fatal("add refused")
	}
	m.added(m.list[0], &stepup.CanceledError{Err: errors.New("x")})
	if m.busy != "" || len(m.list) != 2 || m.alert != "" || m.notice != "" {
		t.Fatalf("after cancel: %+v", m)
	}
}

func TestCanceledStepUpKeepsThePasswordForm(t *testing.T) {
	m := newPasswordModel()
	m.current, m.next = "old password", "new password long"
	if _, ok, _ := m.submitChange(); !ok {
		t.Fatal("submit refused")
	}
	m.done(&stepup.CanceledError{Err: errors.New("x")}, false, false)
	if m.form.Pending() || m.form.Alert() != "" || m.current != "old password" || m.notice != "" {
		t.Fatalf("after cancel: %+v", m)
	}
}
