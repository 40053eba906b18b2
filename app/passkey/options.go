// Package passkey is what the pages share about passkeys on the client: the WebAuthn options they
// fetch ahead of a click, the passkey status they cache in local storage, the sentences for
// passkey errors, and the Signal API calls that keep a person's passkey provider in step with the
// server. It is plain Go over app/browser and shared/api; pages own the flows.
//
// It must never store a secret: the session is the server's HttpOnly cookie, and a ceremony's
// challenge lives only in the options held in memory until they are used.
package passkey

import (
	"bytes"
	"encoding/json"
	"errors"
	"time"
)

// MaxOptionsAge is how long fetched options are used. The server keeps a ceremony for five
// minutes; options older than four are fetched again, so the person still has a minute to answer.
const MaxOptionsAge = 4 * time.Minute

// Options are WebAuthn options as the server sent them, with when they were fetched and the few
// fields the Signal API needs. They are fetched before the click that uses them, because Safari
// only shows the passkey prompt while the click's user activation lasts, and a request awaited in
// between uses it up.
type Options struct {
	JSON      []byte    // the document for browser.CreateCredential or browser.GetCredential
	FetchedAt time.Time // zero when there are none
	// RPID is the relying party id: rp.id in creation options, rpId in request options.
	RPID string
	// UserID is the WebAuthn user handle (user.id, base64url); UserName and UserDisplayName are the
	// account's current names as the server gives them to authenticators. Creation options only.
	UserID, UserName, UserDisplayName string
}

// ParseOptions reads the fields Options keeps from a creation or request options document, bare or
// wrapped in {"publicKey": ...}. It fails only when the document is not a JSON object.
func ParseOptions(raw []byte, now time.Time) (Options, error) {
	var doc struct {
		PublicKey json.RawMessage `json:"publicKey"`
	}
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' || json.Unmarshal(raw, &doc) != nil {
		return Options{}, errors.New("passkey options are not a JSON object")
	}
	inner := raw
	if t := bytes.TrimSpace(doc.PublicKey); len(t) > 0 && t[0] == '{' {
		inner = t
	}
	var o struct {
		RPID string `json:"rpId"`
		RP   struct {
			ID string `json:"id"`
		} `json:"rp"`
		User struct {
			ID          string `json:"id"`
			Name        string `json:"name"`
			DisplayName string `json:"displayName"`
		} `json:"user"`
	}
	// A field of an unexpected type is not worth refusing the options for: the browser judges them.
	_ = json.Unmarshal(inner, &o)
	rpID := o.RPID
	if rpID == "" {
		rpID = o.RP.ID
	}
	return Options{
		JSON:            raw,
		FetchedAt:       now,
		RPID:            rpID,
		UserID:          o.User.ID,
		UserName:        o.User.Name,
		UserDisplayName: o.User.DisplayName,
	}, nil
}

// Ready reports whether there are options young enough to start a ceremony with at now.
func (o Options) Ready(now time.Time) bool {
	return len(o.JSON) > 0 && !o.FetchedAt.IsZero() && now.Sub(o.FetchedAt) < MaxOptionsAge && !now.Before(o.FetchedAt)
}

// Used returns o without its document: each ceremony is single-use on the server, so options that
// went into a ceremony are not used again. The Signal API fields stay.
func (o Options) Used() Options {
	o.JSON, o.FetchedAt = nil, time.Time{}
	return o
}

// CredentialID is the id (base64url) of a credential in its JSON form, or "".
func CredentialID(credentialJSON []byte) string {
	var c struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(credentialJSON, &c) != nil {
		return ""
	}
	return c.ID
}
