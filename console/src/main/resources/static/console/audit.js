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
    /** The bound each slider stands at, as an instant (null: no bound); kept when more events load. */
    const bounds = {"recorded-by": null, "happened-by": null};
    /** Which opening of a customer the answers arriving belong to: those of an earlier one are dropped. */
    let opening = 0;
    let stateAsked = 0;

    /** The stated purpose travels with every read, as the access log's X-Purpose. */
    function headers() {
        const purpose = $("purpose").value.trim();
        return purpose ? {"X-Purpose": purpose} : {};
    }

    function read(path) {
        return Journey.api(path, {headers: headers()});
    }

    /** An instant in one fixed form (nanoseconds, UTC), so that two compare as strings to the nanosecond. */
    function instant(iso) {
        const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso || "");
        return match ? match[1] + "." + (match[2] || "").padEnd(9, "0") + "Z" : iso;
    }

    $("customer-form").addEventListener("submit", event => {
        event.preventDefault();
        open($("customer").value.trim().toLowerCase());
    });
    $("more").addEventListener("click", async () => {
        $("more").disabled = true;
        try {
            await loadHistory(opening);
            await showState(opening);
        } catch (e) {
            failed(e);
        } finally {
            $("more").disabled = false;
        }
    });
    $("verify").addEventListener("click", () => verify().catch(failed));
    $("export").addEventListener("click", () => exportHistory().catch(failed));
    $("older-reads").addEventListener("click", () => loadReads(true).catch(failed));
    $("reload-log").addEventListener("click", () => loadReads(false).catch(failed));
    ["recorded-by", "happened-by"].forEach(id => $(id).addEventListener("input", () => slid(id)));

    function failed(e) {
        Journey.status(e.message, "problem");
    }

    async function open(id) {
        const current = ++opening;
        customer = id;
        entries = [];
        nextFrom = 0;
        bounds["recorded-by"] = null;
        bounds["happened-by"] = null;
        $("history").querySelector("tbody").replaceChildren();
        $("verification").replaceChildren();
        $("exported").textContent = "";
        try {
            await loadHistory(current);
            if (current !== opening) {
                return;
            }
            $("audit").hidden = false;
            Journey.status("");
            await Promise.all([showState(current), loadReads(false)]);
        } catch (e) {
            if (current === opening) {
                $("audit").hidden = true;
                failed(e);
            }
        }
    }

    async function loadHistory(current) {
        const page = await read("/customers/" + customer + "/history?diff=true&limit=" + PAGE + "&from=" + nextFrom);
        if (current !== opening) {
            return;
        }
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
        const sequence = Journey.element("td", String(entry.sequence));
        sequence.append(Journey.element("span", "", "visually-hidden folded-note"));
        line.append(sequence, event,
            Journey.element("td", Journey.when(entry.occurredAt)), recordedCell, provenance, changes, link);
        return line;
    }

    function shown(value) {
        return value === null || value === undefined ? "–" : typeof value === "object" ? JSON.stringify(value) : String(value);
    }

    /**
     * Each slider steps through the distinct times of the events loaded, and one step more for no bound; a bound
     * already chosen stays where it is when more events load.
     */
    function slidersOverLoadedEvents() {
        const sorted = values => [...new Set(values.filter(Boolean).map(instant))].sort();
        recorded = sorted(entries.map(entry => entry.recordedAt));
        happened = sorted(entries.map(entry => entry.occurredAt));
        [["recorded-by", recorded], ["happened-by", happened]].forEach(([id, times]) => {
            const slider = $(id);
            slider.max = String(times.length);
            const at = bounds[id] === null ? -1 : times.indexOf(bounds[id]);
            slider.value = String(at < 0 ? times.length : at);
            label(id);
        });
    }

    function timesOf(id) {
        return id === "recorded-by" ? recorded : happened;
    }

    function label(id) {
        const at = bounds[id];
        const text = at ? Journey.when(at) : "any time";
        $(id + "-label").textContent = text;
        $(id).setAttribute("aria-valuetext", text);
    }

    let pending = null;

    function slid(id) {
        const index = Number($(id).value);
        const times = timesOf(id);
        bounds[id] = index < times.length ? times[index] : null;
        label(id);
        clearTimeout(pending);
        pending = setTimeout(() => showState(opening).catch(failed), 250);
    }

    /** The state the company knew under the sliders' bounds, and which rows of the history it folds. */
    async function showState(current) {
        const asked = ++stateAsked;
        const asOf = bounds["recorded-by"];
        const occurredBy = bounds["happened-by"];
        const query = new URLSearchParams();
        if (asOf) {
            query.set("asOf", asOf);
        }
        if (occurredBy) {
            query.set("occurredBy", occurredBy);
        }
        const known = await read("/customers/" + customer + "/state?" + query);
        if (current !== opening || asked !== stateAsked) {
            return; // an answer to an earlier question: a later one is on its way
        }
        const state = known.state;
        const list = $("state");
        list.replaceChildren();
        const complaints = Object.values(state.complaints || {});
        [["events folded", String(state.events)], ["version", String(state.version)],
            ["name", state.name || "–"], ["registered", Journey.when(state.registeredAt)],
            ["touchpoints", String(state.touchpoints)], ["last contact", Journey.when(state.lastContactAt)],
            ["complaints", complaints.length ? complaints.map(c => Journey.words(c.category) + " ("
                + Journey.words(c.state) + ")").join(", ") : "none"],
            ["apologies", String(state.apologies)], ["purchases", String(state.purchases)],
            ["standard breaches", String(state.serviceStandardBreaches)],
            ["consents", (state.consents || []).join(", ") || "none"],
            ["lost", state.lost ? "yes, " + Journey.when(state.lostAt) + " (" + Journey.words(state.lossReason) + ")"
                : "no"]]
            .forEach(([name, value]) => list.append(Journey.element("dt", name), Journey.element("dd", value)));
        $("state-json").textContent = JSON.stringify(known, null, 1);
        // The rows folded in: recorded by the first bound and happened by the second, compared to the nanosecond.
        $("history").querySelectorAll("tbody tr").forEach(line => {
            const entry = entries.find(e => String(e.sequence) === line.dataset.sequence);
            const folded = (!asOf || instant(entry.recordedAt) <= asOf)
                && (!occurredBy || !entry.occurredAt || instant(entry.occurredAt) <= occurredBy);
            line.classList.toggle("not-folded", !folded);
            line.querySelector(".folded-note").textContent = folded ? "" : " (not in the state shown)";
        });
        $("state").dataset.events = state.events;
    }

    async function verify() {
        const current = opening;
        const result = await read("/customers/" + customer + "/history/verify");
        if (current !== opening) {
            return;
        }
        const box = $("verification");
        box.replaceChildren();
        box.dataset.verified = result.verified;
        if (result.verified) {
            box.append(Journey.element("p", "Verified: all " + result.events + " events are linked and unaltered.",
                "verified"), Journey.element("p", "Head hash " + result.headHash));
            delete box.dataset.brokenEvent;
            $("history").querySelectorAll("tbody tr.broken").forEach(line => line.classList.remove("broken"));
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
        const current = opening;
        const page = await read("/access-log?" + query);
        if (current !== opening) {
            return;
        }
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

    // A customer named in the address (?customer=…, e.g. from another page) is filled in, not read: the auditor
    // states the purpose and opens the history themself, so that no link makes an audited read in their name.
    const named = new URLSearchParams(window.location.search).get("customer");
    if (named && /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(named)) {
        $("customer").value = named;
        $("purpose").focus();
    }
})();
