/* The console's start: sign in with a token, then the pages its scopes allow. */
"use strict";

(() => {
    Journey.adoptTokenFromAddress();
    Journey.header("/console/");
    const caller = Journey.claims();
    if (caller) {
        document.getElementById("sign-in").hidden = true;
        document.getElementById("signed-in").hidden = false;
        const pages = document.getElementById("pages");
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
    document.getElementById("sign-in-form").addEventListener("submit", event => {
        event.preventDefault();
        Journey.signIn(document.getElementById("token").value);
        window.location.reload();
    });
})();
