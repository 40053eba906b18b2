// Better Auth's own client, unmodified from npm, talking to the Spacerr Go server.
//
// The server claims to speak Better Auth's HTTP contract under /api/auth. These stories check that
// claim with the client that defines the contract: if a story fails, a Better Auth front end would
// see the same thing. go test ./server/contract/ starts the server and runs this file with BASE_URL
// (and RATE_LIMITED_BASE_URL, a second server with the production rate limits) set.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createAuthClient } from "better-auth/client";
import { adminClient } from "better-auth/client/plugins";

const BASE_URL = process.env.BASE_URL;
const RATE_LIMITED_BASE_URL = process.env.RATE_LIMITED_BASE_URL;
// ADMIN_EMAIL is in the server's ADMIN_EMAILS: whoever signs up with it is an admin.
const ADMIN_EMAIL = process.env.ADMIN_EMAIL;
// GOOGLE_EMAIL is who the test's OpenID provider (standing in for Google) says signs in.
const GOOGLE_EMAIL = process.env.GOOGLE_EMAIL;
if (!BASE_URL) {
	throw new Error("BASE_URL is not set: run this file through `go test ./server/contract/`");
}

const PASSWORD = "correct horse battery";
const SEVEN_DAYS = 7 * 24 * 60 * 60;
const ONE_DAY = 24 * 60 * 60;

// A browser: Better Auth's client plus the two things a browser adds to its fetches, a cookie jar
// and an Origin header. Node's fetch has neither, so customFetchImpl supplies them.
function newBrowser({ baseURL = BASE_URL, origin = new URL(baseURL).origin, cookies, plugins = [] } = {}) {
	const jar = new Map(cookies); // cookie name -> value, sent back as the server set it
	const setCookies = []; // every Set-Cookie header received, oldest first
	let lastBody = ""; // the last response body as the server sent it, before the client parsed it

	async function customFetchImpl(input, init = {}) {
		const headers = new Headers(init.headers);
		if (jar.size > 0) {
			headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
		}
		if (origin) headers.set("origin", origin);
		const res = await fetch(input, { ...init, headers });
		lastBody = await res.clone().text();
		for (const raw of res.headers.getSetCookie()) {
			const cookie = parseSetCookie(raw);
			setCookies.push(cookie);
			if (cookie.expired) jar.delete(cookie.name);
			else jar.set(cookie.name, cookie.value);
		}
		return res;
	}

	const client = createAuthClient({ baseURL, plugins, fetchOptions: { customFetchImpl } });
	return {
		client,
		jar,
		// fetch is the browser's own fetch, with its cookies and Origin: for following redirects by hand.
		fetch: customFetchImpl,
		// The last response as plain JSON: dates stay the strings the server wrote.
		lastWireJSON() {
			return JSON.parse(lastBody);
		},
		// The last Set-Cookie for the session cookie. Its name is the server's business (Better Auth's
		// is better-auth.session_token); the client never reads it, so match on the suffix.
		lastSessionCookie() {
			return setCookies.findLast((c) => c.name.endsWith("session_token"));
		},
		sessionCookieInJar() {
			return [...jar.keys()].find((name) => name.endsWith("session_token"));
		},
	};
}

// parseSetCookie reads the parts of a Set-Cookie header these stories look at.
function parseSetCookie(raw) {
	const [pair, ...attrs] = raw.split(";");
	const eq = pair.indexOf("=");
	const cookie = { raw, name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attrs: {} };
	for (const attr of attrs) {
		const i = attr.indexOf("=");
		const key = (i < 0 ? attr : attr.slice(0, i)).trim().toLowerCase();
		cookie.attrs[key] = i < 0 ? true : attr.slice(i + 1).trim();
	}
	const maxAge = cookie.attrs["max-age"];
	const expires = cookie.attrs.expires;
	cookie.expired =
		cookie.value === "" ||
		(maxAge !== undefined && Number(maxAge) <= 0) ||
		(expires !== undefined && Date.parse(expires) <= Date.now());
	return cookie;
}

function newEmail(prefix = "user") {
	return `${prefix}-${randomUUID()}@example.com`;
}

// signUp makes a fresh user in a browser of its own and returns that browser signed in.
async function signUp(fields = {}, { plugins } = {}) {
	const browser = newBrowser({ plugins });
	const email = fields.email ?? newEmail();
	const res = await browser.client.signUp.email({ name: "Ada Lovelace", email, password: PASSWORD, ...fields });
	assert.equal(res.error, null, `sign-up failed: ${JSON.stringify(res.error)}`);
	return { browser, email, user: res.data.user, token: res.data.token };
}

function assertSecondsNear(actual, expected, what) {
	assert.ok(Math.abs(actual - expected) <= 60, `${what}: ${actual} s, want about ${expected} s`);
}

// wireSecondsLeft is the lifetime of the session in the last get-session answer, read from the
// server's own string rather than the client's Date (see the date story for why they may differ).
function wireSecondsLeft(browser) {
	return (Date.parse(browser.lastWireJSON().session.expiresAt) - Date.now()) / 1000;
}

function assertError(res, status, code) {
	assert.equal(res.data, null, `expected an error, got data ${JSON.stringify(res.data)}`);
	assert.equal(res.error?.status, status, `error ${JSON.stringify(res.error)}`);
	assert.equal(res.error?.code, code, `error ${JSON.stringify(res.error)}`);
	assert.equal(typeof res.error.message, "string");
}

// waitFor resolves with the first value of a nanostores store that satisfies ok. The timer only bounds
// a broken story; a working one resolves as soon as the store changes.
function waitFor(store, ok, what, ms = 5000) {
	return new Promise((resolve, reject) => {
		let unsubscribe = () => {};
		const timer = setTimeout(() => {
			unsubscribe();
			reject(new Error(`timed out waiting for ${what}; last value ${JSON.stringify(store.get())}`));
		}, ms);
		unsubscribe = store.subscribe((value) => {
			if (!ok(value)) return;
			clearTimeout(timer);
			queueMicrotask(() => unsubscribe());
			resolve(value);
		});
	});
}

test("sign-up signs the browser in, and get-session returns the same user", async () => {
	const browser = newBrowser();
	const id = randomUUID();
	const before = Date.now();
	const { data, error } = await browser.client.signUp.email({
		name: "Ada Lovelace",
		email: `Ada.${id}@Example.COM`,
		password: PASSWORD,
	});
	assert.equal(error, null, JSON.stringify(error));

	const user = data.user;
	assert.equal(typeof user.id, "string");
	assert.ok(user.id.length > 0);
	assert.equal(user.name, "Ada Lovelace");
	assert.equal(user.email, `ada.${id}@example.com`, "Better Auth lower-cases the email");
	assert.equal(user.emailVerified, false);
	assert.equal(user.image ?? null, null);
	// The client turns ISO 8601 strings into Dates; a format it does not recognise stays a string.
	assert.ok(user.createdAt instanceof Date, `createdAt ${JSON.stringify(user.createdAt)} is not a date the client parses`);
	assert.ok(user.updatedAt instanceof Date, `updatedAt ${JSON.stringify(user.updatedAt)} is not a date the client parses`);
	// Whether the client reads the right instant is the date story's concern; here, the server's.
	const wireUser = browser.lastWireJSON().user;
	assert.ok(Math.abs(Date.parse(wireUser.createdAt) - before) < 60_000, `createdAt ${wireUser.createdAt} is not now`);
	assert.equal(typeof data.token, "string");
	assert.ok(data.token.length > 0);

	const cookie = browser.lastSessionCookie();
	assert.ok(cookie, "sign-up set no session cookie");
	assert.equal(cookie.attrs.httponly, true, cookie.raw);
	assert.equal(cookie.attrs.path, "/", cookie.raw);
	assert.equal(String(cookie.attrs.samesite).toLowerCase(), "lax", cookie.raw);
	assertSecondsNear(Number(cookie.attrs["max-age"]), SEVEN_DAYS, "session cookie Max-Age");

	const got = await browser.client.getSession();
	assert.equal(got.error, null, JSON.stringify(got.error));
	assert.deepEqual(got.data.user, user);
	assert.equal(got.data.session.userId, user.id);
	assert.equal(got.data.session.token, data.token, "get-session names the session sign-up returned");
	assert.ok(got.data.session.expiresAt instanceof Date);
	assertSecondsNear(wireSecondsLeft(browser), SEVEN_DAYS, "session lifetime");
});

// Better Auth writes dates with JSON.stringify, so always with milliseconds (".123Z"). Its client's
// parser (better-auth src/client/parser.ts parseISODate) accepts 1 to 7 fractional digits but reads
// them all as a number of milliseconds: ".123456Z" becomes 123456 ms, two minutes late. So the
// server must not send more than three.
test("dates reach the client as the instants the server sent", async () => {
	const { browser } = await signUp();
	const got = await browser.client.getSession();
	assert.equal(got.error, null, JSON.stringify(got.error));
	const wire = browser.lastWireJSON();
	const fields = [
		["user.createdAt", got.data.user.createdAt, wire.user.createdAt],
		["user.updatedAt", got.data.user.updatedAt, wire.user.updatedAt],
		["session.createdAt", got.data.session.createdAt, wire.session.createdAt],
		["session.updatedAt", got.data.session.updatedAt, wire.session.updatedAt],
		["session.expiresAt", got.data.session.expiresAt, wire.session.expiresAt],
	];
	const wrong = fields
		.filter(([, read, sent]) => !(read instanceof Date) || read.getTime() !== Date.parse(sent))
		.map(([name, read, sent]) => `${name}: server sent ${sent}, client read ${read instanceof Date ? read.toISOString() : JSON.stringify(read)}`);
	assert.deepEqual(wrong, [], "the client misreads these dates");
});

test("sign-up accepts the optional fields Better Auth's client sends", async () => {
	const image = "https://example.com/ada.png";
	const { user, browser } = await signUp({ image, callbackURL: "/welcome", rememberMe: true });
	assert.equal(user.image, image);
	const got = await browser.client.getSession();
	assert.equal(got.data?.user.image, image);
});

test("sign-out ends the session: get-session answers null, even for a copy of the old cookie", async () => {
	const { browser } = await signUp();
	const name = browser.sessionCookieInJar();
	const stolen = [[name, browser.jar.get(name)]];

	const out = await browser.client.signOut();
	assert.equal(out.error, null, JSON.stringify(out.error));
	assert.deepEqual(out.data, { success: true });
	assert.equal(browser.sessionCookieInJar(), undefined, "sign-out left the session cookie in the browser");

	const got = await browser.client.getSession();
	assert.equal(got.error, null, JSON.stringify(got.error));
	assert.equal(got.data, null);

	const replay = await newBrowser({ cookies: stolen }).client.getSession();
	assert.equal(replay.error, null, JSON.stringify(replay.error));
	assert.equal(replay.data, null, "the session outlived sign-out on the server");
});

test("sign-in with the right password starts a session; a wrong one is 401 INVALID_EMAIL_OR_PASSWORD", async () => {
	const { email, user } = await signUp();
	const browser = newBrowser();

	const wrong = await browser.client.signIn.email({ email, password: "not the password" });
	assertError(wrong, 401, "INVALID_EMAIL_OR_PASSWORD");
	const unknown = await browser.client.signIn.email({ email: newEmail("nobody"), password: PASSWORD });
	assertError(unknown, 401, "INVALID_EMAIL_OR_PASSWORD");
	assert.equal(browser.sessionCookieInJar(), undefined, "a failed sign-in set a session cookie");
	assert.equal((await browser.client.getSession()).data, null);

	const right = await browser.client.signIn.email({ email: email.toUpperCase(), password: PASSWORD });
	assert.equal(right.error, null, JSON.stringify(right.error));
	assert.equal(right.data.redirect, false);
	assert.equal(typeof right.data.token, "string");
	assert.deepEqual(right.data.user, user);
	assertSecondsNear(Number(browser.lastSessionCookie().attrs["max-age"]), SEVEN_DAYS, "remembered cookie Max-Age");

	const got = await browser.client.getSession();
	assert.equal(got.data?.user.id, user.id);
	assert.equal(got.data.session.token, right.data.token);
});

// Better Auth's sign-in answers {redirect: true, url: callbackURL} when a callbackURL is given, and
// the client's redirect plugin then sends the window there (better-auth
// src/api/routes/sign-in.ts signInEmail; src/client/fetch-plugins.ts redirectPlugin).
test("sign-in with a callbackURL tells the client to redirect there", async () => {
	const { email } = await signUp();
	const browser = newBrowser();
	const res = await browser.client.signIn.email({ email, password: PASSWORD, callbackURL: "/dashboard" });
	assert.equal(res.error, null, JSON.stringify(res.error));
	const sent = JSON.stringify(browser.lastWireJSON());
	assert.equal(res.data.url, "/dashboard", `the server answered ${sent}`);
	assert.equal(res.data.redirect, true, `the server answered ${sent}`);
});

test("a second sign-up with the same email is 422 USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", async () => {
	const { email } = await signUp();
	const browser = newBrowser();
	const res = await browser.client.signUp.email({ name: "Someone Else", email: email.toUpperCase(), password: PASSWORD });
	assertError(res, 422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
	assert.equal(browser.sessionCookieInJar(), undefined);
});

test("a password shorter than 8 characters is 400 PASSWORD_TOO_SHORT", async () => {
	const browser = newBrowser();
	const res = await browser.client.signUp.email({ name: "Ada", email: newEmail(), password: "1234567" });
	assertError(res, 400, "PASSWORD_TOO_SHORT");
	assert.equal(browser.sessionCookieInJar(), undefined);
});

test("an address that is not an email is 400 INVALID_EMAIL on sign-up and sign-in", async () => {
	const { client } = newBrowser();
	assertError(await client.signUp.email({ name: "Ada", email: "not-an-email", password: PASSWORD }), 400, "INVALID_EMAIL");
	assertError(await client.signIn.email({ email: "not-an-email", password: PASSWORD }), 400, "INVALID_EMAIL");
});

test("rememberMe:false gives a one-day session in a cookie without Max-Age", async () => {
	const { browser, email } = await signUp({ rememberMe: false });
	const assertBrowserSessionCookie = async (b, what) => {
		const cookie = b.lastSessionCookie();
		assert.ok(cookie, `${what}: no session cookie`);
		assert.equal(cookie.attrs["max-age"], undefined, `${what}: ${cookie.raw}`);
		assert.equal(cookie.attrs.expires, undefined, `${what}: ${cookie.raw}`);
		const got = await b.client.getSession();
		assert.ok(got.data, `${what}: get-session answered ${JSON.stringify(got)}`);
		assertSecondsNear(wireSecondsLeft(b), ONE_DAY, `${what}: session lifetime`);
	};
	await assertBrowserSessionCookie(browser, "sign-up");

	const other = newBrowser();
	const res = await other.client.signIn.email({ email, password: PASSWORD, rememberMe: false });
	assert.equal(res.error, null, JSON.stringify(res.error));
	await assertBrowserSessionCookie(other, "sign-in");
});

test("the useSession store follows sign-in and sign-out", async () => {
	const { email, user } = await signUp();
	const { client } = newBrowser();
	const keepMounted = client.useSession.subscribe(() => {});
	try {
		const res = await client.signIn.email({ email, password: PASSWORD });
		assert.equal(res.error, null, JSON.stringify(res.error));
		const signedIn = await waitFor(client.useSession, (s) => s.data?.user?.id === user.id, "the signed-in session");
		assert.equal(signedIn.error, null);

		await client.signOut();
		const signedOut = await waitFor(client.useSession, (s) => !s.isRefetching && s.data === null, "the signed-out state");
		assert.equal(signedOut.error, null);
	} finally {
		keepMounted();
	}
});

test("a state-changing request from another site is 403 INVALID_ORIGIN and changes nothing", async () => {
	const { browser } = await signUp();
	const evil = newBrowser({ origin: "https://evil.example", cookies: browser.jar });
	assertError(await evil.client.signOut(), 403, "INVALID_ORIGIN");
	assert.ok((await browser.client.getSession()).data, "the cross-site sign-out ended the session");
});

test("sign-in is rate limited: the 4th attempt in 10 s is 429 with X-Retry-After", { skip: !RATE_LIMITED_BASE_URL && "RATE_LIMITED_BASE_URL is not set" }, async () => {
	const { client } = newBrowser({ baseURL: RATE_LIMITED_BASE_URL });
	const attempt = async () => {
		let retryAfter = null;
		const res = await client.signIn.email(
			{ email: newEmail("limited"), password: "not the password" },
			{ onError: (ctx) => { retryAfter = ctx.response.headers.get("x-retry-after"); } },
		);
		return { res, retryAfter };
	};
	for (let i = 1; i <= 3; i++) {
		const { res } = await attempt();
		assert.equal(res.error?.status, 401, `attempt ${i}: ${JSON.stringify(res.error)}`);
	}
	const { res, retryAfter } = await attempt();
	assert.equal(res.error?.status, 429, `attempt 4: ${JSON.stringify(res.error)}`);
	assert.equal(typeof res.error.message, "string");
	assert.match(String(retryAfter), /^\d+$/, "X-Retry-After is whole seconds");
	assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 10, `X-Retry-After ${retryAfter}`);
});

// The admin plugin's stories: Better Auth's adminClient() against /api/auth/admin/*.
const adminStories = { skip: !ADMIN_EMAIL && "ADMIN_EMAIL is not set" };

test("an admin manages users with Better Auth's admin client", adminStories, async () => {
	const { browser: admin, user: adminUser } = await signUp({ email: ADMIN_EMAIL }, { plugins: [adminClient()] });
	const { client } = admin;
	const tag = randomUUID().slice(0, 8);
	const { email, user: member, browser: memberBrowser } = await signUp({ name: "Member " + tag, email: newEmail("member-" + tag) });

	// list-users with search and paging.
	const listed = await client.admin.listUsers({ query: { searchValue: "member-" + tag, searchField: "email", searchOperator: "contains", limit: 10 } });
	assert.equal(listed.error, null, JSON.stringify(listed.error));
	assert.equal(listed.data.total, 1, JSON.stringify(listed.data));
	assert.equal(listed.data.users.length, 1);
	assert.equal(listed.data.users[0].id, member.id);
	assert.equal(listed.data.users[0].email, email);
	assert.equal(listed.data.users[0].role, "user");
	assert.equal(listed.data.limit, 10);
	const byName = await client.admin.listUsers({ query: { searchValue: "Member " + tag, searchField: "name", sortBy: "email", sortDirection: "desc" } });
	assert.equal(byName.error, null, JSON.stringify(byName.error));
	assert.deepEqual(byName.data.users.map((u) => u.id), [member.id]);

	// get-user answers the user itself.
	const got = await client.admin.getUser({ query: { id: member.id } });
	assert.equal(got.error, null, JSON.stringify(got.error));
	assert.equal(got.data.id, member.id);
	assert.equal(got.data.email, email);
	assertError(await client.admin.getUser({ query: { id: "nobody" } }), 404, "USER_NOT_FOUND");

	// set-role answers {user}.
	const promoted = await client.admin.setRole({ userId: member.id, role: "admin" });
	assert.equal(promoted.error, null, JSON.stringify(promoted.error));
	assert.equal(promoted.data.user.role, "admin");
	const demoted = await client.admin.setRole({ userId: member.id, role: "user" });
	assert.equal(demoted.data?.user.role, "user", JSON.stringify(demoted.error));
	assertError(await client.admin.setRole({ userId: member.id, role: "owner" }), 400, "YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE");
	// An admin cannot ban, remove or impersonate themselves, nor stop an impersonation that is not one.
	assertError(await client.admin.banUser({ userId: adminUser.id }), 400, "YOU_CANNOT_BAN_YOURSELF");
	assertError(await client.admin.removeUser({ userId: adminUser.id }), 400, "YOU_CANNOT_REMOVE_YOURSELF");
	assertError(await client.admin.impersonateUser({ userId: adminUser.id }), 403, "YOU_CANNOT_IMPERSONATE_ADMINS");
	assert.equal((await client.admin.stopImpersonating()).error?.status, 400);
	assert.equal((await client.getSession()).data?.user.id, adminUser.id, "a refused call changed the admin's session");

	// ban-user with a reason and an expiry ends the member's sessions and refuses sign-in.
	const before = Date.now();
	const banned = await client.admin.banUser({ userId: member.id, banReason: "spamming", banExpiresIn: 3600 });
	assert.equal(banned.error, null, JSON.stringify(banned.error));
	assert.equal(banned.data.user.banned, true);
	assert.equal(banned.data.user.banReason, "spamming");
	assert.ok(banned.data.user.banExpires instanceof Date, `banExpires ${JSON.stringify(banned.data.user.banExpires)}`);
	assertSecondsNear((banned.data.user.banExpires.getTime() - before) / 1000, 3600, "ban expiry");
	assert.equal((await memberBrowser.client.getSession()).data, null, "the ban left the member signed in");
	const refused = await newBrowser().client.signIn.email({ email, password: PASSWORD });
	assertError(refused, 403, "BANNED_USER");

	const unbanned = await client.admin.unbanUser({ userId: member.id });
	assert.equal(unbanned.error, null, JSON.stringify(unbanned.error));
	assert.equal(unbanned.data.user.banned, false);
	const again = newBrowser();
	assert.equal((await again.client.signIn.email({ email, password: PASSWORD })).error, null);
	await newBrowser().client.signIn.email({ email, password: PASSWORD });

	// list-user-sessions, then revoke one and then all.
	const sessions = await client.admin.listUserSessions({ userId: member.id });
	assert.equal(sessions.error, null, JSON.stringify(sessions.error));
	assert.equal(sessions.data.sessions.length, 2);
	assert.ok(sessions.data.sessions.every((s) => s.userId === member.id && s.expiresAt instanceof Date));
	const one = await client.admin.revokeUserSession({ sessionToken: sessions.data.sessions[0].token });
	assert.deepEqual(one.data, { success: true }, JSON.stringify(one.error));
	assert.equal((await client.admin.listUserSessions({ userId: member.id })).data.sessions.length, 1);
	const all = await client.admin.revokeUserSessions({ userId: member.id });
	assert.deepEqual(all.data, { success: true }, JSON.stringify(all.error));
	assert.equal((await client.admin.listUserSessions({ userId: member.id })).data.sessions.length, 0);
	assert.equal((await again.client.getSession()).data, null, "a revoked session still works");

	// create-user, set-user-password: the new password signs in.
	const newcomer = newEmail("created-" + tag);
	const created = await client.admin.createUser({ email: newcomer, password: PASSWORD, name: "Created User", role: "user" });
	assert.equal(created.error, null, JSON.stringify(created.error));
	assert.equal(created.data.user.email, newcomer);
	assert.equal(created.data.user.role, "user");
	assertError(await client.admin.createUser({ email: newcomer, password: PASSWORD, name: "Twice" }), 400, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
	assert.equal((await newBrowser().client.signIn.email({ email: newcomer, password: PASSWORD })).error, null);
	const reset = await client.admin.setUserPassword({ userId: created.data.user.id, newPassword: "a new admin-set password" });
	assert.deepEqual(reset.data, { status: true }, JSON.stringify(reset.error));
	assertError(await newBrowser().client.signIn.email({ email: newcomer, password: PASSWORD }), 401, "INVALID_EMAIL_OR_PASSWORD");
	assert.equal((await newBrowser().client.signIn.email({ email: newcomer, password: "a new admin-set password" })).error, null);

	// impersonate-user switches the browser to the member; stop-impersonating switches it back.
	const imp = await client.admin.impersonateUser({ userId: member.id });
	assert.equal(imp.error, null, JSON.stringify(imp.error));
	assert.equal(imp.data.user.id, member.id);
	assert.equal(imp.data.session.userId, member.id);
	assert.equal(imp.data.session.impersonatedBy, adminUser.id);
	const asMember = await client.getSession();
	assert.equal(asMember.data?.user.id, member.id);
	assert.equal(asMember.data.session.impersonatedBy, adminUser.id);
	const stopped = await client.admin.stopImpersonating();
	assert.equal(stopped.error, null, JSON.stringify(stopped.error));
	assert.equal(stopped.data.user.id, adminUser.id);
	assert.equal((await client.getSession()).data?.user.id, adminUser.id);

	// remove-user deletes the member: sign-in fails and the list no longer has them.
	const removed = await client.admin.removeUser({ userId: member.id });
	assert.deepEqual(removed.data, { success: true }, JSON.stringify(removed.error));
	assertError(await newBrowser().client.signIn.email({ email, password: PASSWORD }), 401, "INVALID_EMAIL_OR_PASSWORD");
	const gone = await client.admin.listUsers({ query: { searchValue: "member-" + tag } });
	assert.equal(gone.data?.total, 0, JSON.stringify(gone));
	// An unknown user is 404 USER_NOT_FOUND.
	assertError(await client.admin.setRole({ userId: member.id, role: "admin" }), 404, "USER_NOT_FOUND");
});

test("a user who is not an admin gets 403 from every admin call and changes nothing", adminStories, async () => {
	const { browser, user } = await signUp({}, { plugins: [adminClient()] });
	const { user: other } = await signUp();
	const { client } = browser;
	const calls = [
		["listUsers", () => client.admin.listUsers({ query: {} })],
		["getUser", () => client.admin.getUser({ query: { id: other.id } })],
		["setRole", () => client.admin.setRole({ userId: user.id, role: "admin" })],
		["banUser", () => client.admin.banUser({ userId: other.id })],
		["unbanUser", () => client.admin.unbanUser({ userId: other.id })],
		["listUserSessions", () => client.admin.listUserSessions({ userId: other.id })],
		["revokeUserSessions", () => client.admin.revokeUserSessions({ userId: other.id })],
		["createUser", () => client.admin.createUser({ email: newEmail(), password: PASSWORD, name: "X" })],
		["setUserPassword", () => client.admin.setUserPassword({ userId: other.id, newPassword: "another password" })],
		["impersonateUser", () => client.admin.impersonateUser({ userId: other.id })],
		["removeUser", () => client.admin.removeUser({ userId: other.id })],
	];
	for (const [name, call] of calls) {
		const res = await call();
		assert.equal(res.data, null, `${name}: ${JSON.stringify(res.data)}`);
		assert.equal(res.error?.status, 403, `${name}: ${JSON.stringify(res.error)}`);
	}
	const me = await client.getSession();
	assert.equal(me.data?.user.id, user.id);
	assert.equal(me.data.user.role, "user");
});

// followRedirects walks a browser through redirects one hop at a time (redirect: "manual", so every
// Set-Cookie lands in its jar, as a browser's would) and returns the hops' URLs and the last response.
async function followRedirects(browser, url, max = 6) {
	const hops = [url];
	for (let i = 0; i < max; i++) {
		const res = await browser.fetch(url, { redirect: "manual" });
		const location = res.headers.get("location");
		if (res.status < 300 || res.status >= 400 || !location) {
			return { hops, res };
		}
		url = new URL(location, url).toString();
		hops.push(url);
	}
	throw new Error(`more than ${max} redirects: ${hops.join(" -> ")}`);
}

const socialStories = { skip: !GOOGLE_EMAIL && "GOOGLE_EMAIL is not set" };

test("sign-in with Google: the client gets the consent URL, the callback signs in, the last account stays", socialStories, async () => {
	const browser = newBrowser();
	const start = await browser.client.signIn.social({ provider: "google", callbackURL: "/settings" });
	assert.equal(start.error, null, JSON.stringify(start.error));
	assert.equal(start.data.redirect, true, JSON.stringify(start.data));
	assert.match(start.data.url, /^https?:\/\//, "the consent URL is absolute");

	// Provider (approves at once), our callback (sets the session), then the callbackURL.
	const { hops, res } = await followRedirects(browser, start.data.url);
	assert.ok(hops.some((u) => u.startsWith(`${BASE_URL}/api/auth/callback/google?`)), `hops: ${hops.join(" -> ")}`);
	assert.equal(hops.at(-1), `${BASE_URL}/settings`, `hops: ${hops.join(" -> ")}`);
	assert.ok(res.status < 500, `the callbackURL answered ${res.status}`);
	assert.ok(browser.sessionCookieInJar(), "the callback set the session cookie");

	const session = await browser.client.getSession();
	assert.equal(session.error, null, JSON.stringify(session.error));
	assert.equal(session.data.user.email, GOOGLE_EMAIL);
	assert.equal(session.data.user.emailVerified, true);

	const accounts = await browser.client.listAccounts();
	assert.equal(accounts.error, null, JSON.stringify(accounts.error));
	const google = accounts.data.find((a) => a.providerId === "google");
	assert.ok(google, `accounts: ${JSON.stringify(accounts.data)}`);
	assert.equal(google.userId, session.data.user.id);
	assert.ok(Array.isArray(google.scopes));
	assert.ok(accounts.data.every((a) => !("password" in a)), "no password hash is listed");

	// Google is this user's only way in: Better Auth refuses to unlink the last account, whether the
	// account is named by its id (Better Auth 1.7) or by its provider (older clients).
	assertError(await browser.client.unlinkAccount({ accountId: google.id }), 400, "FAILED_TO_UNLINK_LAST_ACCOUNT");
	assertError(await browser.client.unlinkAccount({ providerId: "google" }), 400, "FAILED_TO_UNLINK_LAST_ACCOUNT");
	assertError(await browser.client.unlinkAccount({ accountId: "no-such-account" }), 400, "ACCOUNT_NOT_FOUND");
	const after = await browser.client.listAccounts();
	assert.ok(after.data.some((a) => a.providerId === "google"), "the refused unlink changed nothing");
});

test("linkSocial connects Google to a password user, and unlink by account id removes it", socialStories, async () => {
	const { browser } = await signUp();
	const res = await browser.client.linkSocial({ provider: "google", callbackURL: "/settings" });
	assert.equal(res.error, null, JSON.stringify(res.error));
	assert.equal(res.data.redirect, true, JSON.stringify(res.data));
	assert.match(res.data.url, /^https?:\/\//);

	const quiet = await browser.client.linkSocial({ provider: "google", callbackURL: "/settings", disableRedirect: true });
	assert.equal(quiet.error, null, JSON.stringify(quiet.error));
	assert.equal(quiet.data.redirect, false, "disableRedirect: the client handles the URL itself");
	assert.match(quiet.data.url, /^https?:\/\//);

	// Through the provider (its default person: nobody is queued for this story) and back to settings,
	// with the latest flow (each start replaces the one before): the account is connected, and Better
	// Auth 1.7's unlink by account id removes it again, since the password is still a way in.
	const { hops } = await followRedirects(browser, quiet.data.url);
	assert.equal(hops.at(-1), `${BASE_URL}/settings?linked=google`, `hops: ${hops.join(" -> ")}`);
	const accounts = await browser.client.listAccounts();
	const google = accounts.data.find((a) => a.providerId === "google");
	assert.ok(google, `accounts: ${JSON.stringify(accounts.data)}`);
	const unlinked = await browser.client.unlinkAccount({ accountId: google.id });
	assert.equal(unlinked.error, null, JSON.stringify(unlinked.error));
	assert.equal(unlinked.data.status, true);
	const left = await browser.client.listAccounts();
	assert.deepEqual(left.data.map((a) => a.providerId), ["credential"]);

	const anonymous = newBrowser();
	assertError(await anonymous.client.linkSocial({ provider: "google", callbackURL: "/settings" }), 401, "UNAUTHORIZED");
});
