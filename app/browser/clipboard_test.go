//go:build !js

package browser

import (
	"context"
	"errors"
	"testing"
)

func TestCopyTextStub(t *testing.T) {
	if err := CopyText(context.Background(), "x"); !errors.Is(err, ErrUnavailable) {
		t.Errorf("CopyText error = %v, want ErrUnavailable", err)
	}
}
