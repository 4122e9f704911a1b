import {errorText} from './dom.js';

// The console's session, kept by the node: GET session says whether this browser may use the console (200) or must
// sign in (401); POST session hands an admin token over once, and the node keeps it in an HttpOnly cookie that this
// page cannot read; DELETE session clears it. The token never stays in the page.

/** {state: 'open'|'admin'|'sign-in', ...} for the current browser, or throws an Error with the reason in words. */
export async function currentSession() {
    const response = await fetch('session', {headers: {Accept: 'application/json'}, cache: 'no-store'});
    if (response.status === 401) {
        return {state: 'sign-in'};
    }
    if (response.status === 403) {
        // a token that is not an admin's, or a node without a token key (where no token can open the console)
        return {state: 'sign-in', message: `The console refused this browser: ${await errorText(response)}`};
    }
    if (!response.ok) {
        throw new Error(`The console cannot be opened: ${await errorText(response)}`);
    }
    const body = await response.json();
    return {state: body.admin ? 'admin' : 'open'};
}

/** Posts an admin token; resolves when the node took it, or throws an Error that says why in words. */
export async function signIn(token) {
    const response = await fetch('session', {
        method: 'POST',
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: JSON.stringify({token}),
        cache: 'no-store',
    });
    if (response.ok) {
        return;
    }
    const reason = await errorText(response);
    if (response.status === 401) {
        throw new Error(`Token refused: ${reason}. Check that it was printed for this node and has not expired.`);
    }
    if (response.status === 403) {
        throw new Error(`Not an admin's token: ${reason}. Print one with herald token --admin.`);
    }
    throw new Error(`Signing in failed: ${reason}`);
}

/** Clears the node's cookie. */
export async function signOut() {
    await fetch('session', {method: 'DELETE', cache: 'no-store'});
}
