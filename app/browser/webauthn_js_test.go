//go:build js

package browser

import (
	"context"
	"encoding/json"
	"errors"
	"syscall/js"
	"testing"
)

// These run under Node, which has no WebAuthn: each test installs a fake PublicKeyCredential and
// navigator.credentials written in JavaScript, so the bridge's real promise, abort and conversion
// code runs against them. fakeWebAuthn's script sees `calls` (every options object passed to
// create/get) and `started` (a Go callback that reports a request reached the fake).

// fakeWebAuthn installs the fake described by script, which must set globalThis.PublicKeyCredential
// and globalThis.navigator, and removes both when the test ends. It returns the recorded calls and
// a channel that receives one value per create/get call.
func fakeWebAuthn(t *testing.T, script string) (calls func() js.Value, started <-chan struct{}) {
	t.Helper()
	g := js.Global()
	ch := make(chan struct{}, 8)
	onStart := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- struct{}{}
		return nil
	})
	g.Set("__webauthnStarted", onStart)
	g.Set("__webauthnCalls", g.Get("Array").New())
	g.Call("eval", `(() => {
		const calls = globalThis.__webauthnCalls, started = globalThis.__webauthnStarted;
		const define = (name, value) => Object.defineProperty(globalThis, name, {value, configurable: true, writable: true});
		`+script+`
	})()`)
	t.Cleanup(func() {
		g.Call("eval", `delete globalThis.PublicKeyCredential; delete globalThis.navigator;
			delete globalThis.__webauthnStarted; delete globalThis.__webauthnCalls;`)
		onStart.Release()
	})
	return func() js.Value { return g.Get("__webauthnCalls") }, ch
}

// settleTasks waits until the JavaScript task queue has run once more, so promise callbacks and
// unhandled-rejection checks scheduled so far have happened.
func settleTasks(t *testing.T) {
	t.Helper()
	p := js.Global().Call("eval", `new Promise(r => setTimeout(r, 0))`)
	if _, err := await(context.Background(), p, nil); err != nil {
		t.Fatal(err)
	}
}

// A credential as an old browser returns it: ArrayBuffers and no toJSON.
const oldBrowserCreate = `
	define("PublicKeyCredential", function PublicKeyCredential() {});
	const buf = (...b) => new Uint8Array(b).buffer;
	define("navigator", {credentials: {
		create(opts) {
			calls.push(opts); started();
			return Promise.resolve({
				id: "q80", rawId: buf(0xab, 0xcd), type: "public-key", authenticatorAttachment: "platform",
				response: {clientDataJSON: buf(0x7b, 0x7d), attestationObject: buf(1, 2, 3), getTransports() { return ["internal"]; }},
				getClientExtensionResults() { return {credProps: {rk: true}}; },
			});
		},
		get(opts) {
			calls.push(opts); started();
			return Promise.resolve({
				id: "q80", rawId: buf(0xab, 0xcd), type: "public-key", authenticatorAttachment: null,
				response: {clientDataJSON: buf(0x7b, 0x7d), authenticatorData: buf(9),
					signature: new Uint8Array([0, 7, 7]).subarray(1), userHandle: null},
				getClientExtensionResults() { return {}; },
			});
		},
	}});`

func TestCreateCredentialFallbackConvertsBothWays(t *testing.T) {
	calls, _ := fakeWebAuthn(t, oldBrowserCreate)
	if !WebAuthnSupported() {
		t.Fatal("WebAuthnSupported = false with the fake installed")
	}
	got, err := CreateCredential(context.Background(), []byte(creationJSON))
	if err != nil {
		t.Fatalf("CreateCredential: %v", err)
	}
	want := `{"id":"q80","rawId":"q80","type":"public-key","response":{"clientDataJSON":"e30",` +
		`"attestationObject":"AQID","transports":["internal"]},"authenticatorAttachment":"platform",` +
		`"clientExtensionResults":{"credProps":{"rk":true}}}`
	if string(got) != want {
		t.Errorf("credential =\n%s\nwant\n%s", got, want)
	}

	req := calls().Index(0)
	pk := req.Get("publicKey")
	if !pk.Get("challenge").InstanceOf(js.Global().Get("Uint8Array")) {
		t.Fatalf("challenge is a %s, want a Uint8Array", pk.Get("challenge").Type())
	}
	if got := goBytes(pk.Get("challenge")); string(got) != "\x00\x01\x02\xff\xef" {
		t.Errorf("challenge bytes = %x", got)
	}
	if got := goBytes(pk.Get("user").Get("id")); string(got) != "user-1" {
		t.Errorf("user.id bytes = %q", got)
	}
	if got := goBytes(pk.Get("excludeCredentials").Index(0).Get("id")); string(got) != "\xab\xcd" {
		t.Errorf("excludeCredentials[0].id bytes = %x", got)
	}
	if pk.Get("user").Get("name").String() != "ada@example.com" || pk.Get("timeout").Int() != 300000 {
		t.Error("plain option fields did not survive the conversion")
	}
	if !req.Get("signal").Truthy() || req.Get("mediation").Truthy() {
		t.Error("a modal create must carry an abort signal and no mediation")
	}
}

func TestGetCredentialFallbackEncodesAssertion(t *testing.T) {
	fakeWebAuthn(t, oldBrowserCreate)
	got, err := GetCredential(context.Background(), []byte(`{"challenge":"AA","rpId":"localhost"}`), false)
	if err != nil {
		t.Fatalf("GetCredential: %v", err)
	}
	// The signature came as a view into a larger buffer: only the view's bytes count.
	want := `{"id":"q80","rawId":"q80","type":"public-key","response":{"clientDataJSON":"e30",` +
		`"authenticatorData":"CQ","signature":"Bwc"},"clientExtensionResults":{}}`
	if string(got) != want {
		t.Errorf("assertion =\n%s\nwant\n%s", got, want)
	}
}

func TestModernBrowserPathUsesParseAndToJSON(t *testing.T) {
	calls, _ := fakeWebAuthn(t, `
		define("PublicKeyCredential", {
			parseRequestOptionsFromJSON(json) { return {parsedBy: "browser", challenge: json.challenge}; },
		});
		define("navigator", {credentials: {
			create() { throw new Error("unused"); },
			get(opts) {
				calls.push(opts); started();
				return Promise.resolve({toJSON() {
					return {id: "q80", rawId: "q80", type: "public-key", response: {clientDataJSON: "e30",
						authenticatorData: "CQ", signature: "Bwc", userHandle: "dXNlci0x"}, clientExtensionResults: {}};
				}});
			},
		}});`)
	got, err := GetCredential(context.Background(), []byte(`{"publicKey":{"challenge":"AA"}}`), false)
	if err != nil {
		t.Fatalf("GetCredential: %v", err)
	}
	var cred struct {
		ID       string
		Response struct{ UserHandle string }
	}
	if err := json.Unmarshal(got, &cred); err != nil || cred.ID != "q80" || cred.Response.UserHandle != "dXNlci0x" {
		t.Errorf("credential = %s (%v)", got, err)
	}
	pk := calls().Index(0).Get("publicKey")
	if pk.Get("parsedBy").String() != "browser" || pk.Get("challenge").String() != "AA" {
		t.Error("the browser's parser did not get the unwrapped options")
	}
}

func TestRejectionsBecomeTypedErrors(t *testing.T) {
	fakeWebAuthn(t, `
		define("PublicKeyCredential", function PublicKeyCredential() {});
		define("navigator", {credentials: {
			create(opts) { return Promise.reject(new DOMException("The operation either timed out or was not allowed.", opts.publicKey.rp.name)); },
			get(opts) { throw new TypeError("bad options"); },
		}});`)
	for name, kind := range map[string]error{
		"NotAllowedError":   ErrCancelled,
		"InvalidStateError": ErrAlreadyRegistered,
		"SecurityError":     ErrNotAllowedHere,
		"NotSupportedError": ErrUnsupported,
		"UnknownError":      ErrCeremonyFailed,
	} {
		// The fake rejects with the DOMException named by rp.name.
		opts := `{"rp":{"name":"` + name + `"},"user":{"id":"AA"},"challenge":"AA"}`
		_, err := CreateCredential(context.Background(), []byte(opts))
		var ce *CeremonyError
		if !errors.As(err, &ce) || !errors.Is(err, kind) || ce.Name != name {
			t.Errorf("%s: error = %v (%T), want %v", name, err, err, kind)
		}
	}
	// A synchronous throw is a failure too, not a crash.
	if _, err := GetCredential(context.Background(), []byte(`{"challenge":"AA"}`), false); !errors.Is(err, ErrCeremonyFailed) {
		t.Errorf("thrown TypeError: error = %v, want ErrCeremonyFailed", err)
	}
	// Options the Go decoder cannot read never reach the browser.
	if _, err := CreateCredential(context.Background(), []byte(`{"challenge":"AA"}`)); !errors.Is(err, ErrCeremonyFailed) {
		t.Errorf("options without a user: error = %v, want ErrCeremonyFailed", err)
	}
}

// pendingUntilAborted is a fake whose requests settle only when their signal aborts, as a
// conditional request waits for the person; a modal get (no mediation) resolves at once. It calls
// started only once it listens for the abort: the Go side may run (and abort) inside that call.
const pendingUntilAborted = `
	define("PublicKeyCredential", function PublicKeyCredential() {});
	const waitForAbort = (opts) => {
		const p = new Promise((resolve, reject) => {
			if (opts.signal.aborted) reject(opts.signal.reason);
			opts.signal.addEventListener("abort", () => reject(opts.signal.reason));
		});
		started();
		return p;
	};
	define("navigator", {credentials: {
		create(opts) { calls.push(opts); return waitForAbort(opts); },
		get(opts) {
			calls.push(opts);
			if (opts.mediation !== "conditional") {
				started();
				return Promise.resolve({toJSON() { return {id: "modal", response: {}}; }});
			}
			return waitForAbort(opts);
		},
	}});`

func TestAbortConditional(t *testing.T) {
	calls, started := fakeWebAuthn(t, pendingUntilAborted)
	result := make(chan error, 1)
	go func() {
		_, err := GetCredential(context.Background(), []byte(`{"challenge":"AA"}`), true)
		result <- err
	}()
	<-started
	if got := calls().Index(0).Get("mediation").String(); got != "conditional" {
		t.Fatalf("mediation = %q, want conditional", got)
	}
	AbortConditional()
	if err := <-result; !errors.Is(err, ErrAborted) {
		t.Fatalf("aborted conditional request: error = %v, want ErrAborted", err)
	}
	AbortConditional() // nothing pending: a no-op
}

func TestModalRequestAbortsPendingConditional(t *testing.T) {
	_, started := fakeWebAuthn(t, pendingUntilAborted)
	conditional := make(chan error, 1)
	go func() {
		_, err := GetCredential(context.Background(), []byte(`{"challenge":"AA"}`), true)
		conditional <- err
	}()
	<-started
	got, err := GetCredential(context.Background(), []byte(`{"challenge":"AA"}`), false)
	if err != nil || !looksLikeCredentialJSON(got) {
		t.Fatalf("modal GetCredential = %s, %v", got, err)
	}
	if err := <-conditional; !errors.Is(err, ErrAborted) {
		t.Fatalf("conditional request: error = %v, want ErrAborted", err)
	}
}

func TestCancelledContextAbortsRequest(t *testing.T) {
	calls, started := fakeWebAuthn(t, pendingUntilAborted)
	ctx, cancel := context.WithCancel(context.Background())
	result := make(chan error, 1)
	go func() {
		_, err := CreateCredential(ctx, []byte(creationJSON))
		result <- err
	}()
	<-started
	cancel()
	if err := <-result; !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	if !calls().Index(0).Get("signal").Get("aborted").Bool() {
		t.Error("the browser request was not aborted")
	}
	settleTasks(t) // the callbacks are released once the aborted promise settles; nothing may crash

	if _, err := GetCredential(ctx, []byte(`{"challenge":"AA"}`), false); !errors.Is(err, context.Canceled) {
		t.Errorf("GetCredential with an ended context: error = %v", err)
	}
}

func TestFeatureChecks(t *testing.T) {
	ctx := context.Background()
	if WebAuthnSupported() || PlatformAuthenticatorAvailable(ctx) || ConditionalMediationAvailable(ctx) {
		t.Fatal("Node has no WebAuthn, yet a check says yes")
	}

	fakeWebAuthn(t, `
		define("PublicKeyCredential", {
			isUserVerifyingPlatformAuthenticatorAvailable() { return Promise.resolve(true); },
			isConditionalMediationAvailable() { return Promise.reject(new Error("no")); },
		});
		define("navigator", {credentials: {create() {}, get() {}}});`)
	if !WebAuthnSupported() {
		t.Error("WebAuthnSupported = false")
	}
	if !PlatformAuthenticatorAvailable(ctx) {
		t.Error("PlatformAuthenticatorAvailable = false, want true")
	}
	if ConditionalMediationAvailable(ctx) {
		t.Error("a rejected isConditionalMediationAvailable must read as false")
	}
}

func TestSignals(t *testing.T) {
	if SignalUnknownCredential("localhost", "q80") {
		t.Fatal("signal sent without a Signal API")
	}
	fakeWebAuthn(t, `
		const record = (name) => (arg) => { calls.push({name, arg}); return Promise.reject(new Error("refused")); };
		define("PublicKeyCredential", {
			signalUnknownCredential: record("unknown"),
			signalAllAcceptedCredentials: record("accepted"),
			signalCurrentUserDetails: record("details"),
		});`)
	calls := js.Global().Get("__webauthnCalls")
	if !SignalUnknownCredential("localhost", "q80") ||
		!SignalAllAcceptedCredentials("localhost", "dXNlci0x", []string{"q80", "AA"}) ||
		!SignalCurrentUserDetails("localhost", "dXNlci0x", "ada@example.com", "Ada") {
		t.Fatal("a signal was not sent")
	}
	if SignalUnknownCredential("", "q80") || SignalAllAcceptedCredentials("localhost", "", nil) {
		t.Error("a signal without an rpId or user id was sent")
	}
	// The fakes reject: an unhandled rejection would end the Node process here.
	settleTasks(t)

	if n := calls.Length(); n != 3 {
		t.Fatalf("%d signals recorded, want 3", n)
	}
	unknown := calls.Index(0).Get("arg")
	if unknown.Get("rpId").String() != "localhost" || unknown.Get("credentialId").String() != "q80" {
		t.Error("signalUnknownCredential got the wrong argument")
	}
	accepted := calls.Index(1).Get("arg")
	if accepted.Get("userId").String() != "dXNlci0x" || accepted.Get("allAcceptedCredentialIds").Index(1).String() != "AA" {
		t.Error("signalAllAcceptedCredentials got the wrong argument")
	}
	details := calls.Index(2).Get("arg")
	if details.Get("name").String() != "ada@example.com" || details.Get("displayName").String() != "Ada" {
		t.Error("signalCurrentUserDetails got the wrong argument")
	}
}

// goBytes copies a Uint8Array into Go.
func goBytes(u8 js.Value) []byte {
	b := make([]byte, u8.Get("length").Int())
	js.CopyBytesToGo(b, u8)
	return b
}
