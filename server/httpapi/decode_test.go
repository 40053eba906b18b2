package httpapi

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"spacerr/shared/api"
)

func TestDecodeBytes(t *testing.T) {
	var req api.SignInEmailRequest
	if err := DecodeBytes([]byte(`{"email":"a@b.co","password":"x","rememberMe":false}`), &req); err != nil {
		t.Fatal(err)
	}
	if req.Remember() {
		t.Fatal("rememberMe:false ignored")
	}
	for body, field := range map[string]string{
		`{"email":"a@b.co","admin":true}`: "admin",
		`{"email":5}`:                     "email",
	} {
		err := DecodeBytes([]byte(body), &req)
		var e *api.Error
		if !errors.As(err, &e) || e.Code != api.CodeValidation || e.Field != field {
			t.Errorf("%s: want a VALIDATION_ERROR on %q, got %v", body, field, err)
		}
	}
	for _, body := range []string{``, `{`, `[]`, `{} {}`, `{}x`, `null x`} {
		var e *api.Error
		if err := DecodeBytes([]byte(body), &req); !errors.As(err, &e) || e.Code != api.CodeValidation {
			t.Errorf("%q: want VALIDATION_ERROR, got %v", body, err)
		}
	}
}

// fuzzDecoder checks, for one request type, that any body either decodes or is refused with a
// VALIDATION_ERROR, never a panic; and that what decodes and validates survives a JSON round trip.
func fuzzDecoder[T interface{ Validate() error }](f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var req T
		err := DecodeBytes(body, &req)
		if err != nil {
			var e *api.Error
			if !errors.As(err, &e) || e.Code != api.CodeValidation || e.Message == "" {
				t.Fatalf("decode error is not a VALIDATION_ERROR: %v", err)
			}
			return
		}
		if err := req.Validate(); err != nil {
			var e *api.Error
			if !errors.As(err, &e) || e.Code.Status() >= 500 || e.Message == "" {
				t.Fatalf("validation error is not a client error: %v", err)
			}
			return
		}
		again, _ := json.Marshal(req)
		var back T
		if err := DecodeBytes(again, &back); err != nil || !reflect.DeepEqual(req, back) {
			t.Fatalf("round trip changed %+v into %+v (%v)", req, back, err)
		}
	})
}

func FuzzDecodeSignUpEmail(f *testing.F) {
	fuzzDecoder[api.SignUpEmailRequest](f,
		`{"name":"Ada","email":"ada@example.com","password":"correct horse"}`,
		`{"name":"Ada","email":"ada@example.com","password":"correct horse","image":null,"callbackURL":"/settings","rememberMe":true}`,
		`{"name":"","email":"x","password":""}`, `{"name":"Ada","extra":1}`, `[]`, strings.Repeat(`{"a":`, 50))
}

func FuzzDecodeSignInEmail(f *testing.F) {
	fuzzDecoder[api.SignInEmailRequest](f,
		`{"email":"ada@example.com","password":"correct horse"}`,
		`{"email":"ada@example.com","password":"x","rememberMe":false,"callbackURL":"https://a.b/"}`,
		`{"email":1}`, `{"password":"\u0000"}`)
}
