/*
 * The console's start: sign in, then the pages the token's scopes allow. Sign-in is with a token of the engine's own
 * key (handed over in the address or pasted) or, with an identity provider, through its login: the authorization-code
 * flow with PKCE for the console's public client, the code exchanged for a token by the browser itself.
 */
"use strict";

(() => {
    const $ = id => document.getElementById(id);
    const PENDING = "journey.console.sign-in";

    function base64url(bytes) {
        return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_")
            .replace(/=+$/, "");
    }

    function random() {
        return base64url(crypto.getRandomValues(new Uint8Array(32)));
    }

    function redirectUri() {
        return window.location.origin + "/console/";
    }

    /** Leaves for the provider's login, remembering (in this tab) what to check when it sends the browser back. */
    async function toProvider(signIn, scope) {
        const verifier = random();
        const state = random();
        sessionStorage.setItem(PENDING, JSON.stringify({verifier, state, tokenEndpoint: signIn.tokenEndpoint,
            clientId: signIn.clientId}));
        const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
        const query = new URLSearchParams({response_type: "code", client_id: signIn.clientId,
            redirect_uri: redirectUri(), scope: "openid " + scope, state: state, code_challenge: challenge,
            code_challenge_method: "S256"});
        window.location.assign(signIn.authorizationEndpoint + (signIn.authorizationEndpoint.includes("?") ? "&" : "?")
            + query);
    }

    /** Back from the provider: the state must be the one sent, and the code is exchanged for the token. */
    async function fromProvider(answer) {
        const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
        sessionStorage.removeItem(PENDING);
        history.replaceState(null, "", window.location.pathname);
        // Nothing of an answer this tab did not ask for is used or shown, not even its error.
        if (!pending || pending.state !== answer.get("state")) {
            throw new Error("This sign-in was not started from this tab: sign in again.");
        }
        if (answer.get("error")) {
            throw new Error("The identity provider refused the sign-in: " + answer.get("error")
                + (answer.get("error_description") ? " (" + answer.get("error_description") + ")" : ""));
        }
        const response = await fetch(pending.tokenEndpoint, {
            method: "POST",
            headers: {"Content-Type": "application/x-www-form-urlencoded", Accept: "application/json"},
            body: new URLSearchParams({grant_type: "authorization_code", code: answer.get("code"),
                redirect_uri: redirectUri(), client_id: pending.clientId, code_verifier: pending.verifier})
        });
        const tokens = await response.json().catch(() => ({}));
        if (!response.ok || !tokens.access_token) {
            throw new Error("The identity provider gave no token: " + (tokens.error || ("HTTP " + response.status))
                + (tokens.error_description ? " (" + tokens.error_description + ")" : ""));
        }
        Journey.signIn(tokens.access_token);
    }

    function showPages(caller) {
        $("sign-in").hidden = true;
        $("provider-sign-in").hidden = true;
        $("signed-in").hidden = false;
        const pages = $("pages");
        const allowed = Journey.PAGES.filter(Journey.allows);
        allowed.forEach(page => {
            const item = Journey.element("li");
            const a = Journey.element("a", page.title);
            a.href = page.path;
            item.append(a);
            pages.append(item);
        });
        if (!allowed.length) {
            pages.append(Journey.element("li", "No page of the console is for the scopes of this token."));
        }
        if (caller.expires && caller.expires < new Date()) {
            Journey.status("This token expired " + Journey.when(caller.expires) + ": sign out and sign in again.",
                "problem");
        }
    }

    async function offerSignIn() {
        const signIn = await Journey.api("/console/sign-in.json");
        if (signIn.mode !== "IDENTITY_PROVIDER") {
            return;
        }
        $("provider-sign-in").hidden = false;
        $("token-heading").textContent = "Or sign in with a token";
        $("local-help").textContent = "A bearer token from the identity provider for the console's client, pasted here:";
        $("local-command").hidden = true;
        const roles = $("role");
        signIn.roles.forEach(role => {
            const option = Journey.element("option", role.name + " (" + role.scope + ")");
            option.value = role.scope;
            roles.append(option);
        });
        $("provider-form").addEventListener("submit", event => {
            event.preventDefault();
            toProvider(signIn, roles.value).catch(e => Journey.status(e.message, "problem"));
        });
    }

    async function start() {
        Journey.adoptTokenFromAddress();
        const answer = new URLSearchParams(window.location.search);
        if (answer.has("code") || answer.has("error")) {
            try {
                await fromProvider(answer);
            } catch (e) {
                Journey.status(e.message, "problem");
            }
        }
        Journey.header("/console/");
        const caller = Journey.claims();
        if (caller) {
            showPages(caller);
        } else {
            if (Journey.refusedHandOver()) {
                Journey.status(Journey.REFUSED_HAND_OVER, "problem");
            }
            await offerSignIn().catch(e => Journey.status(e.message, "problem"));
        }
    }

    $("sign-in-form").addEventListener("submit", event => {
        event.preventDefault();
        Journey.signIn($("token").value);
        window.location.reload();
    });
    start();
})();
