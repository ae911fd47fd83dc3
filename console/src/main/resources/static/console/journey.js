/*
 * A customer's journey: every moment of truth as a chart over time (valence as position and colour, channel as
 * shape, complaints, apologies, breaches, losses and win-backs labelled, back-dated moments hollow) with the
 * relationship balance as a line; below it the moments themselves, filtered and paged by the API.
 */
"use strict";

(() => {
    if (!Journey.requireScopes("/console/journey", ["journey.agent"])) {
        return;
    }
    const $ = id => document.getElementById(id);
    const PAGE = 200;
    const CHART_PAGES = 5;
    const BACKDATED_MS = 60 * 60 * 1000;
    const SHAPES = {PHONE: "circle", EMAIL: "rect", CHAT: "roundRect", WEB_SITE: "diamond", WEB_COMMUNITY: "pin",
        FAX: "triangle", MAIL: "arrow", FACE_TO_FACE: "emptyCircle", INTERACTIVE_TV: "emptyRect"};
    const COLOURS = {POSITIVE: "#1a7f37", NEUTRAL: "#5f6b76", NEGATIVE: "#b42318"};
    const MARKED = {COMPLAINT_FILED: "complaint", COMPLAINT_REOPENED: "reopened", APOLOGY: "apology",
        SERVICE_STANDARD_BREACHED: "breach", ACCOUNT_LOST: "lost", WIN_BACK_ATTEMPTED: "win-back",
        ACCOUNT_REACTIVATED: "won back"};
    const WEIGHT = {POSITIVE: 1, NEUTRAL: 0, NEGATIVE: -1};
    let customer = null;
    let next = null;
    let chart = null;
    window.addEventListener("resize", () => chart && chart.resize());

    $("customer-form").addEventListener("submit", event => {
        event.preventDefault();
        show($("customer").value.trim());
    });
    $("filters").addEventListener("submit", event => {
        event.preventDefault();
        list(false);
    });
    $("older").addEventListener("click", () => list(true));

    async function show(id) {
        customer = id;
        history.replaceState(null, "", "/console/journey?customer=" + encodeURIComponent(id));
        try {
            // Shown before the chart is drawn: a chart drawn in a hidden section has no size.
            $("journey").hidden = false;
            chart = chart || echarts.init($("chart"));
            await draw();
            await list(false);
            Journey.status("");
        } catch (e) {
            $("journey").hidden = true;
            Journey.status(e.message, "problem");
        }
    }

    /** The chart of every moment (up to a thousand, the newest), oldest on the left. */
    async function draw() {
        let moments = [];
        let cursor = null;
        for (let page = 0; page < CHART_PAGES; page++) {
            const answer = await Journey.api(timeline({limit: PAGE, cursor: cursor}));
            moments = moments.concat(answer.moments);
            cursor = answer.next;
            if (!cursor) {
                break;
            }
        }
        moments.sort((a, b) => new Date(a.occurredAt) - new Date(b.occurredAt) || a.sequence - b.sequence);
        let balance = 0;
        const line = moments.map(moment => {
            balance += WEIGHT[moment.valence] || 0;
            return [moment.occurredAt, balance];
        });
        chart.setOption({
            animation: false,
            grid: {left: 80, right: 60, top: 40, bottom: 60},
            tooltip: {trigger: "item", formatter: point => point.data.tip || (point.value[1] + "")},
            legend: {data: ["Moments", "Relationship balance"], bottom: 0},
            xAxis: {type: "time"},
            yAxis: [
                {type: "value", min: -1, max: 1, interval: 1, name: "valence",
                    axisLabel: {formatter: value => ({"-1": "negative", "0": "neutral", "1": "positive"})[value] || ""}},
                {type: "value", name: "balance", splitLine: {show: false}}
            ],
            series: [
                {
                    name: "Moments", type: "scatter", symbolSize: 14,
                    data: moments.map(moment => point(moment))
                },
                {name: "Relationship balance", type: "line", yAxisIndex: 1, step: "end", showSymbol: false,
                    data: line}
            ]
        }, true);
        $("chart").dataset.points = moments.length;
    }

    function point(moment) {
        const colour = COLOURS[moment.valence] || COLOURS.NEUTRAL;
        const backdated = recordedLate(moment);
        const label = MARKED[moment.kind];
        return {
            value: [moment.occurredAt, WEIGHT[moment.valence] || 0],
            kind: moment.kind,
            backdated: backdated,
            symbol: SHAPES[moment.channel] || "circle",
            itemStyle: backdated ? {color: "#ffffff", borderColor: colour, borderWidth: 2} : {color: colour},
            label: label ? {show: true, formatter: label, position: "top"} : {show: false},
            tip: Journey.when(moment.occurredAt) + "<br>" + escapeHtml(moment.summary || Journey.words(moment.kind))
                + (backdated ? "<br>recorded " + Journey.when(moment.recordedAt) : "")
        };
    }

    /** The table of moments, newest first, with the filters; {@code more} adds the next page. */
    async function list(more) {
        try {
            const answer = await Journey.api(timeline({limit: 50, cursor: more ? next : null,
                channel: $("channel").value, valence: $("valence").value}));
            const body = $("moments").querySelector("tbody");
            if (!more) {
                body.replaceChildren();
            }
            answer.moments.forEach(moment => {
                const row = Journey.element("tr");
                const happened = Journey.element("td", Journey.when(moment.occurredAt),
                    recordedLate(moment) ? "backdated" : "");
                row.append(happened, Journey.element("td", moment.summary || Journey.words(moment.kind)),
                    Journey.element("td", Journey.words(moment.channel)),
                    Journey.element("td", Journey.words(moment.valence), "valence-" + moment.valence),
                    Journey.element("td", Journey.when(moment.recordedAt)));
                body.append(row);
            });
            next = answer.next;
            $("older").hidden = !next;
        } catch (e) {
            Journey.status(e.message, "problem");
        }
    }

    function timeline(parameters) {
        const query = new URLSearchParams();
        Object.entries(parameters).forEach(([name, value]) => {
            if (value !== null && value !== undefined && value !== "") {
                query.set(name, value);
            }
        });
        return "/customers/" + encodeURIComponent(customer) + "/timeline?" + query;
    }

    function recordedLate(moment) {
        return moment.recordedAt && moment.occurredAt
            && new Date(moment.recordedAt) - new Date(moment.occurredAt) > BACKDATED_MS;
    }

    function escapeHtml(text) {
        return String(text).replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;",
            "'": "&#39;"})[c]);
    }

    const requested = new URLSearchParams(window.location.search).get("customer");
    if (requested) {
        $("customer").value = requested;
        show(requested);
    }
})();
