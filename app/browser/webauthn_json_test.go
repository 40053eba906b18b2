package browser

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// creationJSON is what go-webauthn sends for a registration, trimmed to the fields that matter.
const creationJSON = `{
	"rp": {"name": "Spacerr", "id": "localhost"},
	"user": {"name": "ada@example.com", "displayName": "Ada", "id": "dXNlci0x"},
	"challenge": "AAEC_-8",
	"pubKeyCredParams": [{"type": "public-key", "alg": -7}],
	"timeout": 300000,
	"excludeCredentials": [{"type": "public-key", "id": "q80=", "transports": ["internal"]}],
	"authenticatorSelection": {"residentKey": "required", "userVerification": "required"},
	"attestation": "none"
}`

func TestDecodeBase64URL(t *testing.T) {
	tests := []struct {
		in   string
		want []byte
		ok   bool
	}{
		{"", []byte{}, true},
		{"AAEC_-8", []byte{0, 1, 2, 0xff, 0xef}, true},
		{"q80", []byte{0xab, 0xcd}, true},
		{"q80=", []byte{0xab, 0xcd}, true}, // padded base64url, which go-webauthn also accepts
		{"q80==", []byte{0xab, 0xcd}, true},
		{"AAEC/+8", nil, false}, // standard base64 is a server bug, not something to paper over
		{"AAEC+/8", nil, false},
		{"a", nil, false},
		{"not base64!", nil, false},
	}
	for _, tt := range tests {
		got, err := decodeBase64URL(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("decodeBase64URL(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && !bytes.Equal(got, tt.want) {
			t.Errorf("decodeBase64URL(%q) = %x, want %x", tt.in, got, tt.want)
		}
	}
	if got := encodeBase64URL([]byte{0, 1, 2, 0xff, 0xef}); got != "AAEC_-8" {
		t.Errorf("encodeBase64URL = %q, want unpadded base64url", got)
	}
}

func TestDecodeCreationOptions(t *testing.T) {
	for name, doc := range map[string]string{
		"bare":              creationJSON,
		"go-webauthn shape": `{"publicKey": ` + creationJSON + `, "mediation": ""}`,
	} {
		t.Run(name, func(t *testing.T) {
			opts, err := decodeOptions(creation, []byte(doc))
			if err != nil {
				t.Fatalf("decodeOptions: %v", err)
			}
			if got := opts["challenge"]; !reflect.DeepEqual(got, []byte{0, 1, 2, 0xff, 0xef}) {
				t.Errorf("challenge = %#v", got)
			}
			user := opts["user"].(map[string]any)
			if got := user["id"]; !reflect.DeepEqual(got, []byte("user-1")) {
				t.Errorf("user.id = %#v", got)
			}
			if user["name"] != "ada@example.com" {
				t.Errorf("user.name = %#v; strings must stay strings", user["name"])
			}
			exclude := opts["excludeCredentials"].([]any)[0].(map[string]any)
			if got := exclude["id"]; !reflect.DeepEqual(got, []byte{0xab, 0xcd}) {
				t.Errorf("excludeCredentials[0].id = %#v", got)
			}
			if exclude["transports"].([]any)[0] != "internal" || opts["timeout"] != float64(300000) {
				t.Errorf("other fields changed: %#v", opts)
			}
			if _, ok := opts["publicKey"]; ok {
				t.Error("the publicKey wrapper was not removed")
			}
		})
	}
}

func TestDecodeRequestOptions(t *testing.T) {
	doc := `{"challenge":"AAEC_-8","timeout":300000,"rpId":"localhost","allowCredentials":[],"userVerification":"required"}`
	opts, err := decodeOptions(request, []byte(doc))
	if err != nil {
		t.Fatalf("decodeOptions: %v", err)
	}
	if !reflect.DeepEqual(opts["challenge"], []byte{0, 1, 2, 0xff, 0xef}) || opts["rpId"] != "localhost" {
		t.Errorf("opts = %#v", opts)
	}
	if len(opts["allowCredentials"].([]any)) != 0 {
		t.Errorf("allowCredentials = %#v", opts["allowCredentials"])
	}

	withAllowed := `{"challenge":"AA","allowCredentials":[{"type":"public-key","id":"q80"}]}`
	opts, err = decodeOptions(request, []byte(withAllowed))
	if err != nil {
		t.Fatalf("decodeOptions: %v", err)
	}
	if got := opts["allowCredentials"].([]any)[0].(map[string]any)["id"]; !reflect.DeepEqual(got, []byte{0xab, 0xcd}) {
		t.Errorf("allowCredentials[0].id = %#v", got)
	}
	// A request has no user, and allowCredentials may be missing or null.
	for _, doc := range []string{`{"challenge":"AA"}`, `{"challenge":"AA","allowCredentials":null}`} {
		if _, err := decodeOptions(request, []byte(doc)); err != nil {
			t.Errorf("decodeOptions(%s): %v", doc, err)
		}
	}
}

func TestDecodeOptionsRefusesBrokenDocuments(t *testing.T) {
	tests := []struct {
		kind ceremonyKind
		doc  string
	}{
		{creation, `not json`},
		{creation, `null`},
		{creation, `[]`},
		{creation, `{"user":{"id":"AA"}}`},                    // no challenge
		{creation, `{"challenge":"AA"}`},                      // no user
		{creation, `{"challenge":"AA","user":{"name":"x"}}`},  // no user.id
		{creation, `{"challenge":"AA+/","user":{"id":"AA"}}`}, // standard base64
		{creation, `{"challenge":7,"user":{"id":"AA"}}`},      // not a string
		{creation, `{"challenge":"AA","user":{"id":"AA"},"excludeCredentials":{}}`},
		{creation, `{"challenge":"AA","user":{"id":"AA"},"excludeCredentials":["AA"]}`},
		{creation, `{"challenge":"AA","user":{"id":"AA"},"excludeCredentials":[{"type":"public-key"}]}`},
		{request, `{"challenge":"AA","allowCredentials":[{"id":"%%"}]}`},
	}
	for _, tt := range tests {
		if opts, err := decodeOptions(tt.kind, []byte(tt.doc)); err == nil {
			t.Errorf("decodeOptions(%s) = %#v, want an error", tt.doc, opts)
		}
	}
}

func TestEncodeRegistration(t *testing.T) {
	got, err := encodeCredential(credentialParts{
		ID:                "q80",
		RawID:             []byte{0xab, 0xcd},
		Type:              "public-key",
		Attachment:        "platform",
		ClientDataJSON:    []byte(`{"type":"webauthn.create"}`),
		AttestationObject: []byte{1, 2, 3},
		AuthenticatorData: []byte{4, 5},
		Transports:        []string{"internal", "hybrid"},
		ExtensionResults:  []byte(`{"credProps":{"rk":true}}`),
	})
	if err != nil {
		t.Fatalf("encodeCredential: %v", err)
	}
	want := `{"id":"q80","rawId":"q80","type":"public-key","response":{` +
		`"clientDataJSON":"eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0","attestationObject":"AQID",` +
		`"authenticatorData":"BAU","transports":["internal","hybrid"]},` +
		`"authenticatorAttachment":"platform","clientExtensionResults":{"credProps":{"rk":true}}}`
	if string(got) != want {
		t.Errorf("encodeCredential =\n%s\nwant\n%s", got, want)
	}
}

func TestEncodeAssertion(t *testing.T) {
	parts := credentialParts{
		RawID:             []byte{0xab, 0xcd},
		ClientDataJSON:    []byte(`{}`),
		AuthenticatorData: []byte{9},
		Signature:         []byte{7, 7},
		UserHandle:        []byte("user-1"),
		ExtensionResults:  []byte(`not json`),
	}
	got, err := encodeCredential(parts)
	if err != nil {
		t.Fatalf("encodeCredential: %v", err)
	}
	// id falls back to rawId, type to "public-key", bad extension results to {}, and a null
	// authenticatorAttachment is left out.
	want := `{"id":"q80","rawId":"q80","type":"public-key","response":{"clientDataJSON":"e30",` +
		`"authenticatorData":"CQ","signature":"Bwc","userHandle":"dXNlci0x"},"clientExtensionResults":{}}`
	if string(got) != want {
		t.Errorf("encodeCredential =\n%s\nwant\n%s", got, want)
	}

	parts.UserHandle = nil // null userHandle: omitted, as toJSON does
	got, _ = encodeCredential(parts)
	if strings.Contains(string(got), "userHandle") {
		t.Errorf("a null userHandle was encoded: %s", got)
	}
	if !looksLikeCredentialJSON(got) {
		t.Errorf("our own encoding fails the toJSON sanity check: %s", got)
	}
}

func TestEncodeCredentialRefusesIncompleteParts(t *testing.T) {
	for name, p := range map[string]credentialParts{
		"no rawId":       {ClientDataJSON: []byte("{}"), Signature: []byte{1}},
		"no client data": {RawID: []byte{1}, Signature: []byte{1}},
		"no response":    {RawID: []byte{1}, ClientDataJSON: []byte("{}")},
	} {
		if b, err := encodeCredential(p); err == nil {
			t.Errorf("%s: encodeCredential = %s, want an error", name, b)
		}
	}
}

func TestLooksLikeCredentialJSON(t *testing.T) {
	for doc, want := range map[string]bool{
		`{"id":"q80","response":{"clientDataJSON":"e30"}}`: true,
		`{}`:                             false,
		`{"id":"q80"}`:                   false,
		`{"id":"","response":{}}`:        false,
		`{"id":"q80","response":"oops"}`: false,
		`null`:                           false,
		`garbage`:                        false,
	} {
		if got := looksLikeCredentialJSON([]byte(doc)); got != want {
			t.Errorf("looksLikeCredentialJSON(%s) = %v, want %v", doc, got, want)
		}
	}
}

func TestCeremonyErrorsAreFriendlyAndTyped(t *testing.T) {
	tests := []struct {
		name string
		kind error
	}{
		{"NotAllowedError", ErrCancelled},
		{"InvalidStateError", ErrAlreadyRegistered},
		{"SecurityError", ErrNotAllowedHere},
		{"AbortError", ErrAborted},
		{"NotSupportedError", ErrUnsupported},
		{"UnknownError", ErrCeremonyFailed},
		{"TypeError", ErrCeremonyFailed},
		{"", ErrCeremonyFailed},
	}
	for _, tt := range tests {
		err := error(ceremonyError(tt.name, "developer text"))
		if !errors.Is(err, tt.kind) {
			t.Errorf("%s: errors.Is(%v, %v) is false", tt.name, err, tt.kind)
		}
		if err.Error() != tt.kind.Error() || strings.Contains(err.Error(), "developer text") {
			t.Errorf("%s: Error() = %q; the browser's text must not reach people", tt.name, err.Error())
		}
	}
	if got := ErrCancelled.Error(); got != "The passkey request was cancelled or timed out." {
		t.Errorf("ErrCancelled = %q", got)
	}
}

func TestUnwrapPublicKeyKeepsBareOptions(t *testing.T) {
	// A bare options document whose own field happens to be called publicKey (it is not an object)
	// must not be mistaken for the wrapper.
	doc := []byte(`{"challenge":"AA","publicKey":"x"}`)
	got, err := unwrapPublicKey(doc)
	if err != nil || !bytes.Equal(got, doc) {
		t.Errorf("unwrapPublicKey = %s, %v", got, err)
	}
	var v map[string]any
	if err := json.Unmarshal(got, &v); err != nil {
		t.Error(err)
	}
}
