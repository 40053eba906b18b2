package passkey

import (
	"testing"

	"spacerr/shared/api"
)

func TestWithCount(t *testing.T) {
	st := api.PasskeyStatus{Count: 1, HasPasskey: true, HasPassword: true}
	if got := WithCount(st, 0); got != (api.PasskeyStatus{HasPassword: true}) {
		t.Errorf("WithCount(0) = %+v", got)
	}
	if got := WithCount(api.PasskeyStatus{}, 3); got != (api.PasskeyStatus{Count: 3, HasPasskey: true}) {
		t.Errorf("WithCount(3) = %+v", got)
	}
}
