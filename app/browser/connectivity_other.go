//go:build !js

package browser

// Online is the non-browser stub: the prerendering server is never offline.
func Online() bool { return true }

// WatchConnectivity is the non-browser stub: nothing ever changes.
func WatchConnectivity(changed func(online bool)) (stop func()) { return func() {} }
