package passkey

// EventPasskeyAdded is the security event reported through Service.Notify when a signed-in user adds a
// passkey (a passkey sign-up is no change to an existing account, so it reports nothing).
const EventPasskeyAdded = "A new passkey was added to your account"
