package oidc

import (
	"encoding/json"
	"strings"

	"spacerr/shared/validate"
)

// claims are the ID token's claims this package uses.
type claims struct {
	Subject       string   `json:"-"`
	Email         string   `json:"email"`
	EmailVerified flexBool `json:"email_verified"`
	Name          string   `json:"name"`
	Picture       string   `json:"picture"`
}

// flexBool reads a JSON boolean, or the strings "true"/"false" some providers send instead.
type flexBool bool

func (b *flexBool) UnmarshalJSON(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	switch t := v.(type) {
	case bool:
		*b = flexBool(t)
	case string:
		*b = flexBool(strings.EqualFold(t, "true"))
	default:
		*b = false
	}
	return nil
}

// nameOf is the ID token's name, else the local part of the email, else a placeholder.
func nameOf(c *claims, email string) string {
	for _, n := range []string{validate.NormalizeName(c.Name), strings.SplitN(email, "@", 2)[0]} {
		if n != "" && validate.Name(n) == nil {
			return n
		}
	}
	return "New user"
}

// pictureOf is the ID token's picture when it is an https URL of sensible length.
func pictureOf(c *claims) *string {
	p := c.Picture
	if len(p) > 2048 || !strings.HasPrefix(p, "https://") {
		return nil
	}
	return &p
}
