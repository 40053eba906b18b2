package twofactor

import (
	"net/url"
	"strings"
)

// SecretFromURI is the base32 secret of an otpauth:// URI (its secret query parameter), for people
// who type it into their authenticator app instead of scanning. ok is false for anything that is
// not a TOTP URI with a secret.
func SecretFromURI(uri string) (secret string, ok bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" {
		return "", false
	}
	secret = u.Query().Get("secret")
	if secret == "" {
		return "", false
	}
	return secret, true
}

// qrPrefix is how the server's QR code starts: a PNG in a data: URL, which the page's
// Content-Security-Policy allows for images (img-src 'self' data:).
const qrPrefix = "data:image/png;base64,"

// QRImage checks the server's QR code (api.EnableTwoFactorResponse.QRCode) before it becomes an
// image source: a PNG data: URL in standard base64, nothing else. ok is false for anything else,
// including "" from a server that sends none; the setup key is then the only way.
func QRImage(dataURL string) (src string, ok bool) {
	data, found := strings.CutPrefix(dataURL, qrPrefix)
	if !found || data == "" {
		return "", false
	}
	for i := 0; i < len(data); i++ {
		c := data[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
			return "", false
		}
	}
	return dataURL, true
}

// BackupCodesFileName is the name of the downloaded backup codes file.
const BackupCodesFileName = "spacerr-backup-codes.txt"

// BackupCodesText is the backup codes as a text file: one code per line, each line ended by a
// newline.
func BackupCodesText(codes []string) string {
	var b strings.Builder
	for _, c := range codes {
		b.WriteString(c)
		b.WriteByte('\n')
	}
	return b.String()
}

// BackupCodesDataURL is a data: URL of BackupCodesText, for a link with a download attribute.
// Browsers block navigating the page to a data: URL but allow downloading one.
func BackupCodesDataURL(codes []string) string {
	return "data:text/plain;charset=utf-8," + url.PathEscape(BackupCodesText(codes))
}
