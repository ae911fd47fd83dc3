/*
 * Running the projections: each one's position, lag, rate and ETA, refreshed every second; a rebuild's progress as it
 * runs; rebuild and dead-letter retry, each after a confirmation, each an ordinary call of the admin API. The admin
 * API has no stream of its own, so the page asks every second; each row is updated in place, so that a keyboard user's
 * focus on a button stays where it is.
 */
"use strict";

(() => {
    if (!Journey.requireScopes("/console/operations", ["journey.admin"])) {
        return;
    }
    const $ = id => document.getElementById(id);
    const seconds = duration => {
        if (!duration) {
            return "–";
        }
        const told = Journey.seconds(duration);
        return told === null ? duration : Math.round(told) + " s";
    };

    /** Each projection's row, by name, made once and then updated in place. */
    const rows = new Map();
    /** The refreshes asked and shown, in order: an answer that arrives after a later one is dropped. */
    let asked = 0;
    let shown = 0;

    async function refresh() {
        const ask = ++asked;
        try {
            const projections = await Journey.api("/admin/projections");
            if (ask < shown) {
                return;
            }
            shown = ask;
            const body = $("projections").querySelector("tbody");
            const named = new Set(projections.map(projection => projection.name));
            rows.forEach((row, name) => {
                if (!named.has(name)) {
                    row.line.remove();
                    rows.delete(name);
                }
            });
            projections.forEach(projection => {
                if (!rows.has(projection.name)) {
                    rows.set(projection.name, row(projection.name));
                    body.append(rows.get(projection.name).line);
                }
                show(rows.get(projection.name), projection);
            });
        } catch (e) {
            Journey.status(e.message, "problem");
        }
        try {
            rebuild(await Journey.api("/admin/projections/rebuild"));
        } catch (e) {
            if (!(e instanceof Journey.Problem) || e.status !== 404) {
                Journey.status(e.message, "problem");
            }
        }
    }

    function row(name) {
        const line = Journey.element("tr");
        line.dataset.projection = name;
        const cells = Array.from({length: 7}, () => Journey.element("td"));
        const row = {line, cells, current: null};
        const actions = Journey.element("td");
        row.retry = button("Retry dead letters", () => "Retry the " + row.current.deadLetters
            + " dead letter(s) of " + name + "?",
            () => Journey.api("/admin/projections/" + name + "/dead-letters/retry", {method: "POST"}));
        row.rebuild = button("Rebuild", () => "Rebuild " + name + " from the first event?",
            () => Journey.api("/admin/projections/" + name + "/rebuild", {method: "POST"}));
        actions.append(row.rebuild, " ", row.retry);
        line.append(...cells, actions);
        return row;
    }

    function show(row, projection) {
        row.current = projection;
        const texts = [projection.name + (projection.replaying ? " (rebuilding)" : ""),
            projection.position + " of " + projection.head,
            String(projection.lag),
            projection.percentage === null ? "–" : projection.percentage + " %",
            projection.eventsPerSecond ? projection.eventsPerSecond.toFixed(0) : "–",
            seconds(projection.eta),
            String(projection.deadLetters)];
        texts.forEach((text, cell) => {
            if (row.cells[cell].textContent !== text) {
                row.cells[cell].textContent = text;
            }
        });
        row.cells[6].className = projection.deadLetters > 0 ? "overdue" : "";
        if (!(projection.deadLetters > 0) && document.activeElement === row.retry) {
            row.rebuild.focus(); // the retry button goes; the keyboard user's focus stays in the row
        }
        row.retry.hidden = !(projection.deadLetters > 0);
    }

    /** A button that asks before it acts (the question made when it is pressed), and shows the API's answer or problem. */
    function button(text, question, action) {
        const control = Journey.element("button", text, "secondary");
        control.type = "button";
        control.addEventListener("click", async () => {
            if (!window.confirm(question())) {
                return;
            }
            try {
                const answer = await action();
                if (answer && answer.state) {
                    rebuild(answer);
                }
                Journey.status(text + ": started.", "live");
                refresh();
            } catch (e) {
                Journey.status(e.message, "problem");
            }
        });
        return control;
    }

    function rebuild(status) {
        $("rebuild-state").textContent = Journey.words(status.state) + " · " + status.projections.join(", ")
            + (status.failure ? " · " + status.failure : "");
        $("rebuild-state").dataset.state = status.state;
        $("rebuild-progress").textContent = status.position + " of " + status.target + " events"
            + (status.percentage === null ? "" : " (" + status.percentage + " %)")
            + (status.eventsPerSecond ? ", " + status.eventsPerSecond.toFixed(0) + " events/s" : "")
            + (status.eta ? ", ETA " + seconds(status.eta) : "");
    }

    $("rebuild-section").querySelector("p:last-child").replaceChildren(button("Rebuild every projection",
        () => "Rebuild every projection from the first event?",
        () => Journey.api("/admin/projections/rebuild", {method: "POST", body: {all: true}})));
    refresh();
    setInterval(refresh, 1000);
})();
