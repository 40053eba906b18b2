package validate

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEmail(t *testing.T) {
	for _, ok := range []string{"ada@example.com", " Ada@Example.COM ", "a.b+tag@sub.example.co.uk", "x@y.io"} {
		if err := Email(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "ada", "ada@", "@example.com", "ada@example", "ada@.example.com", "ada@example.com.",
		"ada@exa..mple.com", "Ada <ada@example.com>", "a b@example.com", "ada@[127.0.0.1]", `"a"@example.com`,
		strings.Repeat("a", 250) + "@example.com", "ada@example.com\x00"} {
		if err := Email(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestNameAndPassword(t *testing.T) {
	if Name("  Ada  ") != nil || Name("") != ErrNameEmpty || Name("   ") != ErrNameEmpty ||
		Name(strings.Repeat("é", 101)) != ErrNameTooLong || Name("Ada\nLovelace") != ErrNameInvalid || Name(strings.Repeat("é", 100)) != nil {
		t.Fatal("name rules")
	}
	if Password("1234567") != ErrPasswordTooShort || Password("12345678") != nil || Password(strings.Repeat("é", 128)) != nil ||
		Password(strings.Repeat("é", 129)) != ErrPasswordTooLong || Password("abcdefg\xff") != ErrPasswordInvalid {
		t.Fatal("password rules")
	}
	for _, err := range []error{ErrEmailInvalid, ErrNameEmpty, ErrPasswordTooShort, ErrPasswordTooLong} {
		if Message(err) == "Check this field." {
			t.Errorf("%v has no message", err)
		}
	}
}

func TestCallbackURL(t *testing.T) {
	for _, ok := range []string{"/settings", "/a?b=c#d", "https://app.example.com/x", "http://localhost:8080/"} {
		if err := CallbackURL(ok); err != nil {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"//evil.com", "/\\evil.com", "/%2f%2fevil.com", "/%5Cevil", "javascript:alert(1)",
		"https://user:pw@evil.com", "evil.com", "ftp://x.com", "/a\nb", ""} {
		if err := CallbackURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func FuzzEmail(f *testing.F) {
	for _, s := range []string{"ada@example.com", "a@b.c", "ADA@EXAMPLE.COM", "a@b", "\"x\"@y.z", "a@[::1]", "é@ü.de"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Email(s) != nil {
			return
		}
		n := NormalizeEmail(s)
		if Email(n) != nil {
			t.Fatalf("normalised %q of valid %q is invalid", n, s)
		}
		if len(n) > MaxEmailBytes || strings.Count(n, "@") < 1 || strings.ContainsAny(n, " \t\r\n") || n != strings.ToLower(n) {
			t.Fatalf("accepted odd email %q", n)
		}
	})
}

func FuzzName(f *testing.F) {
	for _, s := range []string{"Ada", " ", "Zoë 李", "a\u2028b", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Name(s) != nil {
			return
		}
		n := NormalizeName(s)
		if n == "" || utf8.RuneCountInString(n) > MaxNameChars || strings.ContainsAny(n, "\x00\n\r") {
			t.Fatalf("accepted bad name %q", s)
		}
	})
}

func FuzzPassword(f *testing.F) {
	for _, s := range []string{"12345678", "short", strings.Repeat("x", 128), "pässwörd", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := Password(s)
		n := utf8.RuneCountInString(s)
		valid := utf8.ValidString(s) && n >= MinPasswordChars && n <= MaxPasswordChars
		if (err == nil) != valid {
			t.Fatalf("Password(%q) = %v, valid=%v", s, err, valid)
		}
	})
}

func FuzzCallbackURL(f *testing.F) {
	for _, s := range []string{"/settings", "//evil", "/\\evil", "https://a.b/c", "javascript:x", "/%2F%2Fx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CallbackURL(s) != nil {
			return
		}
		if strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") || strings.ContainsAny(s, "\r\n\x00") {
			t.Fatalf("accepted unsafe callback %q", s)
		}
		if !strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
			t.Fatalf("accepted non-http callback %q", s)
		}
	})
}
