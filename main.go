// Command spacerr is both halves of Spacerr Go. Built for js/wasm it is the browser client; built for
// the server it serves the API, the prerendered pages and the client. The server half lives in
// main_server.go behind a build tag, so none of it is linked into app.wasm.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"spacerr/app/routes"
)

// version is set at build time (-ldflags "-X main.version=…"); it names the build in logs.
var version = "dev"

func main() {
	routes.Register()
	app.RunWhenOnBrowser() // in the browser this never returns
	serverMain(version)
}
