package activity

import (
	"strconv"
	"time"
)

// Ago says how long before now t was, as people say it: "just now", "5 minutes ago", "yesterday",
// "3 days ago", and after a week the day. It is lower case so it reads inside a sentence ("Signed in
// 3 days ago") as well as on its own. "—" for the zero time.
func Ago(t, now time.Time) string {
	if t.IsZero() {
		return "—"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return Plural(int(d/time.Minute), "minute") + " ago"
	case d < 24*time.Hour:
		return Plural(int(d/time.Hour), "hour") + " ago"
	case d < 48*time.Hour:
		return "yesterday"
	case d < 7*24*time.Hour:
		return Plural(int(d/(24*time.Hour)), "day") + " ago"
	}
	return Day(t)
}

// Day is t's day as a list shows it, "Mar 4, 2025", in the browser's time zone (Go's js/wasm runtime
// takes time.Local from the browser), or "—" for the zero time.
func Day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(time.Local).Format("Jan 2, 2006")
}

// Plural counts unit: "1 minute", "3 minutes".
func Plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}
