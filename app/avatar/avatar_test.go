package avatar

import "testing"

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
		{"--- ---", "", "--"},
	}
	for _, tt := range tests {
		if got := Initials(tt.name, tt.email); got != tt.want {
			t.Errorf("Initials(%q, %q) = %q, want %q", tt.name, tt.email, got, tt.want)
		}
	}
}
