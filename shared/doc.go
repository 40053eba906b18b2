// Package shared is the root of the code that both the server and the WASM client compile.
//
// Its subpackages hold the wire types of /api/auth, the error codes and the validators. They import only
// the standard library: never bun, never syscall/js, never app/ or server/.
package shared
