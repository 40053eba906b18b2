package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"spacerr/shared/api"
)

// MaxBodyBytes bounds every request body.
const MaxBodyBytes = 64 << 10

// Decode reads a JSON request body into dst: Content-Type application/json, at most 64 KiB, one JSON
// object, no unknown fields. A validator then checks the values.
func Decode(r *http.Request, dst any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return api.Errorf(api.CodeUnsupportedMediaType, "Send the request body as JSON (Content-Type: application/json).")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	if err != nil {
		return api.Errorf(api.CodeValidation, "The request body could not be read.")
	}
	if len(body) > MaxBodyBytes {
		return api.Errorf(api.CodePayloadTooLarge, "The request body is larger than 64 KiB.")
	}
	return DecodeBytes(body, dst)
}

// DecodeBytes is Decode without the HTTP envelope; fuzz tests call it directly.
func DecodeBytes(body []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return api.Errorf(api.CodeValidation, "The request body must hold exactly one JSON object.")
	}
	return nil
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF):
		return api.Errorf(api.CodeValidation, "The request body is empty; send a JSON object.")
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return api.Errorf(api.CodeValidation, "The request body is not valid JSON.")
	case errors.As(err, &typeErr):
		if typeErr.Field != "" {
			return api.FieldError(api.CodeValidation, typeErr.Field, fmt.Sprintf("The field %q has the wrong type.", typeErr.Field))
		}
		return api.Errorf(api.CodeValidation, "The request body must be a JSON object.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return api.FieldError(api.CodeValidation, field, fmt.Sprintf("The field %q is not accepted here.", field))
	default:
		return api.Errorf(api.CodeValidation, "The request body could not be decoded.")
	}
}

// Validator is a request type that checks its own values (the shared/api types do).
type Validator interface{ Validate() error }

// DecodeValid is Decode followed by the request's own Validate: what nearly every handler does first.
func DecodeValid(r *http.Request, dst Validator) error {
	if err := Decode(r, dst); err != nil {
		return err
	}
	return dst.Validate()
}
