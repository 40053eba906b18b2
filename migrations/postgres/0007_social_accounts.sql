-- Social sign-in (Google, or any OpenID provider): the accounts row of a provider keeps the email the
-- provider vouched for at the last sign-in or link, so settings can say which account is connected.
-- Provider tokens are not kept: sign-in needs only the verified ID token, once.
ALTER TABLE accounts ADD COLUMN email text;
