//go:build bench

package benchmark

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun/driver/pgdriver"
	"golang.org/x/crypto/argon2"

	"spacerr/server/password"
)

// The load runs: wrk and pgbench at the concurrency. Each comparison (get-session against
// pgbench -S, sign-in against bare argon2id) alternates its two sides for rounds rounds of roundFor
// each and takes the median of the rounds' ratios. This machine's speed drifts by 15% or more within
// minutes (other tenants), so two long runs one after the other measured the drift as much as the
// server; alternating short rounds puts both sides of each ratio on the same machine.
const (
	rounds      = 5
	roundFor    = 3 * time.Second
	connections = 32
	appDatabase = "spacerr_bench"
	pgbenchDB   = "pgbench_bench"
	benchEmail  = "bench@example.com"
	// sessionUsers is how many people the get-session load signs in as: one cookie would let the
	// database read one row, however many lookups it is asked for at once.
	sessionUsers = 64
	benchPass    = "correct horse battery staple"
	sessionToken = "spacerr.session_token"
)

// adminURL is the PostgreSQL the report makes its two databases on.
func adminURL() string {
	if u := os.Getenv("BENCH_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// databaseURL is adminURL pointed at another database.
func databaseURL(name string) string {
	u, _ := url.Parse(adminURL())
	u.Path = "/" + name
	return u.String()
}

func redact(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Redacted()
	}
	return "(unparsable URL)"
}

func pingPostgres(dsn string) error {
	db := sql.OpenDB(pgdriver.NewConnector(pgdriver.WithDSN(dsn)))
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}

// freshDatabase drops and recreates one of the report's own databases (never any other).
func freshDatabase(t *testing.T, name string) {
	t.Helper()
	db := sql.OpenDB(pgdriver.NewConnector(pgdriver.WithDSN(adminURL())))
	defer db.Close()
	for _, q := range []string{"DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// server is the release binary running on PostgreSQL.
type server struct {
	cmd    *exec.Cmd
	base   string // http://localhost:PORT, the origin the browser uses
	direct string // http://127.0.0.1:PORT, what wrk dials
}

func startServer(t *testing.T, b *build) *server {
	t.Helper()
	freshDatabase(t, appDatabase)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	s := &server{base: "http://localhost:" + port, direct: "http://127.0.0.1:" + port}
	dataDir := filepath.Join(filepath.Dir(b.server), "data")
	logFile, err := os.Create(filepath.Join(filepath.Dir(b.server), "server.log"))
	if err != nil {
		t.Fatal(err)
	}
	s.cmd = exec.Command(b.server, "serve")
	// Production defaults (log level, password cost, mail in the log) except what a load test needs:
	// no rate limits, and no verification mail for the one sign-up.
	s.cmd.Env = append(os.Environ(),
		"PORT="+port, "BASE_URL="+s.base, "DATABASE_URL="+databaseURL(appDatabase), "WEB_DIR="+b.web,
		"DATA_DIR="+dataDir, "AUTH_SECRET=bench-secret-bench-secret-bench-secret-0123456789",
		"RATE_LIMIT_SIGN_IN=0", "RATE_LIMIT_SIGN_UP=0", "RATE_LIMIT_TWO_FACTOR=0", "RATE_LIMIT_DEFAULT=0",
		"RATE_LIMIT_MAIL=0", "RATE_LIMIT_MAGIC_LINK=0", "SEND_VERIFICATION_ON_SIGN_UP=false",
	)
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start the server: %v", err)
	}
	t.Cleanup(func() {
		s.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			s.cmd.Process.Kill()
			<-done
		}
		logFile.Close()
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(s.direct + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logFile.Name())
			t.Fatalf("the server did not become ready in 30 s (last error %v); its log:\n%s", err, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return s
}

// load holds the numbers of the load runs.
type load struct {
	getSessionRPS, getSessionP50, getSessionP99 float64 // req/s, ms, ms
	pgbenchTPS, getSessionRatio                 float64 // tps, the median round's ratio
	signInRPS, argonPerSec, signInRatio         float64 // req/s, hash/s, the median round's ratio
	rssIdle, rssAfterGetSession, hwmGetSession  int64   // kB
	hwmSignIn                                   int64
	notes                                       []string
}

func runLoad(t *testing.T, s *server, phase func(string)) *load {
	t.Helper()
	l := &load{}
	cookie := signUp(t, s, benchEmail)
	// The first get-session warms the connection pool and the statement path; idle is measured after.
	if res, err := getSession(s, cookie); err != nil || res != http.StatusOK {
		t.Fatalf("get-session with the new cookie: %d %v", res, err)
	}
	l.rssIdle = procStatus(t, s.cmd.Process.Pid, "VmRSS")

	cookies := []string{cookie}
	for i := 1; i < sessionUsers; i++ {
		cookies = append(cookies, signUp(t, s, fmt.Sprintf("bench%d@example.com", i)))
	}
	// Each wrk connection goes through the cookies in turn, from its own starting point.
	var lua strings.Builder
	lua.WriteString("local cookies = {")
	for _, c := range cookies {
		fmt.Fprintf(&lua, "%q,", sessionToken+"="+c)
	}
	lua.WriteString("}\nlocal i = math.random(#cookies)\nrequest = function()\n  i = i % #cookies + 1\n" +
		"  return wrk.format(nil, nil, {[\"Cookie\"] = cookies[i]})\nend\n")
	sessionScript := filepath.Join(t.TempDir(), "get-session.lua")
	if err := os.WriteFile(sessionScript, []byte(lua.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	freshDatabase(t, pgbenchDB)
	output(t, ".", "pgbench", "-i", "-q", "-s", "1", databaseURL(pgbenchDB))
	var gsRPS, gsP50, gsP99, pgTPS, gsRatio []float64
	for i := range rounds {
		phase(fmt.Sprintf("round %d/%d: wrk get-session and pgbench -S, %d connections, %s each", i+1, rounds, connections, roundFor))
		var w wrkResult
		var tps float64
		getSessionLoad := func() {
			w = wrk(t, "-t2", fmt.Sprintf("-c%d", connections), fmt.Sprintf("-d%ds", int(roundFor.Seconds())), "--latency",
				"-s", sessionScript, s.direct+"/api/auth/get-session")
		}
		alternate(i, getSessionLoad, func() { tps = pgbench(t, roundFor) })
		gsRPS, gsP50, gsP99 = append(gsRPS, w.rps), append(gsP50, w.p50), append(gsP99, w.p99)
		pgTPS, gsRatio = append(pgTPS, tps), append(gsRatio, w.rps/tps)
	}
	l.getSessionRPS, l.getSessionP50, l.getSessionP99 = median(gsRPS), median(gsP50), median(gsP99)
	l.pgbenchTPS, l.getSessionRatio = median(pgTPS), median(gsRatio)
	l.notes = append(l.notes, "get-session / pgbench -S per round: "+list(gsRatio)+"; p99 per round (ms): "+list(gsP99))
	l.rssAfterGetSession = procStatus(t, s.cmd.Process.Pid, "VmRSS")
	l.hwmGetSession = procStatus(t, s.cmd.Process.Pid, "VmHWM")

	script := filepath.Join(t.TempDir(), "sign-in.lua")
	body, _ := json.Marshal(map[string]string{"email": benchEmail, "password": benchPass})
	signInLua := fmt.Sprintf("wrk.method = \"POST\"\nwrk.body = %q\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Origin\"] = %q\n", body, s.base)
	if err := os.WriteFile(script, []byte(signInLua), 0o644); err != nil {
		t.Fatal(err)
	}
	// Two connections per core keep every core hashing without queueing a long tail behind them.
	conns := 2 * runtime.NumCPU()
	var siRPS, argon, siRatio []float64
	for i := range rounds {
		phase(fmt.Sprintf("round %d/%d: wrk sign-in with password and bare argon2id on %d cores, %s each", i+1, rounds, runtime.NumCPU(), roundFor))
		var w wrkResult
		var bare float64
		signInLoad := func() {
			w = wrk(t, "-t2", fmt.Sprintf("-c%d", conns), fmt.Sprintf("-d%ds", int(roundFor.Seconds())), "--latency",
				"-s", script, s.direct+"/api/auth/sign-in/email")
		}
		alternate(i, signInLoad, func() { bare = bareArgon2(roundFor) })
		siRPS, argon, siRatio = append(siRPS, w.rps), append(argon, bare), append(siRatio, w.rps/bare)
	}
	l.signInRPS, l.argonPerSec, l.signInRatio = median(siRPS), median(argon), median(siRatio)
	l.notes = append(l.notes, "sign-in / bare argon2id per round: "+list(siRatio))
	l.hwmSignIn = procStatus(t, s.cmd.Process.Pid, "VmHWM")
	return l
}

// signUp makes the user with email and returns its session cookie.
func signUp(t *testing.T, s *server, email string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"name": "Bench", "email": email, "password": benchPass})
	req, _ := http.NewRequest("POST", s.direct+"/api/auth/sign-up/email", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", s.base)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("sign-up: %v", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("sign-up: %s", res.Status)
	}
	for _, c := range res.Cookies() {
		if c.Name == sessionToken {
			return c.Value
		}
	}
	t.Fatal("sign-up set no session cookie")
	return ""
}

func getSession(s *server, cookie string) (int, error) {
	req, _ := http.NewRequest("GET", s.direct+"/api/auth/get-session", nil)
	req.AddCookie(&http.Cookie{Name: sessionToken, Value: cookie})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	var v *struct {
		User *struct{ Email string }
	}
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil || v == nil || v.User == nil || v.User.Email != benchEmail {
		return res.StatusCode, fmt.Errorf("get-session did not answer the signed-in user: %v", err)
	}
	return res.StatusCode, nil
}

// procStatus reads one kB field (VmRSS, VmHWM) of /proc/PID/status.
func procStatus(t *testing.T, pid int, field string) int64 {
	t.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				t.Fatalf("%s: %q", field, v)
			}
			return n
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

type wrkResult struct{ rps, p50, p99 float64 }

var (
	wrkRPS     = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkLatency = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([0-9.]+)(us|ms|s)\s*$`)
	wrkErrors  = regexp.MustCompile(`(Non-2xx or 3xx responses|Socket errors): .*`)
)

// wrk runs wrk and parses its summary. Any non-2xx answer or socket error fails the report: a fast
// error is not a fast get-session.
func wrk(t *testing.T, args ...string) wrkResult {
	t.Helper()
	out := output(t, ".", "wrk", args...)
	t.Log(out)
	if m := wrkErrors.FindString(out); m != "" {
		t.Fatalf("wrk %s: %s", strings.Join(args, " "), m)
	}
	var r wrkResult
	m := wrkRPS.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no Requests/sec in wrk's output:\n%s", out)
	}
	r.rps, _ = strconv.ParseFloat(m[1], 64)
	for _, m := range wrkLatency.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		switch m[3] {
		case "us":
			v /= 1000
		case "s":
			v *= 1000
		}
		if m[1] == "50" {
			r.p50 = v
		} else {
			r.p99 = v
		}
	}
	return r
}

var pgbenchTPS = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)

// pgbench is the floor of one indexed read: select-only on pgbench's own table (made by runLoad), same
// server, same concurrency, for d.
func pgbench(t *testing.T, d time.Duration) float64 {
	t.Helper()
	out := output(t, ".", "pgbench", "-S", fmt.Sprintf("-c%d", connections), "-j2", fmt.Sprintf("-T%d", int(d.Seconds())), databaseURL(pgbenchDB))
	t.Log(out)
	m := pgbenchTPS.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no tps in pgbench's output:\n%s", out)
	}
	tps, _ := strconv.ParseFloat(m[1], 64)
	return tps
}

// alternate runs a then b in even rounds and b then a in odd ones, so neither side always runs on
// the warmer (or busier) half of a round.
func alternate(round int, a, b func()) {
	if round%2 == 1 {
		a, b = b, a
	}
	a()
	b()
}

func list(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.FormatFloat(x, 'f', 2, 64)
	}
	return strings.Join(parts, ", ")
}

// bareArgon2 is how many argon2id hashes with the server's parameters all the cores make per second:
// the ceiling of password sign-ins.
func bareArgon2(d time.Duration) float64 {
	p := password.DefaultParams
	pw, salt := []byte(benchPass), make([]byte, p.SaltLen)
	var n atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	stop := start.Add(d)
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				argon2.IDKey(pw, salt, p.Time, p.MemoryKiB, p.Threads, p.KeyLen)
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	return float64(n.Load()) / time.Since(start).Seconds()
}

func (l *load) rows() []row {
	gs, si := l.getSessionRatio, l.signInRatio
	return []row{
		{metric: "get-session, 32 connections (wrk)", value: fmt.Sprintf("%.0f req/s, p50 %.2f ms", l.getSessionRPS, l.getSessionP50), goal: "-"},
		{metric: "pgbench -S, 32 connections", value: fmt.Sprintf("%.0f tps", l.pgbenchTPS), goal: "-"},
		{metric: "get-session / pgbench -S (median round)", value: fmt.Sprintf("%.2f", gs), goal: "≥ 0.50", ok: judged(gs >= 0.5)},
		{metric: "get-session p99 (median round)", value: fmt.Sprintf("%.2f ms", l.getSessionP99), goal: "< 10 ms", ok: judged(l.getSessionP99 < 10)},
		{metric: "sign-in with password (wrk)", value: fmt.Sprintf("%.1f req/s", l.signInRPS), goal: "-"},
		{metric: "bare argon2id, same params, all cores", value: fmt.Sprintf("%.1f hash/s", l.argonPerSec), goal: "-"},
		{metric: "sign-in / bare argon2id (median round)", value: fmt.Sprintf("%.2f", si), goal: "≥ 0.85", ok: judged(si >= 0.85)},
		{metric: "server RSS idle", value: mib(l.rssIdle), goal: "-"},
		{metric: "server RSS after get-session load (peak)", value: fmt.Sprintf("%s (%s)", mib(l.rssAfterGetSession), mib(l.hwmGetSession)), goal: "-"},
		{metric: "server peak RSS after sign-in load", value: mib(l.hwmSignIn), goal: "-"},
	}
}

func mib(kb int64) string { return fmt.Sprintf("%.1f MiB", float64(kb)/1024) }
