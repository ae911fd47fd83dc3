/*
 * The auditor's page: a customer's complete history with its provenance and what each event changed, the state the
 * company knew at a time (as recorded by, as happened by), the hash chain verified, the NDJSON export and the access
 * log of who read the customer. Every read is the audit API's own, written to the access log with the stated purpose.
 */
"use strict";

(() => {
    if (!Journey.requireScopes("/console/audit", ["journey.audit"])) {
        return;
    }
    const $ = id => document.getElementById(id);
    const PAGE = 50;
    let customer = null;
    let entries = [];
    let nextFrom = null;
    let nextReads = null;
    let recorded = [];
    let happened = [];

    /** The stated purpose travels with every read, as the access log's X-Purpose. */
    function headers() {
        const purpose = $("purpose").value.trim();
        return purpose ? {"X-Purpose": purpose} : {};
    }

    function read(path) {
        return Journey.api(path, {headers: headers()});
    }

    $("customer-form").addEventListener("submit", event => {
        event.preventDefault();
        open($("customer").value.trim().toLowerCase());
    });
    $("more").addEventListener("click", () => loadHistory().catch(failed));
    $("verify").addEventListener("click", () => verify().catch(failed));
    $("export").addEventListener("click", () => exportHistory().catch(failed));
    $("older-reads").addEventListener("click", () => loadReads(true).catch(failed));
    $("reload-log").addEventListener("click", () => loadReads(false).catch(failed));
    ["recorded-by", "happened-by"].forEach(id => $(id).addEventListener("input", slid));

    function failed(e) {
        Journey.status(e.message, "problem");
    }

    async function open(id) {
        customer = id;
        entries = [];
        nextFrom = 0;
        $("history").querySelector("tbody").replaceChildren();
        $("verification").replaceChildren();
        $("exported").textContent = "";
        try {
            await loadHistory();
            $("audit").hidden = false;
            Journey.status("");
            await Promise.all([showState(), loadReads(false)]);
        } catch (e) {
            $("audit").hidden = true;
            failed(e);
        }
    }

    async function loadHistory() {
        const page = await read("/customers/" + customer + "/history?diff=true&limit=" + PAGE + "&from=" + nextFrom);
        page.events.forEach(entry => {
            entries.push(entry);
            $("history").querySelector("tbody").append(row(entry));
        });
        nextFrom = page.nextFrom;
        $("more").hidden = nextFrom === null;
        $("history-summary").textContent = page.totalEvents + " events; " + entries.length + " shown, oldest first.";
        slidersOverLoadedEvents();
    }

    function row(entry) {
        const line = Journey.element("tr");
        line.dataset.sequence = entry.sequence;
        line.dataset.event = entry.eventIdentifier;
        const event = Journey.element("td");
        event.append(Journey.element("strong", entry.type), Journey.element("br"),
            Journey.element("small", "position " + entry.globalPosition + " · revision " + (entry.revision || "–")));
        const fact = Journey.element("details");
        fact.append(Journey.element("summary", "the fact"), Journey.element("pre", JSON.stringify(entry.payload, null, 1)));
        event.append(fact);
        const recordedCell = Journey.element("td", Journey.when(entry.recordedAt));
        if (entry.occurredAt && Date.parse(entry.recordedAt) - Date.parse(entry.occurredAt) > 3600000) {
            recordedCell.className = "backdated";
        }
        const provenance = Journey.element("td");
        const facts = Journey.element("dl", null, "facts compact");
        const p = entry.provenance || {};
        [["by", p.principal], ["system", p.system], ["correlation", p.correlationId], ["caused by", p.causationId],
            ["idempotency key", p.idempotencyKey], ["import line", p.importLine]]
            .filter(([, value]) => value)
            .forEach(([name, value]) => facts.append(Journey.element("dt", name), Journey.element("dd", value)));
        provenance.append(facts);
        const changes = Journey.element("td");
        const list = Journey.element("ul", null, "plain changes");
        (entry.changes || []).forEach(change => list.append(Journey.element("li",
            change.path + ": " + shown(change.before) + " → " + shown(change.after))));
        changes.append(list);
        const link = Journey.element("td");
        link.append(Journey.element("code", (entry.hash || "unchained").slice(0, 12), "hash"));
        link.title = "hash " + (entry.hash || "none") + ", after " + (entry.previousHash || "none");
        line.append(Journey.element("td", String(entry.sequence)), event,
            Journey.element("td", Journey.when(entry.occurredAt)), recordedCell, provenance, changes, link);
        return line;
    }

    function shown(value) {
        return value === null || value === undefined ? "–" : typeof value === "object" ? JSON.stringify(value) : String(value);
    }

    /** Each slider steps through the distinct times of the events loaded, and one step more for no bound. */
    function slidersOverLoadedEvents() {
        recorded = [...new Set(entries.map(entry => entry.recordedAt))].sort((a, b) => Date.parse(a) - Date.parse(b));
        happened = [...new Set(entries.map(entry => entry.occurredAt).filter(Boolean))]
            .sort((a, b) => Date.parse(a) - Date.parse(b));
        [["recorded-by", recorded], ["happened-by", happened]].forEach(([id, times]) => {
            const slider = $(id);
            const atEnd = Number(slider.value) >= Number(slider.max);
            slider.max = String(times.length);
            if (atEnd) {
                slider.value = slider.max;
            }
            label(id, times);
        });
    }

    function bound(id, times) {
        const index = Number($(id).value);
        return index < times.length ? times[index] : null;
    }

    function label(id, times) {
        const at = bound(id, times);
        $(id + "-label").textContent = at ? Journey.when(at) : "any time";
        $(id).setAttribute("aria-valuetext", at ? at : "any time");
    }

    let pending = null;

    function slid() {
        label("recorded-by", recorded);
        label("happened-by", happened);
        clearTimeout(pending);
        pending = setTimeout(() => showState().catch(failed), 250);
    }

    /** The state the company knew under the sliders' bounds, and which rows of the history it folds. */
    async function showState() {
        const asOf = bound("recorded-by", recorded);
        const occurredBy = bound("happened-by", happened);
        const query = new URLSearchParams();
        if (asOf) {
            query.set("asOf", asOf);
        }
        if (occurredBy) {
            query.set("occurredBy", occurredBy);
        }
        const known = await read("/customers/" + customer + "/state?" + query);
        const state = known.state;
        const list = $("state");
        list.replaceChildren();
        const complaints = Object.values(state.complaints || {});
        [["events folded", String(state.events)], ["version", String(state.version)],
            ["name", state.name || "–"], ["registered", Journey.when(state.registeredAt)],
            ["touchpoints", String(state.touchpoints)], ["last contact", Journey.when(state.lastContactAt)],
            ["complaints", complaints.length ? complaints.map(c => Journey.words(c.category) + " (" + Journey.words(c.state) + ")").join(", ") : "none"],
            ["apologies", String(state.apologies)], ["purchases", String(state.purchases)],
            ["standard breaches", String(state.serviceStandardBreaches)],
            ["consents", (state.consents || []).join(", ") || "none"],
            ["lost", state.lost ? "yes, " + Journey.when(state.lostAt) + " (" + Journey.words(state.lossReason) + ")" : "no"]]
            .forEach(([name, value]) => list.append(Journey.element("dt", name), Journey.element("dd", value)));
        $("state-json").textContent = JSON.stringify(known, null, 1);
        $("state").dataset.events = state.events;
        // The rows folded in: recorded by the first bound (in sequence order) and happened by the second.
        $("history").querySelectorAll("tbody tr").forEach(line => {
            const entry = entries.find(e => String(e.sequence) === line.dataset.sequence);
            const folded = (!asOf || Date.parse(entry.recordedAt) <= Date.parse(asOf))
                && (!occurredBy || !entry.occurredAt || Date.parse(entry.occurredAt) <= Date.parse(occurredBy));
            line.classList.toggle("not-folded", !folded);
        });
    }

    async function verify() {
        const result = await read("/customers/" + customer + "/history/verify");
        const box = $("verification");
        box.replaceChildren();
        box.dataset.verified = result.verified;
        if (result.verified) {
            box.append(Journey.element("p", "Verified: all " + result.events + " events are linked and unaltered.",
                "verified"), Journey.element("p", "Head hash " + result.headHash));
            delete box.dataset.brokenEvent;
        } else {
            const broken = result.firstBroken;
            box.dataset.brokenEvent = broken.eventIdentifier || "";
            box.append(Journey.element("p", "Broken at event #" + broken.sequence + " (" + Journey.words(broken.reason)
                + ")", "broken"));
            const facts = Journey.element("dl", null, "facts");
            [["event", broken.eventIdentifier || "–"], ["expected", broken.expected || "–"],
                ["found", broken.found || "–"]]
                .forEach(([name, value]) => facts.append(Journey.element("dt", name), Journey.element("dd", value)));
            box.append(facts);
            $("history").querySelectorAll("tbody tr").forEach(line =>
                line.classList.toggle("broken", line.dataset.sequence === String(broken.sequence)));
        }
    }

    /** The export is the API's own NDJSON, fetched with the token and handed to the browser as a file. */
    async function exportHistory() {
        const blob = await Journey.download("/customers/" + customer + "/history", "application/x-ndjson", headers());
        const lines = (await blob.text()).split("\n").filter(line => line.length).length;
        const a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "customer-" + customer + "-history.ndjson";
        document.body.append(a);
        a.click();
        a.remove();
        $("exported").textContent = "Exported " + lines + " events (" + blob.size + " bytes) as " + a.download + ".";
        $("exported").dataset.lines = lines;
    }

    async function loadReads(more) {
        const query = new URLSearchParams({customerId: customer, limit: "20"});
        if (more && nextReads) {
            query.set("cursor", nextReads);
        }
        const page = await read("/access-log?" + query);
        const body = $("access-log").querySelector("tbody");
        if (!more) {
            body.replaceChildren();
        }
        page.entries.forEach(entry => {
            const line = Journey.element("tr");
            line.append(Journey.element("td", Journey.when(entry.at)), Journey.element("td", entry.subject),
                Journey.element("td", entry.client || "–"), Journey.element("td", entry.operation),
                Journey.element("td", entry.outcome), Journey.element("td", entry.entries === null ? "–" : String(entry.entries)),
                Journey.element("td", entry.purpose || "–"));
            body.append(line);
        });
        nextReads = page.next;
        $("older-reads").hidden = !nextReads;
    }

    // A customer named in the address (?customer=…, e.g. from another page) opens at once.
    const named = new URLSearchParams(window.location.search).get("customer");
    if (named) {
        $("customer").value = named;
        open(named.trim().toLowerCase());
    }
})();
