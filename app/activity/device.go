package activity

import "spacerr/shared/useragent"

// Device names the browser an event came from by its user agent, "Chrome 126 on macOS", leaving out
// what the shared parser could not tell; "Unknown device" when it could tell nothing.
func Device(ua string) string {
	info := useragent.Parse(ua)
	browser, os := "", ""
	if info.Browser != useragent.UnknownBrowser {
		browser = info.Browser
		if info.BrowserVersion != "" {
			browser += " " + info.BrowserVersion
		}
	}
	if info.OS != useragent.UnknownOS {
		os = info.OS
	}
	switch {
	case browser != "" && os != "":
		return browser + " on " + os
	case browser != "":
		return browser
	case os != "":
		return os
	}
	return "Unknown device"
}
