/*
 * What every page of the console shares: the signed-in caller's token (kept in this tab only), the navigation its
 * scopes allow, calls to the engine's REST API with that token, problems shown with their title and detail, and live
 * streams of Server-Sent Events read with the token (the browser's EventSource cannot send one).
 */
"use strict";

const Journey = (() => {
    const TOKEN = "journey.console.token";

    /** The pages of the console, each with the scopes that may use it. */
    const PAGES = [
        {path: "/console/agent", title: "Agent", scopes: ["journey.agent"]},
        {path: "/console/journey", title: "Journey", scopes: ["journey.agent"]},
        {path: "/console/analytics", title: "Analytics", scopes: ["journey.analyze"]},
        {path: "/console/lost-accounts", title: "Lost accounts", scopes: ["journey.analyze"]},
        {path: "/console/audit", title: "Audit", scopes: ["journey.audit"]},
        {path: "/console/erasure", title: "Erasure", scopes: ["journey.erase"]},
        {path: "/console/operations", title: "Operations", scopes: ["journey.admin"]}
    ];

    /**
     * A token handed over in the address (#token=…, as the token command prints it) is taken out of the address, and
     * kept only if the engine itself issued it: a provider's token never travels in an address, so a link cannot sign
     * anyone in as somebody else (with a provider, the engine trusts none of its own tokens).
     */
    function adoptTokenFromAddress() {
        const match = /[#&]token=([^&]+)/.exec(window.location.hash);
        if (match) {
            history.replaceState(null, "", window.location.pathname + window.location.search);
            const handed = decodeURIComponent(match[1]);
            const issuer = (payload(handed) || {}).iss || "";
            if (issuer.startsWith(LOCAL_ISSUER)) {
                sessionStorage.setItem(TOKEN, handed);
            } else {
                refusedHandOver = true;
            }
        }
    }

    /** The issuer of the engine's own tokens (LocalTokens.ISSUER, unless journey.security.local-issuer is changed). */
    const LOCAL_ISSUER = "urn:journey-engine:";
    let refusedHandOver = false;
    const REFUSED_HAND_OVER = "A token in the address is taken only from the engine's own token command: sign in here.";

    // A token handed over to a page already open (the same address with another #token=…) signs in anew.
    window.addEventListener("hashchange", () => {
        if (/[#&]token=/.test(window.location.hash)) {
            adoptTokenFromAddress();
            window.location.reload();
        }
    });

    function token() {
        return sessionStorage.getItem(TOKEN);
    }

    function signIn(value) {
        sessionStorage.setItem(TOKEN, value.trim());
    }

    function signOut() {
        sessionStorage.removeItem(TOKEN);
    }

    /** The token's claims, or null if it is not a JWT. */
    function payload(value) {
        try {
            const part = value.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
            return JSON.parse(decodeURIComponent(escape(atob(part))));
        } catch (e) {
            return null;
        }
    }

    /** What the token says of its holder (read for display only: the API checks every call itself). */
    function claims() {
        const value = token();
        if (!value) {
            return null;
        }
        const json = payload(value);
        if (!json) {
            return {subject: "?", scopes: [], expires: null};
        }
        const scopes = typeof json.scope === "string" ? json.scope.split(" ") : (json.scp || []);
        return {subject: json.preferred_username || json.sub, scopes: scopes,
            expires: json.exp ? new Date(json.exp * 1000) : null};
    }

    function allows(page) {
        const caller = claims();
        return caller !== null && page.scopes.some(scope => caller.scopes.includes(scope));
    }

    /** The header of every page: the pages the caller may use, who is signed in, and sign-out. */
    function header(current) {
        const nav = document.getElementById("navigation");
        const caller = claims();
        nav.replaceChildren();
        const home = link("/console/", "Console");
        home.className = "brand";
        nav.append(home);
        PAGES.filter(allows).forEach(page => {
            const item = link(page.path, page.title);
            if (page.path === current) {
                item.setAttribute("aria-current", "page");
            }
            nav.append(item);
        });
        const who = document.createElement("span");
        who.className = "caller";
        if (caller) {
            who.textContent = caller.subject + " · " + caller.scopes.join(", ");
            const out = document.createElement("button");
            out.type = "button";
            out.textContent = "Sign out";
            out.addEventListener("click", () => {
                signOut();
                window.location.href = "/console/";
            });
            who.append(" ", out);
        }
        nav.append(who);
    }

    function link(href, text) {
        const a = document.createElement("a");
        a.href = href;
        a.textContent = text;
        return a;
    }

    /** A refusal or failure of the API, told as its problem's title and detail. */
    class Problem extends Error {
        constructor(status, problem) {
            super((problem.title || ("HTTP " + status)) + (problem.detail ? ": " + problem.detail : ""));
            this.status = status;
            this.problem = problem;
        }
    }

    /** Calls the API with the caller's token; answers its JSON, or throws its problem. Every write has a key. */
    async function api(path, options = {}) {
        const headers = Object.assign({Accept: "application/json"}, options.headers || {});
        if (token()) {
            headers.Authorization = "Bearer " + token();
        }
        if (options.body !== undefined) {
            headers["Content-Type"] = "application/json";
        }
        if (options.method && options.method !== "GET" && !headers["Idempotency-Key"]) {
            headers["Idempotency-Key"] = "console-" + crypto.randomUUID();
        }
        const response = await fetch(path, {
            method: options.method || "GET", headers: headers,
            body: options.body === undefined ? undefined : JSON.stringify(options.body)
        });
        const text = await response.text();
        const json = text ? JSON.parse(text) : null;
        if (!response.ok) {
            throw new Problem(response.status, json || {});
        }
        return json;
    }

    /** Reads an answer of another type (an export) with the caller's token, as a blob; or throws its problem. */
    async function download(path, accept, extraHeaders = {}) {
        const headers = Object.assign({Accept: accept, Authorization: "Bearer " + token()}, extraHeaders);
        const response = await fetch(path, {headers: headers});
        if (!response.ok) {
            throw new Problem(response.status, await response.json().catch(() => ({})));
        }
        return response.blob();
    }

    /**
     * Follows a live stream: calls {@code onEvent(name, data)} for every event, and reopens the stream after a pause
     * when it ends or fails, until {@code stop()} is called on what this returns.
     */
    function follow(path, onEvent, onState) {
        let stopped = false;
        let controller = null;
        async function open() {
            while (!stopped) {
                controller = new AbortController();
                try {
                    const response = await fetch(path, {
                        headers: {Accept: "text/event-stream", Authorization: "Bearer " + token()},
                        signal: controller.signal
                    });
                    if (!response.ok) {
                        throw new Problem(response.status, await response.json().catch(() => ({})));
                    }
                    onState && onState("live");
                    await read(response.body.getReader(), onEvent);
                } catch (e) {
                    if (stopped) {
                        return;
                    }
                    onState && onState(e instanceof Problem ? e.message : "reconnecting");
                    if (e instanceof Problem && e.status < 500 && e.status !== 429) {
                        return;
                    }
                }
                await new Promise(resolve => setTimeout(resolve, 2000));
            }
        }
        open();
        return {
            stop() {
                stopped = true;
                controller && controller.abort();
            }
        };
    }

    async function read(reader, onEvent) {
        const decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
            const {value, done} = await reader.read();
            if (done) {
                return;
            }
            buffer += decoder.decode(value, {stream: true});
            let end;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
                const block = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                let name = "message";
                const data = [];
                block.split("\n").forEach(line => {
                    if (line.startsWith("event:")) {
                        name = line.slice(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.push(line.slice(5).replace(/^ /, ""));
                    }
                });
                if (data.length) {
                    onEvent(name, JSON.parse(data.join("\n")));
                }
            }
        }
    }

    /** Shows a message in the page's status line, read out by screen readers. */
    function status(message, kind) {
        const line = document.getElementById("status");
        line.textContent = message || "";
        line.className = kind || "";
    }

    /** A page that needs a signed-in caller with one of these scopes: else it says so and links to sign-in. */
    function requireScopes(current, scopes) {
        adoptTokenFromAddress();
        header(current);
        const caller = claims();
        if (!caller || !scopes.some(scope => caller.scopes.includes(scope))) {
            status(caller ? "This page needs one of: " + scopes.join(", ") + "."
                : refusedHandOver ? REFUSED_HAND_OVER : "Sign in first.", "problem");
            document.querySelectorAll("main > section").forEach(section => section.hidden = true);
            return false;
        }
        return true;
    }

    function element(tag, text, className) {
        const node = document.createElement(tag);
        if (text !== undefined && text !== null) {
            node.textContent = text;
        }
        if (className) {
            node.className = className;
        }
        return node;
    }

    function when(instant) {
        return instant ? new Date(instant).toLocaleString(undefined, {dateStyle: "medium", timeStyle: "short"}) : "–";
    }

    /** An ISO-8601 duration as the engine writes it (PT24H, PT1H30M, PT2.5S) in seconds, or null if it is not one. */
    function seconds(duration) {
        const parts = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(duration || "");
        return parts ? Number(parts[1] || 0) * 3600 + Number(parts[2] || 0) * 60 + Number(parts[3] || 0) : null;
    }

    function words(value) {
        return value ? value.toLowerCase().replace(/_/g, " ") : "";
    }

    return {PAGES, adoptTokenFromAddress, refusedHandOver: () => refusedHandOver, REFUSED_HAND_OVER, token, signIn,
        signOut, claims, allows, header, api, download, follow, status,
        requireScopes, element, when, words, seconds, Problem};
})();
