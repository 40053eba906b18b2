//go:build js

package main

// serverMain is never reached in the browser; this stub keeps the server out of the WASM build.
func serverMain(string) {}
