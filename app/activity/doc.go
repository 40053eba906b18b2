// Package activity puts an account's security events into words: what happened ("Signed in with a
// passkey"), how long ago ("5 minutes ago") and on which device ("Firefox 128 on macOS"). The account
// holder reads these words in settings' Recent activity and an admin reads them on the user page. Both
// use this one vocabulary, worded for the reader (see Reader). It formats only: it sends no request
// and renders no UI.
package activity
