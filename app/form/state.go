// Package form holds what an account form knows besides its values: which fields the person has
// finished with, whether they tried to send it, whether a request is running, and what the server
// answered. From that it decides which message each field shows and when, and where focus goes.
//
// It is plain Go with no go-app or JavaScript, so the rules are unit-tested without rendering. Field
// names are the API's ("name", "email", "password"), so a server error's Field lands on the input
// with that name.
package form

import (
	"errors"

	"spacerr/app/authapi"
	"spacerr/shared/api"
	"spacerr/shared/validate"
)

// Errors is the validators' verdict on the current values, by field; nil means the field is valid.
// Pages recompute it from their values on every render, so messages follow the typing.
type Errors map[string]error

// State is the non-value state of one form. The zero value is not usable; call New.
type State struct {
	fields    []string
	edited    map[string]bool
	touched   map[string]bool
	submitted bool
	pending   bool
	server    map[string]*api.Error // the server's verdict on a field, until the field is edited
	alert     string
	alertCode api.Code
}

// New returns the state of a form with these fields, in page order.
func New(fields ...string) State {
	return State{
		fields:  fields,
		edited:  map[string]bool{},
		touched: map[string]bool{},
		server:  map[string]*api.Error{},
	}
}

// Edit records that the person typed in field. The server's verdict on the old value no longer
// applies, so it is dropped.
func (s *State) Edit(field string) {
	s.edited[field] = true
	delete(s.server, field)
}

// Blur records that the person left field. Only a field they typed in counts as touched: tabbing
// through an empty form must not paint it red before they had a chance to fill it in.
func (s *State) Blur(field string) {
	if s.edited[field] {
		s.touched[field] = true
	}
}

// Message is the error text field shows now, or "". The server's message wins until the field is
// edited; a validator's shows once the field was touched or a submit was tried.
func (s State) Message(field string, errs Errors) string {
	if e := s.server[field]; e != nil {
		return authapi.Message(e)
	}
	if err := errs[field]; err != nil && (s.touched[field] || s.submitted) {
		return message(err)
	}
	return ""
}

// Submit starts a submit attempt. It reports whether the request may be sent; when it may not
// because a field is invalid, focus names the first such field in page order. A second submit while
// one is pending is refused, so a double click sends one request.
func (s *State) Submit(errs Errors) (ok bool, focus string) {
	if s.pending {
		return false, ""
	}
	s.submitted = true
	s.alert, s.alertCode = "", ""
	for _, f := range s.fields {
		if s.Message(f, errs) != "" {
			return false, f
		}
	}
	s.pending = true
	return true, ""
}

// Done ends the pending request with its outcome. On failure the error is shown where it belongs:
// under its field when the API names one of this form's fields (focus then names it), otherwise in
// the form's alert.
func (s *State) Done(err error) (focus string) {
	s.pending = false
	if err == nil {
		return ""
	}
	var apiErr *api.Error
	if errors.As(err, &apiErr) && s.has(apiErr.Field) {
		s.server[apiErr.Field] = apiErr
		return apiErr.Field
	}
	s.alert = authapi.Message(err)
	if apiErr != nil {
		s.alertCode = apiErr.Code
	}
	return ""
}

// FieldCode is the API code of the server's error shown under field, or "", so a page can offer a
// way out next to it (a "sign in instead" link when the email already has an account).
func (s State) FieldCode(field string) api.Code {
	if e := s.server[field]; e != nil {
		return e.Code
	}
	return ""
}

// Pending reports whether a request is running.
func (s State) Pending() bool { return s.pending }

// Alert is the form-level error to show above the fields, or "".
func (s State) Alert() string { return s.alert }

// AlertCode is the API code behind Alert, when it came from the server, so a page can offer a way
// out (a "sign in instead" link for an existing account).
func (s State) AlertCode() api.Code { return s.alertCode }

func (s State) has(field string) bool {
	for _, f := range s.fields {
		if f == field && f != "" {
			return true
		}
	}
	return false
}

// message is the sentence for a validator's error. Pages may return an *api.Error when the rule is
// theirs (the sign-in form's "Enter your password.").
func message(err error) string {
	var apiErr *api.Error
	if errors.As(err, &apiErr) {
		return apiErr.Message
	}
	return validate.Message(err)
}
