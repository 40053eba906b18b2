package twofactor

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"fmt"
	imagepng "image/png"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTP parameters: what every authenticator app supports (RFC 6238's defaults, Better Auth's, Google
// Authenticator's). Codes one step either side of now are accepted for clock drift and typing time.
const (
	totpPeriod     = 30 // seconds
	totpSkew       = 1  // steps either side
	totpSecretSize = 20 // bytes: 160 bits, the HMAC-SHA1 block the RFC recommends
)

var (
	totpOpts     = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}
	b32NoPadding = base32.StdEncoding.WithPadding(base32.NoPadding)
)

// newTOTPSecret is a fresh random secret.
func newTOTPSecret() ([]byte, error) {
	secret := make([]byte, totpSecretSize)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("read TOTP secret: %w", err)
	}
	return secret, nil
}

// totpURI is the otpauth:// URI an authenticator app scans (issuer and account label the entry), and
// the same URI as a QR code in a PNG data URL. The server draws it so the WASM client carries no QR
// encoder; data: URLs are what the CSP allows for images.
func totpURI(issuer, account string, secret []byte) (uri, qr string, err error) {
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer: issuer, AccountName: account, Period: totpPeriod, Secret: secret,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
	})
	if err != nil {
		return "", "", fmt.Errorf("build TOTP URI: %w", err)
	}
	img, err := key.Image(qrPixels, qrPixels)
	if err != nil {
		return "", "", fmt.Errorf("draw TOTP QR code: %w", err)
	}
	var png bytes.Buffer
	if err := (&imagepng.Encoder{CompressionLevel: imagepng.BestCompression}).Encode(&png, img); err != nil {
		return "", "", fmt.Errorf("encode TOTP QR code: %w", err)
	}
	return key.URL(), "data:image/png;base64," + base64.StdEncoding.EncodeToString(png.Bytes()), nil
}

// qrPixels is the QR code's side: large enough for a phone camera at arm's length.
const qrPixels = 240

// timeStep is the RFC 6238 counter at t.
func timeStep(t time.Time) int64 {
	u := t.Unix()
	if u < 0 {
		return 0
	}
	return u / totpPeriod
}

// codeAt is the code of secret for one time step.
func codeAt(secret []byte, step int64) (string, error) {
	code, err := totp.GenerateCodeCustom(b32NoPadding.EncodeToString(secret), time.Unix(step*totpPeriod, 0), totpOpts)
	if err != nil {
		return "", fmt.Errorf("compute TOTP code: %w", err)
	}
	return code, nil
}

// matchTOTP finds the time step of now's window (now−1, now, now+1) whose code is code. Every code of
// the window is computed and compared in constant time, so the answer's timing says nothing about
// which digits were right or which step matched. When two steps share a code (one chance in a
// million), the later one is taken: spending it refuses the earlier one too.
func matchTOTP(secret []byte, code string, now time.Time) (step int64, ok bool, err error) {
	center := timeStep(now)
	for d := int64(-totpSkew); d <= totpSkew; d++ {
		candidate := center + d
		if candidate < 0 {
			continue
		}
		want, err := codeAt(secret, candidate)
		if err != nil {
			return 0, false, err
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			step, ok = candidate, true
		}
	}
	return step, ok, nil
}
