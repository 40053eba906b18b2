package twofactor

import (
	"net/url"
	"strings"
	"testing"
)

func TestSecretFromURI(t *testing.T) {
	tests := []struct {
		uri, want string
		ok        bool
	}{
		{"otpauth://totp/Spacerr:ada%40example.com?algorithm=SHA1&digits=6&issuer=Spacerr&period=30&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", true},
		{"otpauth://totp/x?secret=ABC&issuer=y", "ABC", true},
		{"otpauth://hotp/x?secret=ABC", "", false},
		{"https://totp/x?secret=ABC", "", false},
		{"otpauth://totp/x?issuer=y", "", false},
		{"", "", false},
		{"%zz", "", false},
	}
	for _, tt := range tests {
		got, ok := SecretFromURI(tt.uri)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SecretFromURI(%q) = %q, %v; want %q, %v", tt.uri, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBackupCodesText(t *testing.T) {
	codes := []string{"ABCDE-12345", "FGHJK-67890"}
	if got := BackupCodesText(codes); got != "ABCDE-12345\nFGHJK-67890\n" {
		t.Errorf("BackupCodesText = %q", got)
	}
	u := BackupCodesDataURL(codes)
	const prefix = "data:text/plain;charset=utf-8,"
	if !strings.HasPrefix(u, prefix) {
		t.Fatalf("data URL = %q", u)
	}
	body, err := url.PathUnescape(strings.TrimPrefix(u, prefix))
	if err != nil || body != BackupCodesText(codes) {
		t.Errorf("data URL body = %q, %v", body, err)
	}
	if strings.ContainsAny(strings.TrimPrefix(u, prefix), "\n #") {
		t.Errorf("data URL has unescaped characters: %q", u)
	}
	if BackupCodesText(nil) != "" {
		t.Error("no codes, yet text")
	}
}

func TestQRImage(t *testing.T) {
	for in, ok := range map[string]bool{
		"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA+/==": true,
		"":                                      false,
		"data:image/png;base64,":                false,
		"data:image/svg+xml;base64,PHN2Zz4=":    false,
		"https://example.com/qr.png":            false,
		"data:image/png;base64,iVBO\"><script>": false,
		"data:image/png;base64,iVBO Rw0K":       false,
	} {
		src, got := QRImage(in)
		if got != ok || (ok && src != in) || (!ok && src != "") {
			t.Errorf("QRImage(%q) = %q, %v; want ok %v", in, src, got, ok)
		}
	}
}
