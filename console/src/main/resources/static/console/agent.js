/*
 * The agent's screen: the caller looked up by phone or e-mail (the caller-ID screen pop), then the briefing card,
 * kept up to date while the agent looks at it by following the customer's timeline live.
 */
"use strict";

(() => {
    if (!Journey.requireScopes("/console/agent", ["journey.agent"])) {
        return;
    }
    const $ = id => document.getElementById(id);
    let following = null;
    let shown = null;

    $("lookup-form").addEventListener("submit", async event => {
        event.preventDefault();
        const phone = $("phone").value.trim();
        const email = $("email").value.trim();
        if (!phone && !email) {
            Journey.status("Enter a phone number or an e-mail address.", "problem");
            return;
        }
        const query = new URLSearchParams();
        if (phone) {
            query.set("phone", phone);
        }
        if (email) {
            query.set("email", email);
        }
        try {
            const matches = await Journey.api("/customers?" + query);
            showMatches(matches);
            if (matches.length === 1) {
                open(matches[0].customerId);
            }
        } catch (e) {
            Journey.status(e.message, "problem");
        }
    });

    function showMatches(matches) {
        const body = $("matches").querySelector("tbody");
        body.replaceChildren();
        matches.forEach(match => {
            const row = Journey.element("tr");
            row.append(Journey.element("td", match.name), Journey.element("td", Journey.words(match.status)),
                Journey.element("td", Journey.words(match.visitorTier)));
            const cell = Journey.element("td");
            const button = Journey.element("button", "Open", "secondary");
            button.type = "button";
            button.addEventListener("click", () => open(match.customerId));
            cell.append(button);
            row.append(cell);
            body.append(row);
        });
        $("matches").hidden = matches.length === 0;
        Journey.status(matches.length === 0 ? "No customer with this phone or e-mail." : "");
    }

    async function open(customer) {
        shown = customer;
        following && following.stop();
        await refresh(customer, 0);
        following = Journey.follow("/customers/" + customer + "/timeline", (name, moment) => {
            // The briefing follows the same events as the timeline: wait for it to reach this one.
            refresh(customer, moment.sequence);
        }, state => Journey.status(state === "live" ? "Live: updates as the customer's journey moves." : state,
            state === "live" ? "live" : "problem"));
    }

    /** Shows the briefing once it reflects the customer's event {@code sequence} (asks again while it lags). */
    async function refresh(customer, sequence) {
        for (let attempt = 0; attempt < 20 && customer === shown; attempt++) {
            try {
                const briefing = await Journey.api("/customers/" + customer + "/briefing");
                if (customer !== shown) {
                    return;
                }
                show(briefing);
                if (briefing.version >= sequence) {
                    return;
                }
            } catch (e) {
                Journey.status(e.message, "problem");
                return;
            }
            await new Promise(resolve => setTimeout(resolve, 250));
        }
    }

    function show(briefing) {
        $("briefing").hidden = false;
        $("briefing").dataset.version = briefing.version;
        $("greeting").textContent = briefing.greetingName || briefing.fullName || "Customer";
        $("full-name").textContent = briefing.fullName || "";
        $("tier").textContent = Journey.words(briefing.tier) + (briefing.mostValuableCustomer ? " ★" : "");
        $("routing").textContent = "Priority " + briefing.routing.priority + ": " + briefing.routing.reason;
        $("routing").className = "tag priority-" + briefing.routing.priority;
        $("journey-link").href = "/console/journey?customer=" + briefing.customerId;
        $("risk").hidden = !briefing.risk;
        $("risk").textContent = briefing.risk ? "At risk since " + Journey.when(briefing.risk.since) + ": "
            + briefing.risk.signs.map(Journey.words).join(", ") : "";
        const approach = briefing.suggestedApproach;
        $("scenario").textContent = Journey.words(approach.scenario);
        $("approach").textContent = approach.approach;
        list($("signs"), approach.signs, sign => Journey.element("li", sign));
        list($("complaints"), briefing.openComplaints, complaint => {
            const item = Journey.element("li");
            item.dataset.complaint = complaint.complaintId;
            item.append(Journey.element("strong", Journey.words(complaint.category)), " · ",
                Journey.words(complaint.severity) + " severity · " + Journey.words(complaint.state));
            if (complaint.acknowledgeBy && complaint.state === "FILED") {
                item.append(" · acknowledge by " + Journey.when(complaint.acknowledgeBy));
            }
            if (complaint.proposal) {
                item.append(Journey.element("div", "Solution: " + complaint.proposal));
            }
            return item;
        }, "No open complaint.");
        list($("promises"), briefing.promisesDue, promise => {
            const item = Journey.element("li", Journey.words(promise.kind) + ": " + (promise.what || "")
                + " · due " + Journey.when(promise.dueAt), promise.overdue ? "overdue" : "");
            if (promise.overdue) {
                item.append(" (overdue)");
            }
            return item;
        }, "Nothing promised.");
        const known = $("known");
        known.replaceChildren();
        fact(known, "E-mail", briefing.alreadyKnown.email);
        fact(known, "Phone", briefing.alreadyKnown.phone);
        Object.entries(briefing.alreadyKnown.attributes || {}).forEach(([kind, attributes]) =>
            Object.entries(attributes).forEach(([name, value]) => fact(known, name + " (" + Journey.words(kind) + ")",
                value)));
        const reach = $("reach");
        reach.replaceChildren();
        fact(reach, "Prefers", Journey.words(briefing.reach.declaredChannel) || "not said");
        fact(reach, "Uses most", Journey.words(briefing.reach.observedChannel) || "no inbound contact yet");
        fact(reach, "May be contacted by", briefing.reach.consents.map(Journey.words).join(", ") || "no consent");
        list($("moments"), briefing.lastMoments, moment => Journey.element("li",
            Journey.when(moment.occurredAt) + " · " + (moment.summary || Journey.words(moment.kind)),
            "valence-" + moment.valence), "No moment yet.");
    }

    function list(target, items, render, empty) {
        target.replaceChildren();
        (items || []).forEach(item => target.append(render(item)));
        if ((!items || items.length === 0) && empty) {
            target.append(Journey.element("li", empty));
        }
    }

    function fact(target, name, value) {
        if (value === null || value === undefined || value === "") {
            return;
        }
        target.append(Journey.element("dt", name), Journey.element("dd", value));
    }

    const requested = new URLSearchParams(window.location.search).get("customer");
    if (requested) {
        open(requested);
    }
})();
