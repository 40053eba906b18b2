package useragent

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		ua   string
		want Info
	}{
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
			Info{"Chrome", "126", "Windows", DeviceDesktop}},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68",
			Info{"Edge", "126", "Windows", DeviceDesktop}},
		{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0",
			Info{"Firefox", "128", "macOS", DeviceDesktop}},
		{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
			Info{"Safari", "17", "macOS", DeviceDesktop}},
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
			Info{"Safari", "17", "iOS", DeviceMobile}},
		{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
			Info{"Chrome", "126", "iOS", DeviceMobile}},
		{"Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
			Info{"Safari", "17", "iPadOS", DeviceTablet}},
		{"Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
			Info{"Samsung Internet", "25", "Android", DeviceMobile}},
		{"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36",
			Info{"Chrome", "126", "Android", DeviceMobile}},
		{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0",
			Info{"Opera", "111", "Windows", DeviceDesktop}},
		{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/125.0.0.0 Chrome/125.0.0.0 Safari/537.36",
			Info{"Chromium", "125", "Linux", DeviceDesktop}},
		{"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
			Info{"Chrome", "126", "ChromeOS", DeviceDesktop}},
		{"curl/8.5.0", Info{APIClient, "", UnknownOS, DeviceOther}},
		{"node", Info{APIClient, "", UnknownOS, DeviceOther}},
		{"better-auth/1.7.1", Info{APIClient, "", UnknownOS, DeviceOther}},
		{"", Info{UnknownBrowser, "", UnknownOS, DeviceOther}},
		{"SomethingElse/1.0", Info{UnknownBrowser, "", UnknownOS, DeviceOther}},
	} {
		if got := Parse(tc.ua); got != tc.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tc.ua, got, tc.want)
		}
	}
}

func TestInfoString(t *testing.T) {
	if got := (Info{"Firefox", "128", "Windows", DeviceDesktop}).String(); got != "Firefox 128 on Windows" {
		t.Errorf("String() = %q", got)
	}
	if got := (Info{APIClient, "", UnknownOS, DeviceOther}).String(); got != "API client" {
		t.Errorf("String() = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36")
	f.Add("curl/8.5.0")
	f.Add("Mozilla/5.0 (iPad; Version/")
	f.Add("")
	f.Fuzz(func(t *testing.T, ua string) {
		got := Parse(ua)
		if got.Browser == "" || got.OS == "" || got.Device == "" {
			t.Fatalf("Parse(%q) left a field empty: %+v", ua, got)
		}
		if len(got.BrowserVersion) > 8 || strings.Trim(got.BrowserVersion, "0123456789") != "" {
			t.Fatalf("Parse(%q) version %q is not a short number", ua, got.BrowserVersion)
		}
		if utf8.ValidString(ua) && !utf8.ValidString(got.String()) {
			t.Fatalf("Parse(%q) made invalid UTF-8", ua)
		}
	})
}
