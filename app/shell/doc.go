// Package shell holds the layout pieces every page shares: the frame (header, main, footer), the
// auth card, the form field, buttons, alerts and the logo. They are plain functions and structs that
// return go-app UI; they keep no state and make no requests, so pages own all behaviour.
//
// go-app renders a boolean attribute set to false as attr="false", which HTML reads as true, so
// these pieces only ever set disabled, required and checked when they are true. Nothing here uses
// inline styles: the Content-Security-Policy forbids them, and web/app.css has every class.
package shell
