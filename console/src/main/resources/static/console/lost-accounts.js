/* The lost accounts, as analysts may see them: by pseudonym, without free text, filtered and paged by the API. */
"use strict";

(() => {
    if (!Journey.requireScopes("/console/lost-accounts", ["journey.analyze"])) {
        return;
    }
    const $ = id => document.getElementById(id);
    let next = null;

    $("filters").addEventListener("submit", event => {
        event.preventDefault();
        load(false);
    });
    $("older").addEventListener("click", () => load(true));

    async function load(more) {
        const query = new URLSearchParams({limit: "50"});
        if ($("reason").value) {
            query.set("reason", $("reason").value);
        }
        if ($("from").value) {
            query.set("from", $("from").value + "T00:00:00Z");
        }
        if ($("to").value) {
            query.set("to", $("to").value + "T00:00:00Z");
        }
        if (more && next) {
            query.set("cursor", next);
        }
        try {
            const page = await Journey.api("/lost-accounts?" + query);
            const body = $("losses").querySelector("tbody");
            if (!more) {
                body.replaceChildren();
            }
            page.lostAccounts.forEach(loss => body.append(row(loss)));
            if (!more && page.lostAccounts.length === 0) {
                const none = Journey.element("tr");
                none.append(Journey.element("td", "No lost account."));
                body.append(none);
            }
            next = page.next;
            $("older").hidden = !next;
            Journey.status("");
        } catch (e) {
            Journey.status(e.message, "problem");
        }
    }

    function row(loss) {
        const line = Journey.element("tr");
        const revealed = Journey.element("td");
        const reasons = Journey.element("ul", null, "plain");
        loss.revealedReasons.forEach(reason => reasons.append(Journey.element("li",
            Journey.words(reason.reason) + ": " + reason.evidence)));
        revealed.append(reasons);
        const moments = Journey.element("td");
        const list = Journey.element("ul", null, "plain");
        loss.lastMoments.forEach(moment => list.append(Journey.element("li",
            Journey.when(moment.occurredAt) + " · " + Journey.words(moment.kind), "valence-" + moment.valence)));
        moments.append(list);
        const winBack = loss.winBackAttempts === 0 ? "none"
            : loss.winBackAttempts + " attempt(s)" + (loss.wonBack ? ", won back " + Journey.when(loss.reactivatedAt)
            : loss.reactivatedAt ? ", came back by itself" : ", not back");
        line.append(Journey.element("td", Journey.when(loss.lostAt)), Journey.element("td", loss.pseudonym),
            Journey.element("td", Journey.words(loss.reason)), Journey.element("td", Journey.words(loss.statedReason)
                || "not stated"), revealed, Journey.element("td", loss.lifetimeValueLost === null ? "–"
                : Number(loss.lifetimeValueLost).toFixed(2)), moments, Journey.element("td", winBack));
        return line;
    }

    load(false);
})();
