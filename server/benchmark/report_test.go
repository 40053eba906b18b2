//go:build bench

package benchmark

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"spacerr/app/e2e"
)

// row is one line of the table. ok is nil for numbers that have no goal (they are recorded, not judged).
type row struct {
	metric, value, goal string
	ok                  *bool
}

func judged(ok bool) *bool { return &ok }

func (r row) verdict() string {
	switch {
	case r.ok == nil:
		return "-"
	case *r.ok:
		return "pass"
	default:
		return "FAIL"
	}
}

// TestReport runs every measurement in turn and writes the table. The order matters: the load tests
// run before the browser, so Chromium's processes do not share the cores with wrk.
func TestReport(t *testing.T) {
	requireTools(t)
	root := e2e.RepoRoot(t)
	work := t.TempDir()
	only := phases(t)
	start := time.Now()
	phase := func(what string) { t.Logf("[%5.1fs] %s", time.Since(start).Seconds(), what) }
	var rows []row
	var notes []string
	var goOut string

	phase("building the release server and client")
	b := buildAll(t, root, work)
	if only["size"] {
		phase("building go-app's hello world")
		b.buildHelloWorld(t, root, filepath.Join(work, "hello"))
		rows = append(rows, b.rows()...)
	}
	if only["go"] {
		phase("Go benchmarks")
		var goRows []row
		goRows, goOut = goBenchmarks(t, root)
		rows = append(rows, goRows...)
	}
	if only["load"] || only["startup"] {
		phase("starting the server on PostgreSQL")
		srv := startServer(t, b)
		if only["load"] {
			load := runLoad(t, srv, phase)
			rows = append(rows, load.rows()...)
			notes = append(notes, load.notes...)
		}
		if only["startup"] {
			phase("start-up in Chromium")
			st := measureStartup(t, srv)
			rows = append(rows, st.rows()...)
			notes = append(notes, st.notes...)
		}
	}
	phase("done")

	table := formatTable(rows)
	fmt.Println()
	fmt.Print(table)
	for _, n := range notes {
		fmt.Println("note:", n)
	}
	if len(only) == len(allPhases) {
		writeDoc(t, root, table, notes, goOut)
	} else {
		t.Log("BENCH_ONLY is set: docs/benchmarks.md is left as it was")
	}
	for _, r := range rows {
		if r.ok != nil && !*r.ok {
			t.Errorf("goal missed: %s = %s (goal %s)", r.metric, r.value, r.goal)
		}
	}
}

var allPhases = []string{"size", "go", "load", "startup"}

// phases reads BENCH_ONLY (a comma-separated subset of allPhases, for working on one measurement);
// unset, every phase runs and the doc is rewritten.
func phases(t *testing.T) map[string]bool {
	t.Helper()
	only := map[string]bool{}
	v := os.Getenv("BENCH_ONLY")
	if v == "" {
		for _, p := range allPhases {
			only[p] = true
		}
		return only
	}
	for _, p := range strings.Split(v, ",") {
		if !slices.Contains(allPhases, p) {
			t.Fatalf("BENCH_ONLY: unknown phase %q (want some of %v)", p, allPhases)
		}
		only[p] = true
	}
	return only
}

// requireTools fails at once, before minutes of building, when a tool the report needs is missing.
func requireTools(t *testing.T) {
	t.Helper()
	var missing []string
	for _, tool := range []string{"wrk", "pgbench"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool+" (apt-get install "+map[string]string{"wrk": "wrk", "pgbench": "postgresql-client"}[tool]+")")
		}
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = e2e.DefaultChromium
	}
	if _, err := os.Stat(chromium); err != nil {
		missing = append(missing, "Chromium at "+chromium+" (apt-get install chromium, or set CHROMIUM)")
	}
	if len(missing) > 0 {
		t.Fatalf("make bench needs: %s", strings.Join(missing, "; "))
	}
	if err := pingPostgres(adminURL()); err != nil {
		t.Fatalf("make bench needs PostgreSQL at %s (set BENCH_DATABASE_URL): %v", redact(adminURL()), err)
	}
}

func formatTable(rows []row) string {
	var sb strings.Builder
	tw := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "metric\tvalue\tgoal\tresult")
	fmt.Fprintln(tw, "------\t-----\t----\t------")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.metric, r.value, r.goal, r.verdict())
	}
	tw.Flush()
	return sb.String()
}

// writeDoc rewrites docs/benchmarks.md with the table and the machine it was measured on.
func writeDoc(t *testing.T, root, table string, notes []string, goOut string) {
	t.Helper()
	commit := strings.TrimSpace(output(t, root, "git", "rev-parse", "--short", "HEAD"))
	if strings.TrimSpace(output(t, root, "git", "status", "--porcelain")) != "" {
		commit += " (dirty: uncommitted changes)"
	}
	var sb strings.Builder
	sb.WriteString("# Benchmarks\n\n")
	sb.WriteString("Written by `make bench` (server/benchmark); do not edit by hand. Each goal is explained in README.md's\n")
	sb.WriteString("Benchmarks section. Numbers from a busy machine are not comparable: rerun on a quiet one.\n\n")
	fmt.Fprintf(&sb, "- date: %s\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&sb, "- commit: %s\n", commit)
	fmt.Fprintf(&sb, "- machine: %d cores (nproc), %s, %s\n", runtime.NumCPU(), cpuModel(), memTotal())
	fmt.Fprintf(&sb, "- Go: %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(&sb, "- load: %s\n\n", loadAverage())
	sb.WriteString("```\n" + table + "```\n")
	if len(notes) > 0 {
		sb.WriteString("\nNotes:\n\n")
		for _, n := range notes {
			sb.WriteString("- " + n + "\n")
		}
	}
	sb.WriteString("\nGo benchmarks (`go test -run '^$' -bench . -benchmem`):\n\n```\n" + goOut + "```\n")
	path := filepath.Join(root, "docs", "benchmarks.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

func memTotal() string {
	b, _ := os.ReadFile("/proc/meminfo")
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return fmt.Sprintf("%.0f GiB RAM", float64(kb)/(1<<20))
		}
	}
	return "unknown RAM"
}

// loadAverage is recorded because the numbers mean little when other work shared the cores.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return fmt.Sprintf("load average %s %s %s at the end of the run", f[0], f[1], f[2])
}

// output runs a command in dir and returns its standard output, failing the test with its standard
// error when it fails.
func output(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}
