/**
 * JSON Web Tokens read into {@link dev.herald.access.Grants}: {@link dev.herald.auth.TokenOptions} (the keys and the
 * checks, validated once), {@link dev.herald.auth.TokenVerifier} (a token in, grants and expiry out),
 * {@link dev.herald.auth.TokenMinter} (what {@code herald token} prints). No HTTP: an adapter finds the token in a
 * request and enforces the grants.
 */
package dev.herald.auth;
