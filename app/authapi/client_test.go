package authapi

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"spacerr/shared/api"
)

// request is what the fake transport saw.
type request struct {
	method, path string
	body         []byte
}

// fake answers every request with status and body (or err) and records the request.
func fake(status int, body string, err error) (*Client, *request) {
	seen := &request{}
	c := New(func(ctx context.Context, method, path string, b []byte) (int, []byte, error) {
		*seen = request{method, path, b}
		if err != nil {
			return 0, nil, err
		}
		return status, []byte(body), nil
	})
	return c, seen
}

const authBody = `{"redirect":false,"token":"tok","user":{"id":"u1","name":"Ada","email":"ada@example.com",
	"emailVerified":false,"image":null,"createdAt":"2025-03-04T10:00:00Z","updatedAt":"2025-03-04T10:00:00Z"}}`

func TestSignUpEmail(t *testing.T) {
	c, seen := fake(200, authBody, nil)
	res, err := c.SignUpEmail(context.Background(), api.SignUpEmailRequest{Name: "Ada", Email: "ada@example.com", Password: "correct horse"})
	if err != nil {
		t.Fatalf("SignUpEmail: %v", err)
	}
	if seen.method != "POST" || seen.path != "/api/auth/sign-up/email" {
		t.Errorf("request = %s %s", seen.method, seen.path)
	}
	var sent map[string]any
	if err := json.Unmarshal(seen.body, &sent); err != nil {
		t.Fatalf("body %q: %v", seen.body, err)
	}
	if sent["name"] != "Ada" || sent["email"] != "ada@example.com" || sent["password"] != "correct horse" {
		t.Errorf("body = %s", seen.body)
	}
	if res.User.ID != "u1" || res.User.Name != "Ada" || !res.User.CreatedAt.Equal(time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("user = %+v", res.User)
	}
}

func TestSignInEmailSendsRememberMe(t *testing.T) {
	c, seen := fake(200, authBody, nil)
	no := false
	if _, err := c.SignInEmail(context.Background(), api.SignInEmailRequest{Email: "a@b.co", Password: "x", RememberMe: &no}); err != nil {
		t.Fatalf("SignInEmail: %v", err)
	}
	if seen.path != "/api/auth/sign-in/email" {
		t.Errorf("path = %s", seen.path)
	}
	var sent map[string]any
	json.Unmarshal(seen.body, &sent)
	if v, ok := sent["rememberMe"]; !ok || v != false {
		t.Errorf("rememberMe = %v (present %v), want false", v, ok)
	}
}

func TestGetSession(t *testing.T) {
	c, seen := fake(200, `{"session":{"id":"s1","token":"t","userId":"u1","expiresAt":"2025-04-01T00:00:00Z",
		"createdAt":"2025-03-04T10:00:00Z","updatedAt":"2025-03-04T10:00:00Z","ipAddress":"","userAgent":""},
		"user":{"id":"u1","name":"Ada","email":"ada@example.com","emailVerified":true,"image":null,
		"createdAt":"2025-03-04T10:00:00Z","updatedAt":"2025-03-04T10:00:00Z"}}`, nil)
	s, err := c.GetSession(context.Background())
	if err != nil {
		t.Fatalf("GetSession: %v", err)
	}
	if seen.method != "GET" || seen.path != "/api/auth/get-session" || seen.body != nil {
		t.Errorf("request = %s %s %q", seen.method, seen.path, seen.body)
	}
	if s == nil || s.User.Email != "ada@example.com" || s.Session.ID != "s1" {
		t.Fatalf("session = %+v", s)
	}
}

func TestGetSessionSignedOut(t *testing.T) {
	for _, body := range []string{"null", " null\n"} {
		c, _ := fake(200, body, nil)
		s, err := c.GetSession(context.Background())
		if s != nil || err != nil {
			t.Errorf("body %q: GetSession = %v, %v; want nil, nil", body, s, err)
		}
	}
}

func TestSignOut(t *testing.T) {
	c, seen := fake(200, `{"success":true}`, nil)
	if err := c.SignOut(context.Background()); err != nil {
		t.Fatalf("SignOut: %v", err)
	}
	if seen.method != "POST" || seen.path != "/api/auth/sign-out" || string(seen.body) != "{}" {
		t.Errorf("request = %s %s %q", seen.method, seen.path, seen.body)
	}
}

func TestErrorsDecodeIntoAPIError(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   api.Error
	}{
		{"server error with field", 400, `{"code":"INVALID_EMAIL","message":"Enter a valid email address.","field":"email"}`,
			api.Error{Code: api.CodeInvalidEmail, Message: "Enter a valid email address.", Field: "email"}},
		{"wrong password", 401, `{"code":"INVALID_EMAIL_OR_PASSWORD","message":"Invalid email or password."}`,
			api.Error{Code: api.CodeInvalidEmailOrPass, Message: "Invalid email or password."}},
		{"rate limited", 429, `{"code":"TOO_MANY_REQUESTS","message":"Too many requests."}`,
			api.Error{Code: api.CodeTooManyRequests, Message: "Too many requests."}},
		{"code without message", 422, `{"code":"USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"}`,
			api.Error{Code: api.CodeUserAlreadyExists, Message: msgUnexpected}},
		{"proxy HTML page", 502, `<html>Bad Gateway</html>`, api.Error{Code: api.CodeInternal, Message: msgUnexpected}},
		{"empty body", 500, ``, api.Error{Code: api.CodeInternal, Message: msgUnexpected}},
		{"JSON that is not an error", 404, `{"error":"nope"}`, api.Error{Code: api.CodeInternal, Message: msgUnexpected}},
		{"2xx that is not JSON", 200, `<html>Sign in to the Wi-Fi</html>`, api.Error{Code: api.CodeInternal, Message: msgUnexpected}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := fake(tt.status, tt.body, nil)
			_, err := c.SignInEmail(context.Background(), api.SignInEmailRequest{Email: "a@b.co", Password: "x"})
			var got *api.Error
			if !errors.As(err, &got) {
				t.Fatalf("error = %v (%T), want *api.Error", err, err)
			}
			if *got != tt.want {
				t.Errorf("error = %+v, want %+v", *got, tt.want)
			}
			if Message(err) != tt.want.Message {
				t.Errorf("Message = %q, want %q", Message(err), tt.want.Message)
			}
		})
	}
}

func TestNetworkFailureIsFriendly(t *testing.T) {
	cause := errors.New("browser: fetch: TypeError: Failed to fetch")
	c, _ := fake(0, "", cause)
	_, err := c.GetSession(context.Background())
	var ne *NetworkError
	if !errors.As(err, &ne) || !errors.Is(err, cause) {
		t.Fatalf("error = %v (%T), want *NetworkError wrapping the cause", err, err)
	}
	if got, want := Message(err), "Can't reach the server. Check your connection."; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
}

func TestCancelledContextIsNotANetworkError(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c, _ := fake(0, "", context.Canceled)
	err := c.SignOut(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	var ne *NetworkError
	if errors.As(err, &ne) {
		t.Error("a cancelled request must not look like a network failure")
	}
}

func TestMessage(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{api.Errorf(api.CodeTooManyRequests, "Slow down."), "Slow down."},
		{&NetworkError{Err: errors.New("x")}, msgUnreachable},
		{context.DeadlineExceeded, msgUnreachable},
		{errors.New("json: cannot unmarshal"), msgUnexpected},
	}
	for _, tt := range tests {
		if got := Message(tt.err); got != tt.want {
			t.Errorf("Message(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
