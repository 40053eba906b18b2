package admin

import (
	"strconv"
	"strings"
	"time"

	"spacerr/shared/useragent"
)

// shortDay is t's day as a table shows it, "Mar 4, 2025", in the browser's time zone; "—" for the zero
// time.
func shortDay(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(time.Local).Format("Jan 2, 2006")
}

// ago says how long before now t was, as people say it: "just now", "5 minutes ago", "3 days ago",
// and past a month the day.
func ago(t, now time.Time) string {
	if t.IsZero() {
		return "—"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	case d < 30*24*time.Hour:
		return plural(int(d/(24*time.Hour)), "day") + " ago"
	}
	return shortDay(t)
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// initials are the avatar's letters: the first of the first and last word of the name, or of the
// email without a name.
func initials(name, email string) string {
	words := strings.Fields(name)
	if len(words) == 0 {
		words = strings.Fields(email)
	}
	if len(words) == 0 {
		return "?"
	}
	first := firstLetter(words[0])
	if len(words) == 1 {
		return first
	}
	return first + firstLetter(words[len(words)-1])
}

func firstLetter(w string) string {
	for _, r := range w {
		return strings.ToUpper(string(r))
	}
	return ""
}

// device names a browser from its user agent, "Chrome 126 on macOS", or "Unknown device".
func device(ua string) string {
	info := useragent.Parse(ua)
	b, o := "", ""
	if info.Browser != useragent.UnknownBrowser {
		b = info.Browser
		if info.BrowserVersion != "" {
			b += " " + info.BrowserVersion
		}
	}
	if info.OS != useragent.UnknownOS {
		o = info.OS
	}
	switch {
	case b != "" && o != "":
		return b + " on " + o
	case b != "":
		return b
	case o != "":
		return o
	}
	return "Unknown device"
}
