package api

import (
	"errors"
	"testing"

	"spacerr/shared/validate"
)

func TestEveryCodeHasAStatus(t *testing.T) {
	for code := range statuses {
		if s := code.Status(); s < 400 || s > 599 {
			t.Errorf("%s maps to %d", code, s)
		}
	}
	if Code("NOPE").Status() != 500 {
		t.Fatal("unknown code should be a 500")
	}
}

func TestValidateNamesTheFieldAndBetterAuthCode(t *testing.T) {
	cases := []struct {
		req   interface{ Validate() error }
		field string
		code  Code
	}{
		{SignUpEmailRequest{Name: "Ada", Email: "nope", Password: "long enough"}, "email", CodeInvalidEmail},
		{SignUpEmailRequest{Name: "Ada", Email: "a@b.co", Password: "short"}, "password", CodePasswordTooShort},
		{SignUpEmailRequest{Name: "", Email: "a@b.co", Password: "long enough"}, "name", CodeInvalidName},
		{SignUpEmailRequest{Name: "Ada", Email: "a@b.co", Password: "long enough", CallbackURL: "//evil"}, "callbackURL", CodeValidation},
		{SignInEmailRequest{Email: "a@b.co"}, "password", CodeValidation},
		{SignInEmailRequest{Email: "a@b", Password: "x"}, "email", CodeInvalidEmail},
	}
	for _, c := range cases {
		var e *Error
		if err := c.req.Validate(); !errors.As(err, &e) || e.Field != c.field || e.Code != c.code || e.Message != validateMessageOr(e) {
			t.Errorf("%+v: got %v", c.req, err)
		}
	}
	if err := (SignUpEmailRequest{Name: "Ada", Email: "a@b.co", Password: "long enough"}).Validate(); err != nil {
		t.Fatal(err)
	}
}

// validateMessageOr returns the message itself when it is non-empty; every error must read well.
func validateMessageOr(e *Error) string {
	if e.Message == "" || e.Message == validate.Message(errors.New("x")) {
		return "<missing message>"
	}
	return e.Message
}
