// Package useragent turns a User-Agent header into the few words a person recognises in a list of
// signed-in devices ("Firefox 128 on Windows"). It is a small heuristic, not a database of browsers: it
// knows the major engines and systems and says "Unknown browser" for the rest. It imports only the
// standard library, so the WASM client can use it, and it must never be used for security decisions:
// the header is whatever the client chose to send.
package useragent

import "strings"

// Names used for what the parser cannot or need not tell apart.
const (
	UnknownBrowser = "Unknown browser"
	UnknownOS      = "Unknown OS"
	APIClient      = "API client"
)

// Device kinds.
const (
	DeviceDesktop = "Desktop"
	DeviceMobile  = "Mobile"
	DeviceTablet  = "Tablet"
	DeviceOther   = "Other"
)

// Info is what Parse recognised. BrowserVersion is the major version, or empty.
type Info struct {
	Browser        string
	BrowserVersion string
	OS             string
	Device         string
}

// String is a short label such as "Chrome 126 on macOS".
func (i Info) String() string {
	b := i.Browser
	if i.BrowserVersion != "" {
		b += " " + i.BrowserVersion
	}
	if i.OS == "" || i.OS == UnknownOS {
		return b
	}
	return b + " on " + i.OS
}

// apiClients are tokens of programs, not browsers, that call the API (curl, Node's fetch, Better Auth's
// server-side client and common HTTP libraries).
var apiClients = []string{"curl/", "node", "undici", "better-auth", "go-http-client", "python-requests", "wget/", "okhttp", "axios"}

// browsers are checked in order: Chromium-based browsers also say "Chrome" and "Safari", and Chrome on
// iOS says "Safari", so the more specific tokens come first.
var browsers = []struct{ token, name string }{
	{"edg/", "Edge"}, {"edga/", "Edge"}, {"edgios/", "Edge"},
	{"opr/", "Opera"}, {"opt/", "Opera"}, {"opera/", "Opera"},
	{"samsungbrowser/", "Samsung Internet"},
	{"firefox/", "Firefox"}, {"fxios/", "Firefox"},
	{"crios/", "Chrome"}, {"chromium/", "Chromium"}, {"chrome/", "Chrome"},
	{"version/", "Safari"}, // Safari carries its version in Version/…; checked after the others
}

// Parse recognises the browser, system and kind of device of a User-Agent header.
func Parse(ua string) Info {
	lower := strings.ToLower(strings.TrimSpace(ua))
	if lower == "" {
		return Info{Browser: UnknownBrowser, OS: UnknownOS, Device: DeviceOther}
	}
	if !strings.HasPrefix(lower, "mozilla/") && !strings.HasPrefix(lower, "opera/") {
		for _, c := range apiClients {
			if strings.HasPrefix(lower, c) || strings.Contains(lower, " "+c) {
				return Info{Browser: APIClient, OS: UnknownOS, Device: DeviceOther}
			}
		}
	}
	info := Info{Browser: UnknownBrowser, OS: parseOS(lower)}
	for _, b := range browsers {
		if i := strings.Index(lower, b.token); i >= 0 {
			if b.name == "Safari" && !strings.Contains(lower, "safari/") {
				continue
			}
			info.Browser, info.BrowserVersion = b.name, majorVersion(lower[i+len(b.token):])
			break
		}
	}
	info.Device = device(lower, info.OS)
	return info
}

func parseOS(ua string) string {
	switch {
	case strings.Contains(ua, "ipad"):
		return "iPadOS"
	case strings.Contains(ua, "iphone"), strings.Contains(ua, "ipod"):
		return "iOS"
	case strings.Contains(ua, "android"):
		return "Android"
	case strings.Contains(ua, "cros "):
		return "ChromeOS"
	case strings.Contains(ua, "windows"):
		return "Windows"
	case strings.Contains(ua, "mac os x"), strings.Contains(ua, "macintosh"):
		return "macOS"
	case strings.Contains(ua, "linux"), strings.Contains(ua, "x11"):
		return "Linux"
	}
	return UnknownOS
}

func device(ua, os string) string {
	switch {
	case os == "iPadOS", strings.Contains(ua, "tablet"), os == "Android" && !strings.Contains(ua, "mobile"):
		return DeviceTablet
	case os == "iOS", strings.Contains(ua, "mobile"):
		return DeviceMobile
	case os == UnknownOS:
		return DeviceOther
	}
	return DeviceDesktop
}

// majorVersion is the leading digits of s ("126.0.6478.61" → "126").
func majorVersion(s string) string {
	n := 0
	for n < len(s) && n < 8 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return s[:n]
}
