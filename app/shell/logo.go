package shell

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// logoBody is the product mark: a ringed planet on a rounded tile. Colours come from CSS
// (.logo-tile, .logo-ink, .logo-cut), so the mark follows the theme. The ring is drawn behind the
// planet, then a tile-coloured band and the ring's front half are drawn over it, so the ring seems
// to pass in front. It is a constant: Raw never carries untrusted markup here.
const logoBody = `viewBox="0 0 64 64" aria-hidden="true" focusable="false">` +
	`<rect class="logo-tile" width="64" height="64" rx="14"/>` +
	`<g transform="translate(32 32) rotate(-25)" fill="none" stroke-linecap="round">` +
	`<ellipse class="logo-ink" rx="24" ry="7.5" stroke-width="3.5"/>` +
	`<circle class="logo-planet" r="13.5"/>` +
	`<path class="logo-cut" d="M-24 0A24 7.5 0 0 0 24 0" stroke-width="7.5"/>` +
	`<path class="logo-ink" d="M-24 0A24 7.5 0 0 0 24 0" stroke-width="3.5"/>` +
	`</g></svg>`

// Logo is the product mark as inline SVG, hidden from screen readers because the text next to it
// names the product. class sizes it ("brand-mark").
func Logo(class string) app.UI {
	return app.Raw(`<svg class="logo ` + class + `" ` + logoBody)
}
