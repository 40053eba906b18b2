package browser

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

// This file is the fallback for browsers without PublicKeyCredential.parseCreationOptionsFromJSON,
// parseRequestOptionsFromJSON and PublicKeyCredential.toJSON (Baseline only since 2025). It is plain
// Go, so the conversions are tested without a browser; webauthn_js.go only moves the results across
// the JavaScript boundary.

// ceremonyKind says which options a JSON document holds.
type ceremonyKind int

const (
	creation ceremonyKind = iota // navigator.credentials.create
	request                      // navigator.credentials.get
)

// unwrapPublicKey returns the options themselves. The server sends them bare, as Better Auth and
// SimpleWebAuthn do; go-webauthn's own shape wraps them as {"publicKey": {...}}, and that is
// accepted too so the client does not depend on which one the server picked.
func unwrapPublicKey(optionsJSON []byte) ([]byte, error) {
	var probe struct {
		PublicKey json.RawMessage `json:"publicKey"`
	}
	if err := json.Unmarshal(optionsJSON, &probe); err != nil {
		return nil, errors.New("passkey options are not a JSON object")
	}
	if t := bytes.TrimSpace(probe.PublicKey); len(t) > 0 && t[0] == '{' {
		return t, nil
	}
	return optionsJSON, nil
}

// decodeOptions parses options JSON into plain Go values (map[string]any, []any, string, float64,
// bool, nil) with every binary field the browser expects as a BufferSource turned into []byte:
// challenge, user.id and excludeCredentials[].id for creation; challenge and allowCredentials[].id
// for a request. Extensions are passed through as they are.
func decodeOptions(kind ceremonyKind, optionsJSON []byte) (map[string]any, error) {
	inner, err := unwrapPublicKey(optionsJSON)
	if err != nil {
		return nil, err
	}
	var opts map[string]any
	if err := json.Unmarshal(inner, &opts); err != nil || opts == nil {
		return nil, errors.New("passkey options are not a JSON object")
	}
	if err := decodeBinary(opts, "challenge", true); err != nil {
		return nil, err
	}
	list := "allowCredentials"
	if kind == creation {
		user, ok := opts["user"].(map[string]any)
		if !ok {
			return nil, errors.New("passkey options have no user")
		}
		if err := decodeBinary(user, "id", true); err != nil {
			return nil, err
		}
		list = "excludeCredentials"
	}
	if v, present := opts[list]; present && v != nil {
		creds, ok := v.([]any)
		if !ok {
			return nil, errors.New("passkey options: " + list + " is not a list")
		}
		for _, c := range creds {
			desc, ok := c.(map[string]any)
			if !ok {
				return nil, errors.New("passkey options: " + list + " holds a non-object")
			}
			if err := decodeBinary(desc, "id", true); err != nil {
				return nil, err
			}
		}
	}
	return opts, nil
}

// decodeBinary replaces m[key], a base64url string, by its bytes.
func decodeBinary(m map[string]any, key string, required bool) error {
	v, present := m[key]
	if !present || v == nil {
		if required {
			return errors.New("passkey options: " + key + " is missing")
		}
		return nil
	}
	s, ok := v.(string)
	if !ok {
		return errors.New("passkey options: " + key + " is not a string")
	}
	b, err := decodeBase64URL(s)
	if err != nil {
		return errors.New("passkey options: " + key + " is not base64url")
	}
	m[key] = b
	return nil
}

// decodeBase64URL decodes base64url with or without padding, as the WebAuthn JSON forms and
// go-webauthn's URLEncodedBase64 both allow. Standard base64 ('+', '/') is refused: no conforming
// server sends it, and accepting it would hide a server bug.
func decodeBase64URL(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

// encodeBase64URL is unpadded base64url, the encoding of every binary field in the JSON forms.
func encodeBase64URL(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// credentialParts is what the fallback reads off a PublicKeyCredential, bytes still raw. Which
// response fields are set tells a registration (AttestationObject) from an assertion (Signature).
type credentialParts struct {
	ID                string
	RawID             []byte
	Type              string
	Attachment        string // authenticatorAttachment, "" when the browser gave null
	ClientDataJSON    []byte
	AttestationObject []byte   // registration
	AuthenticatorData []byte   // assertion; registration too when getAuthenticatorData exists
	Transports        []string // registration, from getTransports when it exists
	Signature         []byte   // assertion
	UserHandle        []byte   // assertion; nil when the browser gave null
	ExtensionResults  []byte   // JSON of getClientExtensionResults(), or nil
}

// registrationJSON and assertionJSON are RegistrationResponseJSON and AuthenticationResponseJSON.
type registrationJSON struct {
	ClientDataJSON    string   `json:"clientDataJSON"`
	AttestationObject string   `json:"attestationObject"`
	AuthenticatorData string   `json:"authenticatorData,omitempty"`
	Transports        []string `json:"transports,omitempty"`
}

type assertionJSON struct {
	ClientDataJSON    string  `json:"clientDataJSON"`
	AuthenticatorData string  `json:"authenticatorData"`
	Signature         string  `json:"signature"`
	UserHandle        *string `json:"userHandle,omitempty"`
}

type credentialJSON struct {
	ID                      string          `json:"id"`
	RawID                   string          `json:"rawId"`
	Type                    string          `json:"type"`
	Response                any             `json:"response"`
	AuthenticatorAttachment string          `json:"authenticatorAttachment,omitempty"`
	ClientExtensionResults  json.RawMessage `json:"clientExtensionResults"`
}

// encodeCredential writes c as PublicKeyCredential.toJSON() would.
func encodeCredential(c credentialParts) ([]byte, error) {
	if len(c.RawID) == 0 || len(c.ClientDataJSON) == 0 {
		return nil, errors.New("the credential has no id or client data")
	}
	out := credentialJSON{
		ID:                      c.ID,
		RawID:                   encodeBase64URL(c.RawID),
		Type:                    c.Type,
		AuthenticatorAttachment: c.Attachment,
		ClientExtensionResults:  json.RawMessage(`{}`),
	}
	if out.ID == "" {
		out.ID = out.RawID
	}
	if out.Type == "" {
		out.Type = "public-key"
	}
	if len(c.ExtensionResults) > 0 && json.Valid(c.ExtensionResults) && bytes.TrimSpace(c.ExtensionResults)[0] == '{' {
		out.ClientExtensionResults = c.ExtensionResults
	}
	switch {
	case c.AttestationObject != nil:
		r := registrationJSON{
			ClientDataJSON:    encodeBase64URL(c.ClientDataJSON),
			AttestationObject: encodeBase64URL(c.AttestationObject),
			Transports:        c.Transports,
		}
		if c.AuthenticatorData != nil {
			r.AuthenticatorData = encodeBase64URL(c.AuthenticatorData)
		}
		out.Response = r
	case c.Signature != nil:
		r := assertionJSON{
			ClientDataJSON:    encodeBase64URL(c.ClientDataJSON),
			AuthenticatorData: encodeBase64URL(c.AuthenticatorData),
			Signature:         encodeBase64URL(c.Signature),
		}
		if c.UserHandle != nil {
			h := encodeBase64URL(c.UserHandle)
			r.UserHandle = &h
		}
		out.Response = r
	default:
		return nil, errors.New("the credential has neither an attestation nor a signature")
	}
	return json.Marshal(out)
}

// looksLikeCredentialJSON is the sanity check on a toJSON result: an object with an id and a
// response object.
func looksLikeCredentialJSON(b []byte) bool {
	var probe struct {
		ID       string          `json:"id"`
		Response json.RawMessage `json:"response"`
	}
	return json.Unmarshal(b, &probe) == nil && probe.ID != "" && len(probe.Response) > 0 && probe.Response[0] == '{'
}
