//go:build bench

package benchmark

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// benchPackages hold the Go benchmarks of the costly calls.
var benchPackages = []string{"./server/password", "./server/session", "./server/twofactor", "./server/passkey"}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([0-9.]+) ns/op\s+([0-9.]+) B/op\s+([0-9.]+) allocs/op`)

// goBenchmarks runs the Go benchmarks (BENCHTIME, default 1s) and turns each result into a row. Their
// whole output goes to the log and the doc, so the numbers can be compared with benchstat.
func goBenchmarks(t *testing.T, root string) ([]row, string) {
	t.Helper()
	benchtime := os.Getenv("BENCHTIME")
	if benchtime == "" {
		benchtime = "1s"
	}
	args := append([]string{"test", "-run", "^$", "-bench", ".", "-benchmem", "-benchtime", benchtime}, benchPackages...)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	outb, err := cmd.CombinedOutput()
	out := string(outb)
	fmt.Print(out)
	if err != nil {
		t.Fatalf("go %s: %v", strings.Join(args, " "), err)
	}
	var rows []row
	for _, line := range strings.Split(out, "\n") {
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		ns, _ := strconv.ParseFloat(m[2], 64)
		rows = append(rows, row{
			metric: "go " + m[1],
			value:  fmt.Sprintf("%s/op, %s B/op, %s allocs/op", duration(ns), m[3], m[4]),
			goal:   "-",
		})
	}
	if len(rows) == 0 {
		t.Fatalf("no benchmark results in:\n%s", out)
	}
	return rows, out
}

func duration(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}
