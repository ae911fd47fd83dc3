/*
 * Running the projections: each one's position, lag, rate and ETA, refreshed every second; a rebuild's progress as it
 * runs; rebuild and dead-letter retry, each after a confirmation, each an ordinary call of the admin API.
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
        const match = /PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?/.exec(duration);
        return match ? ((+match[1] || 0) * 3600 + (+match[2] || 0) * 60 + Math.round(+match[3] || 0)) + " s" : duration;
    };

    async function refresh() {
        try {
            const projections = await Journey.api("/admin/projections");
            const body = $("projections").querySelector("tbody");
            body.replaceChildren();
            projections.forEach(projection => body.append(row(projection)));
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

    function row(projection) {
        const line = Journey.element("tr");
        line.dataset.projection = projection.name;
        const actions = Journey.element("td");
        actions.append(button("Rebuild", "Rebuild " + projection.name + " from the first event?",
            () => Journey.api("/admin/projections/" + projection.name + "/rebuild", {method: "POST"})));
        if (projection.deadLetters > 0) {
            actions.append(" ", button("Retry dead letters", "Retry the " + projection.deadLetters
                + " dead letter(s) of " + projection.name + "?",
                () => Journey.api("/admin/projections/" + projection.name + "/dead-letters/retry", {method: "POST"})));
        }
        line.append(Journey.element("td", projection.name + (projection.replaying ? " (rebuilding)" : "")),
            Journey.element("td", projection.position + " of " + projection.head),
            Journey.element("td", String(projection.lag)),
            Journey.element("td", projection.percentage === null ? "–" : projection.percentage + " %"),
            Journey.element("td", projection.eventsPerSecond ? projection.eventsPerSecond.toFixed(0) : "–"),
            Journey.element("td", seconds(projection.eta)),
            Journey.element("td", String(projection.deadLetters), projection.deadLetters > 0 ? "overdue" : ""),
            actions);
        return line;
    }

    /** A button that asks before it acts, and shows the API's answer or problem. */
    function button(text, question, action) {
        const control = Journey.element("button", text, "secondary");
        control.type = "button";
        control.addEventListener("click", async () => {
            if (!window.confirm(question)) {
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
        "Rebuild every projection from the first event?",
        () => Journey.api("/admin/projections/rebuild", {method: "POST", body: {all: true}})));
    refresh();
    setInterval(refresh, 1000);
})();
