//go:build !js

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Shot saves a full-page PNG as screenshots/<TestName>/NN-name.png (under app/e2e, git-ignored) and
// logs its path, so a person can look at what the story saw.
func (b *Browser) Shot(name string) {
	b.t.Helper()
	path, err := b.shot(name)
	if err != nil {
		b.fail("screenshot %s: %v", name, err)
	}
	b.t.Logf("screenshot: %s", path)
}

func (b *Browser) shotQuietly(name string) {
	if path, err := b.shot(name); err == nil {
		b.t.Logf("screenshot at failure: %s", path)
	}
}

func (b *Browser) shot(name string) (string, error) {
	path, err := b.shots.next(name)
	if err != nil {
		return "", err
	}
	// Not bounded by the test's deadline: the screenshot after a timeout is the one that matters.
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		return "", err
	}
	return path, os.WriteFile(path, png, 0o644)
}

// shots numbers a test's screenshots across its tabs.
type shots struct {
	mu  sync.Mutex
	dir string
	n   int
}

// newShots returns the numbering for the test's folder, after removing the screenshots an earlier
// run left there, so the folder never mixes runs. Subfolders belong to subtests and are left alone.
func newShots(t testing.TB) *shots {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "app", "e2e", "screenshots", shotDirName(t.Name()))
	old, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			t.Fatalf("remove an old screenshot: %v", err)
		}
	}
	return &shots{dir: dir}
}

func (s *shots) next(name string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return "", err
	}
	s.n++
	return filepath.Join(s.dir, fmt.Sprintf("%02d-%s.png", s.n, fileSafe.ReplaceAllString(name, "-"))), nil
}

var fileSafe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// shotDirName keeps subtests as subfolders (TestAccount/postgres) and makes the rest file-safe.
func shotDirName(testName string) string {
	parts := strings.Split(testName, "/")
	for i, p := range parts {
		parts[i] = fileSafe.ReplaceAllString(p, "-")
	}
	return filepath.Join(parts...)
}
