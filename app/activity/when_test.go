package activity

import (
	"testing"
	"time"
)

func TestAgo(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.UTC
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	for d, want := range map[time.Duration]string{
		10 * time.Second: "just now", time.Minute: "1 minute ago", 5 * time.Minute: "5 minutes ago",
		time.Hour: "1 hour ago", 5 * time.Hour: "5 hours ago", 30 * time.Hour: "yesterday",
		3 * 24 * time.Hour: "3 days ago", 8 * 24 * time.Hour: "Feb 24, 2026", 90 * 24 * time.Hour: "Dec 4, 2025",
	} {
		if got := Ago(now.Add(-d), now); got != want {
			t.Errorf("Ago(%v) = %q, want %q", d, got, want)
		}
	}
	if Ago(time.Time{}, now) != "—" {
		t.Error("the zero time")
	}
}

func TestDayIsTheReaders(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	late := time.Date(2025, 3, 4, 23, 30, 0, 0, time.UTC)
	time.Local = time.UTC
	if got := Day(late); got != "Mar 4, 2025" {
		t.Errorf("Day = %q", got)
	}
	// Late evening in UTC is already the next day in Tokyo.
	time.Local = time.FixedZone("JST", 9*3600)
	if got := Day(late); got != "Mar 5, 2025" {
		t.Errorf("Day in JST = %q", got)
	}
	if Day(time.Time{}) != "—" {
		t.Error("the zero time")
	}
}

func TestPlural(t *testing.T) {
	if Plural(1, "backup code") != "1 backup code" || Plural(0, "day") != "0 days" || Plural(7, "day") != "7 days" {
		t.Error(Plural(1, "backup code"), Plural(0, "day"), Plural(7, "day"))
	}
}
