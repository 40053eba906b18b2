package twofactor

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestCodesMatchOathtool(t *testing.T) {
	if _, err := exec.LookPath("oathtool"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("oathtool is required under CI=true (apt-get install oathtool)")
		}
		t.Skip("oathtool is not installed")
	}
	for i := 0; i < 5; i++ {
		secret, err := newTOTPSecret()
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range []int64{59, 1111111109, 1234567890, 2000000000, time.Now().Unix()} {
			out, err := exec.Command("oathtool", "--totp", "-b", b32NoPadding.EncodeToString(secret),
				"--now", "@"+strconv.FormatInt(at, 10)).Output()
			if err != nil {
				t.Fatalf("oathtool: %v", err)
			}
			got, err := codeAt(secret, timeStep(time.Unix(at, 0)))
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.TrimSpace(string(out)); got != want {
				t.Fatalf("at %d: we compute %s, oathtool %s", at, got, want)
			}
		}
	}
}

// RFC 6238 appendix B, SHA-1 rows: the 20-byte ASCII secret "12345678901234567890" (8-digit codes
// there; their last six digits are the six-digit codes).
func TestRFC6238Vectors(t *testing.T) {
	secret := []byte("12345678901234567890")
	for at, want8 := range map[int64]string{59: "94287082", 1111111109: "07081804", 1111111111: "14050471",
		1234567890: "89005924", 2000000000: "69279037", 20000000000: "65353130"} {
		got, err := codeAt(secret, timeStep(time.Unix(at, 0)))
		if err != nil || got != want8[2:] {
			t.Errorf("at %d: %s, %v; want %s", at, got, err, want8[2:])
		}
	}
}

func TestWindowIsOneStepEitherSide(t *testing.T) {
	secret, err := newTOTPSecret()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1_800_000_015, 0) // mid-step
	center := timeStep(now)
	for d := int64(-3); d <= 3; d++ {
		code, err := codeAt(secret, center+d)
		if err != nil {
			t.Fatal(err)
		}
		step, ok, err := matchTOTP(secret, code, now)
		if err != nil {
			t.Fatal(err)
		}
		accept := d >= -1 && d <= 1
		// A code of a step outside the window may equal one inside it (one chance in a million per pair).
		if ok != accept && !collides(t, secret, code, center) {
			t.Errorf("offset %d: accepted=%v", d, ok)
		}
		if ok && accept && step != center+d {
			t.Errorf("offset %d matched step %d, want %d", d, step, center+d)
		}
	}
	if _, ok, _ := matchTOTP(secret, "", now); ok {
		t.Fatal("an empty code matched")
	}
}

func collides(t *testing.T, secret []byte, code string, center int64) bool {
	for d := int64(-1); d <= 1; d++ {
		if c, _ := codeAt(secret, center+d); c == code {
			return true
		}
	}
	return false
}

func TestTOTPURI(t *testing.T) {
	secret := []byte("12345678901234567890")
	raw, qr, err := totpURI("Spacerr Go", "ada@example.com", secret)
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "data:image/png;base64,"
	if !strings.HasPrefix(qr, prefix) {
		t.Fatalf("QR code is not a PNG data URL: %.40s", qr)
	}
	pngBytes, err := base64.StdEncoding.DecodeString(qr[len(prefix):])
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil || img.Bounds().Dx() != qrPixels || img.Bounds().Dy() != qrPixels {
		t.Fatalf("QR image: %v %v", img, err)
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/Spacerr Go:ada@example.com" ||
		q.Get("secret") != "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" || q.Get("issuer") != "Spacerr Go" ||
		q.Get("digits") != "6" || q.Get("period") != "30" || q.Get("algorithm") != "SHA1" {
		t.Fatalf("URI %s", raw)
	}
}
