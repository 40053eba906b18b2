package settings

import (
	"testing"
	"time"
)

// TestInitials checks the wiring only; app/avatar tests the rule.
func TestInitials(t *testing.T) {
	if got := initials("Ada King Lovelace", "ada@example.com"); got != "AL" {
		t.Errorf("initials = %q", got)
	}
}

func TestMemberSince(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.UTC
	if got := memberSince(time.Date(2025, 3, 4, 23, 30, 0, 0, time.UTC)); got != "March 4, 2025" {
		t.Errorf("memberSince = %q", got)
	}
	// The day is the reader's: late evening in UTC is already the next day in Tokyo.
	time.Local = time.FixedZone("JST", 9*3600)
	if got := memberSince(time.Date(2025, 3, 4, 23, 30, 0, 0, time.UTC)); got != "March 5, 2025" {
		t.Errorf("memberSince in JST = %q", got)
	}
	if got := memberSince(time.Time{}); got != "—" {
		t.Errorf("memberSince(zero) = %q", got)
	}
}
