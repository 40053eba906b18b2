// Package passkeytest is a software WebAuthn authenticator and browser for tests: it turns the options
// the server sends into the JSON a browser's PublicKeyCredential.toJSON() would post back, with real
// ES256 keys, "none" attestation, and every field a test may want to get wrong (origin, RP ID, flags,
// counter, user handle). It is written from the WebAuthn specification, not with the server's library,
// so the two check each other. It is for tests only and never holds a real credential.
package passkeytest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/fxamacker/cbor/v2"
)

// Authenticator flags (WebAuthn §6.1, authenticator data).
const (
	flagUP = 0x01 // user present
	flagUV = 0x04 // user verified
	flagBE = 0x08 // backup eligible
	flagBS = 0x10 // backed up
	flagAT = 0x40 // attested credential data included
)

// coseAlgES256 is ECDSA with SHA-256 on P-256.
const coseAlgES256 = -7

// Authenticator makes credentials and assertions. Its fields describe the next operation; tests change
// them to produce a wrong answer.
type Authenticator struct {
	// Origin is the page's origin the browser writes into clientDataJSON.
	Origin string
	// RPID, when set, is hashed into the authenticator data instead of the options' RP ID (a phishing
	// site's, say).
	RPID string
	// AAGUID identifies the authenticator model; zero is "unknown", as Apple sends.
	AAGUID [16]byte
	// UserVerified sets the UV flag: the person passed a biometric or PIN check.
	UserVerified bool
	// BackupEligible makes new credentials synced passkeys (BE flag). Synced credentials keep a zero
	// counter, as iCloud Keychain and Google Password Manager do.
	BackupEligible bool
	// BackedUp sets the BS flag.
	BackedUp bool
	// Attachment and Transports are reported to the server as a browser would.
	Attachment string
	Transports []string
}

// New returns a platform authenticator on origin that verifies its user.
func New(origin string) *Authenticator {
	return &Authenticator{Origin: origin, UserVerified: true, Attachment: "platform", Transports: []string{"internal", "hybrid"}}
}

// Credential is a key pair the authenticator made. Tests may change Counter (the counter of the last
// signature) and UserHandle.
type Credential struct {
	ID             []byte
	UserHandle     []byte
	Key            *ecdsa.PrivateKey
	Counter        uint32
	BackupEligible bool
}

// IDString is the credential id as the browser and the server write it (base64url).
func (c *Credential) IDString() string { return b64(c.ID) }

type creationOptions struct {
	Challenge string `json:"challenge"`
	RP        struct {
		ID string `json:"id"`
	} `json:"rp"`
	User struct {
		ID string `json:"id"`
	} `json:"user"`
	PubKeyCredParams []struct {
		Alg int `json:"alg"`
	} `json:"pubKeyCredParams"`
	ExcludeCredentials []struct {
		ID string `json:"id"`
	} `json:"excludeCredentials"`
}

type requestOptions struct {
	Challenge        string `json:"challenge"`
	RPID             string `json:"rpId"`
	AllowCredentials []struct {
		ID string `json:"id"`
	} `json:"allowCredentials"`
}

// ErrExcluded is what a browser reports (InvalidStateError) when the options exclude the credential.
var ErrExcluded = errors.New("passkeytest: the options exclude this credential")

// Create answers PublicKeyCredentialCreationOptions JSON with a new credential: the registration
// response JSON and the credential.
func (a *Authenticator) Create(options []byte) ([]byte, *Credential, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	id := make([]byte, 32)
	if _, err := rand.Read(id); err != nil {
		return nil, nil, err
	}
	cred := &Credential{ID: id, Key: key, BackupEligible: a.BackupEligible}
	res, err := a.create(options, cred, true)
	return res, cred, err
}

// Recreate answers creation options with an existing credential, ignoring excludeCredentials, as a
// client that bypasses the browser could.
func (a *Authenticator) Recreate(options []byte, cred *Credential) ([]byte, error) {
	return a.create(options, cred, false)
}

func (a *Authenticator) create(options []byte, cred *Credential, honourExclude bool) ([]byte, error) {
	var o creationOptions
	if err := json.Unmarshal(options, &o); err != nil {
		return nil, fmt.Errorf("passkeytest: creation options: %w", err)
	}
	if o.Challenge == "" || o.RP.ID == "" || o.User.ID == "" {
		return nil, fmt.Errorf("passkeytest: creation options lack challenge, rp.id or user.id: %s", options)
	}
	es256 := false
	for _, p := range o.PubKeyCredParams {
		es256 = es256 || p.Alg == coseAlgES256
	}
	if !es256 {
		return nil, errors.New("passkeytest: the options do not allow ES256")
	}
	if honourExclude {
		for _, e := range o.ExcludeCredentials {
			if e.ID == cred.IDString() {
				return nil, ErrExcluded
			}
		}
	}
	handle, err := base64.RawURLEncoding.DecodeString(o.User.ID)
	if err != nil {
		return nil, fmt.Errorf("passkeytest: user.id is not base64url: %w", err)
	}
	cred.UserHandle = handle

	clientData, err := a.clientData("webauthn.create", o.Challenge)
	if err != nil {
		return nil, err
	}
	pub, err := coseKey(&cred.Key.PublicKey)
	if err != nil {
		return nil, err
	}
	var attested bytes.Buffer
	attested.Write(a.AAGUID[:])
	_ = binary.Write(&attested, binary.BigEndian, uint16(len(cred.ID)))
	attested.Write(cred.ID)
	attested.Write(pub)
	authData := a.authData(o.RP.ID, cred, flagAT, attested.Bytes())

	attObj, err := cbor.Marshal(map[string]any{"fmt": "none", "attStmt": map[string]any{}, "authData": authData})
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]any{
		"id": cred.IDString(), "rawId": cred.IDString(), "type": "public-key",
		"authenticatorAttachment": a.Attachment,
		"response": map[string]any{
			"clientDataJSON": b64(clientData), "attestationObject": b64(attObj), "transports": a.Transports,
		},
		"clientExtensionResults": map[string]any{},
	})
}

// Get answers PublicKeyCredentialRequestOptions JSON with an assertion by cred: the authentication
// response JSON. A device-bound credential's counter goes up by one first.
func (a *Authenticator) Get(options []byte, cred *Credential) ([]byte, error) {
	var o requestOptions
	if err := json.Unmarshal(options, &o); err != nil {
		return nil, fmt.Errorf("passkeytest: request options: %w", err)
	}
	if o.Challenge == "" || o.RPID == "" {
		return nil, fmt.Errorf("passkeytest: request options lack challenge or rpId: %s", options)
	}
	if len(o.AllowCredentials) > 0 {
		allowed := false
		for _, c := range o.AllowCredentials {
			allowed = allowed || c.ID == cred.IDString()
		}
		if !allowed {
			return nil, errors.New("passkeytest: the options do not allow this credential")
		}
	}
	if !cred.BackupEligible {
		cred.Counter++
	}
	clientData, err := a.clientData("webauthn.get", o.Challenge)
	if err != nil {
		return nil, err
	}
	authData := a.authData(o.RPID, cred, 0, nil)
	cdHash := sha256.Sum256(clientData)
	digest := sha256.Sum256(append(append([]byte{}, authData...), cdHash[:]...))
	sig, err := ecdsa.SignASN1(rand.Reader, cred.Key, digest[:])
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]any{
		"id": cred.IDString(), "rawId": cred.IDString(), "type": "public-key",
		"authenticatorAttachment": a.Attachment,
		"response": map[string]any{
			"clientDataJSON": b64(clientData), "authenticatorData": b64(authData),
			"signature": b64(sig), "userHandle": b64(cred.UserHandle),
		},
		"clientExtensionResults": map[string]any{},
	})
}

func (a *Authenticator) clientData(typ, challenge string) ([]byte, error) {
	return json.Marshal(map[string]any{"type": typ, "challenge": challenge, "origin": a.Origin, "crossOrigin": false})
}

// authData is rpIdHash ‖ flags ‖ signCount ‖ rest (WebAuthn §6.1).
func (a *Authenticator) authData(optionsRPID string, cred *Credential, extraFlags byte, rest []byte) []byte {
	rpID := optionsRPID
	if a.RPID != "" {
		rpID = a.RPID
	}
	rpHash := sha256.Sum256([]byte(rpID))
	flags := flagUP | extraFlags
	if a.UserVerified {
		flags |= flagUV
	}
	if cred.BackupEligible {
		flags |= flagBE
	}
	if a.BackedUp {
		flags |= flagBS
	}
	out := append([]byte{}, rpHash[:]...)
	out = append(out, flags)
	out = binary.BigEndian.AppendUint32(out, cred.Counter)
	return append(out, rest...)
}

// coseKey is the EC2 P-256 public key in COSE form (RFC 9053): kty 2, alg -7, crv 1, x, y.
func coseKey(pub *ecdsa.PublicKey) ([]byte, error) {
	raw, err := pub.Bytes() // 0x04 ‖ X ‖ Y
	if err != nil {
		return nil, err
	}
	enc, err := cbor.CTAP2EncOptions().EncMode()
	if err != nil {
		return nil, err
	}
	return enc.Marshal(map[int]any{1: 2, 3: coseAlgES256, -1: 1, -2: raw[1:33], -3: raw[33:65]})
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
