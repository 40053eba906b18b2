package settings

import (
	"testing"
	"time"
)

func TestInitials(t *testing.T) {
	tests := []struct{ name, email, want string }{
		{"Ada Lovelace", "ada@example.com", "AL"},
		{"Ada King Lovelace", "", "AL"},
		{"  grace  ", "", "G"},
		{"élodie durand", "", "ÉD"},
		{"(Bob) Smith", "", "BS"},
		{"", "zoe@example.com", "Z"},
		{"", "", "?"},
		{"李 小龍", "", "李小"},
	}
	for _, tt := range tests {
		if got := initials(tt.name, tt.email); got != tt.want {
			t.Errorf("initials(%q, %q) = %q, want %q", tt.name, tt.email, got, tt.want)
		}
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
