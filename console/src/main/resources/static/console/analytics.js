/*
 * The analysts' figures: each as a chart and the table it is drawn from, with its definition and a CSV download.
 * Groups too small to show are marked suppressed, never drawn. The figures are aggregated by the engine in SQL; the
 * page only draws them.
 */
"use strict";

(() => {
    if (!Journey.requireScopes("/console/analytics", ["journey.analyze"])) {
        return;
    }
    const $ = id => document.getElementById(id);
    const percent = value => value === null || value === undefined ? "" : (value * 100).toFixed(1) + " %";
    const number = value => value === null || value === undefined ? "" : String(value);
    /** Text as the engine wrote it (sentences, names of reference shares), not turned into words. */
    const text = value => value === null || value === undefined ? "" : String(value);
    /** A satisfaction figure left out because too few customers answered both before and after. */
    const score = value => value === null || value === undefined ? "too few answered" : value.toFixed(4);
    const hours = value => value === null || value === undefined ? "" : value.toFixed(1) + " h";
    const seconds = Journey.seconds;
    /** The units a limit is told in, largest first. */
    const UNITS = [["d", 86400], ["h", 3600], ["min", 60], ["s", 1]];
    /** A limit in words: its whole units, largest first (PT36H is "1 d 12 h"). */
    const limit = value => {
        let left = seconds(value);
        if (left === null) {
            return value === null || value === undefined ? "" : String(value);
        }
        const said = [];
        UNITS.forEach(([name, size]) => {
            if (left >= size) {
                said.push(Math.floor(left / size) + " " + name);
                left %= size;
            }
        });
        return said.join(" ");
    };
    const instant = value => value === null || value === undefined ? "" : Journey.when(value);

    /**
     * What each figure's answer holds: its rows, its columns (key, header, format, and whether it describes the row
     * rather than counts, and so is shown when the row's figures are suppressed), and which columns the chart draws.
     */
    const FIGURES = {
        complaints: answer => ({rows: answer.groups, columns: [["group", "Group"], ["count", "Complaints", number]],
            chart: ["count"]}),
        handling: answer => ({rows: [answer.overall].concat(answer.byCategory), columns: [["group", "Category"],
                ["complaints", "Complaints", number], ["acknowledgeHoursP50", "Acknowledge p50", hours],
                ["acknowledgeHoursP90", "Acknowledge p90", hours], ["resolveHoursP50", "Resolve p50", hours],
                ["resolveHoursP90", "Resolve p90", hours]],
            chart: ["acknowledgeHoursP50", "acknowledgeHoursP90", "resolveHoursP50", "resolveHoursP90"]}),
        // Per version: what the version was (kept when its figures are suppressed), then its figures.
        standards: answer => answer.versions
            ? {rows: answer.versions.map(version => Object.assign({}, version, {name: version.standard
                    + (version.version === null ? ", before the book" : " v" + version.version)})),
                columns: [["name", "Version"], ["within", "Limit", limit, true],
                    ["effectiveFrom", "In force from", instant, true], ["reason", "Why", text, true],
                    ["recordedBy", "Set by", text, true], ["decided", "Decided", number],
                    ["breached", "Breached", number], ["missed", "Missed", number],
                    ["compliance", "Compliance", percent]],
                chart: ["compliance"]}
            : answer.by === "month"
            ? {rows: answer.standards, columns: [["month", "Month"], ["standard", "Standard"],
                    ["decided", "Decided", number], ["breached", "Breached", number], ["missed", "Missed", number],
                    ["compliance", "Compliance", percent]],
                chart: ["compliance"], over: {series: "standard"}}
            : {rows: answer.standards, columns: [["standard", "Standard"], ["decided", "Decided", number],
                    ["breached", "Breached", number], ["missed", "Missed", number],
                    ["compliance", "Compliance", percent]],
                chart: ["compliance"]},
        moments: answer => ({rows: answer.groups, columns: [["group", "Group"], ["moments", "Moments", number],
                ["positive", "Positive", number], ["positiveRatio", "Positive ratio", percent]],
            chart: ["positiveRatio"]}),
        reasons: answer => ({rows: answer.reasons.map(reason => Object.assign({}, reason, {
                reference: reason.referencePercent / 100,
                recordedShare: reason.recordedPercent === null ? null : reason.recordedPercent / 100,
                statedShare: reason.statedPercent === null ? null : reason.statedPercent / 100,
                revealedShare: reason.revealedPercent === null || reason.revealedPercent === undefined ? null
                    : reason.revealedPercent / 100})),
            columns: [["reason", "Reason"], ["recorded", "Recorded", number], ["recordedShare", "Recorded share", percent],
                ["stated", "Stated", number], ["statedShare", "Stated share", percent],
                ["revealed", "Revealed by the history", number], ["revealedShare", "Revealed share", percent],
                ["reference", "Reference share", percent]],
            chart: ["recordedShare", "statedShare", "revealedShare", "reference"]}),
        retention: answer => ({rows: answer.groups, columns: [["group", "Handling"], ["customers", "Customers", number],
                ["retained", "Retained", number], ["retention", "Retention", percent]], chart: ["retention"]}),
        recovery: answer => ({rows: answer.groups, columns: [["group", "Group"], ["resolved", "Resolved", number],
                ["stayed", "Stayed", number], ["stayedShare", "Stayed share", percent],
                ["paired", "Answered before and after", number], ["baseline", "Satisfaction before", score],
                ["after", "Satisfaction after", score], ["change", "Change", score]],
            chart: ["stayedShare", "baseline", "after"],
            // A reference share withheld (a group it needs is too small) says so in its own cell only.
            reference: {rows: answer.reference.map(share => Object.assign({}, share, {suppressed: false,
                    measuredShare: share.suppressed ? "suppressed" : percent(share.measured)})),
                columns: [["name", "Measured against the seeds", text], ["measuredShare", "Measured", text],
                    ["reference", "Reference", percent], ["source", "Reference says", text]]}}),
        conversations: answer => ({rows: answer.groups.map(group => Object.assign({}, group,
                Object.fromEntries(Object.entries(group.skipped || {}).map(([stage, n]) => ["skipped" + stage, n])))),
            columns: [["group", "Group"], ["conversations", "Conversations", number], ["closed", "Reached closing", number],
                ["closedShare", "Closing share", percent], ["endedPositive", "Ended positive", percent],
                ["endedNegative", "Ended negative", percent], ["skippedGREETING", "Skipped greeting", number],
                ["skippedUNDERSTANDING", "Skipped understanding", number], ["skippedAGREEING", "Skipped agreeing", number],
                ["skippedDELIVERING", "Skipped delivering", number]],
            chart: ["closedShare", "endedPositive", "endedNegative"]}),
        phrases: answer => ({rows: answer.agents.map(agent => Object.assign({}, agent,
                Object.fromEntries(answer.phrases.map(phrase => ["uses" + phrase.phrase,
                    agent.suppressed ? null : (agent.uses[phrase.phrase] || 0)])))),
            columns: [["agent", "Agent"], ["notesChecked", "Notes checked", number],
                ["notesUsingAny", "Using a phrase to avoid", number], ["share", "Share", percent]]
                .concat(answer.phrases.map(phrase => ["uses" + phrase.phrase, "“" + phrase.words + "”", number])),
            chart: ["share"],
            reference: {rows: answer.phrases, columns: [["words", "Avoid", text], ["instead", "Say instead", text]]}}),
        consent: answer => ({rows: answer.groups, columns: [["group", "Group"], ["breaches", "Breaches", number],
                ["customers", "Customers reached", number]], chart: ["breaches"]}),
        // Counted and estimated columns apart, each estimate's header saying so; the chart draws estimates only.
        iceberg: answer => ({rows: answer.periods.map(period => ({
                period: period.period, suppressed: period.counted.complainants === null,
                complaints: period.counted.complaints, complainants: period.counted.complainants,
                positiveSurveys: period.counted.positiveSurveys,
                silent: period.estimated.silentWithSameConcern, unhappy: period.estimated.unhappyCustomers,
                negativeLow: period.estimated.negativeWordOfMouth && period.estimated.negativeWordOfMouth.low,
                negativeHigh: period.estimated.negativeWordOfMouth && period.estimated.negativeWordOfMouth.high,
                positiveLow: period.estimated.positiveWordOfMouth && period.estimated.positiveWordOfMouth.low,
                positiveHigh: period.estimated.positiveWordOfMouth && period.estimated.positiveWordOfMouth.high})),
            columns: [["period", "Period"], ["complaints", "Counted: complaints", number],
                ["complainants", "Counted: complainants", number],
                ["positiveSurveys", "Counted: positive survey answers", number],
                ["silent", "Estimated: silent with the same concern (× 26)", number],
                ["unhappy", "Estimated: unhappy customers (÷ 0.04)", number],
                ["negativeLow", "Estimated: told by the unhappy, low (× 8)", number],
                ["negativeHigh", "Estimated: told by the unhappy, high (× 16)", number],
                ["positiveLow", "Estimated: told by the happy, low (× 4)", number],
                ["positiveHigh", "Estimated: told by the happy, high (× 5)", number]],
            chart: ["silent", "unhappy"]})
    };

    /** The latest question asked per figure: an answer to an earlier one (the choice changed since) is dropped. */
    const asked = new Map();

    document.querySelectorAll("section.figure").forEach(section => {
        const choice = section.querySelector("select");
        choice && choice.addEventListener("change", () => load(section));
        load(section);
    });

    async function load(section) {
        const choice = section.querySelector("select");
        // A choice may name a path of its own (standards by version); else it is the value of the section's path.
        const own = choice && choice.selectedOptions[0].dataset.path;
        const path = own || section.dataset.path + (choice ? choice.value : "");
        asked.set(section.id, path);
        try {
            const answer = await Journey.api(path);
            if (asked.get(section.id) !== path) {
                return;
            }
            $("suppression").textContent = "Groups of fewer than " + answer.minGroupSize
                + " are suppressed: their figures are left out so that none singles out a customer.";
            show(section, FIGURES[section.id](answer), section.id + (choice ? "-by-" + choice.value : ""));
        } catch (e) {
            Journey.status(e.message, "problem");
        }
    }

    /** A figure drawn into a section (or a part of one): its chart, its table and CSV, and its reference table. */
    function show(section, figure, name) {
        const label = figure.columns[0][0];
        let chart = section.querySelector(".chart");
        if (!chart) {
            chart = Journey.element("div", null, "chart");
            chart.setAttribute("role", "img");
            chart.setAttribute("aria-label", section.closest("section").querySelector("h2").textContent
                + ": the table below");
            section.append(chart);
        }
        const drawn = figure.rows.filter(row => !row.suppressed);
        const instance = echarts.getInstanceByDom(chart) || echarts.init(chart);
        (figure.over ? over : bars)(instance, figure, drawn, label);
        chart.dataset.groups = drawn.length;
        tabulate(section, figure, name);
        if (figure.reference) {
            let reference = section.querySelector("table.reference");
            if (!reference) {
                reference = Journey.element("table", null, "reference");
                const scroll = Journey.element("div", null, "table-scroll");
                scroll.append(reference);
                section.append(scroll);
            }
            fill(reference, figure.reference);
        }
    }

    /**
     * A cell a spreadsheet will not take for a formula: text starting with =, +, - or @ (a version's reason, who set it)
     * is prefixed with an apostrophe; numbers, negative ones too, stay numbers.
     */
    function inert(value) {
        return /^[=+\-@]/.test(value) && isNaN(Number(value)) ? "'" + value : value;
    }

    /** Whether a column's cell says "suppressed" in a suppressed row: a figure does, what describes the row not. */
    function hidden(column, row) {
        return column[2] && !column[3] && row.suppressed;
    }

    /** A plain table of rows and columns, suppressed cells said in words. */
    function fill(table, figure) {
        const head = Journey.element("tr");
        figure.columns.forEach(column => {
            const cell = Journey.element("th", column[1]);
            cell.scope = "col";
            head.append(cell);
        });
        const body = Journey.element("tbody");
        figure.rows.forEach(row => {
            const line = Journey.element("tr");
            figure.columns.forEach(column => {
                const format = column[2] || (value => Journey.words(String(value)));
                line.append(Journey.element("td", hidden(column, row) ? "suppressed" : format(row[column[0]])));
            });
            body.append(line);
        });
        const thead = Journey.element("thead");
        thead.append(head);
        table.replaceChildren(thead, body);
    }

    /** A figure per group: bars, one series per column charted. */
    function bars(instance, figure, drawn, label) {
        instance.setOption({
            animation: false,
            grid: {left: 60, right: 20, top: 40, bottom: 80},
            tooltip: {trigger: "axis"},
            legend: {top: 0},
            xAxis: {type: "category", data: drawn.map(row => Journey.words(String(row[label]))),
                axisLabel: {interval: 0, rotate: drawn.length > 5 ? 30 : 0}},
            yAxis: {type: "value"},
            series: figure.chart.map(key => ({
                type: "bar", name: figure.columns.find(column => column[0] === key)[1],
                data: drawn.map(row => row[key])
            }))
        }, true);
    }

    /** A figure over time: one line per group (e.g. per standard), months along the axis, gaps where suppressed. */
    function over(instance, figure, drawn, label) {
        const key = figure.chart[0];
        const months = [...new Set(figure.rows.map(row => row[label]))].sort();
        const groups = [...new Set(drawn.map(row => row[figure.over.series]))].sort();
        instance.setOption({
            animation: false,
            grid: {left: 60, right: 20, top: 60, bottom: 40},
            tooltip: {trigger: "axis"},
            legend: {top: 0},
            xAxis: {type: "category", data: months},
            yAxis: {type: "value", min: 0, max: 1, axisLabel: {formatter: value => (value * 100) + " %"}},
            series: groups.map(group => ({
                type: "line", name: Journey.words(group), connectNulls: false,
                data: months.map(month => {
                    const row = drawn.find(r => r[label] === month && r[figure.over.series] === group);
                    return row ? row[key] : null;
                })
            }))
        }, true);
    }

    /** The table the chart is drawn from, suppressed groups said in words, and its CSV download. */
    function tabulate(section, figure, name) {
        let table = section.querySelector("table");
        if (!table) {
            table = Journey.element("table");
            const scroll = Journey.element("div", null, "table-scroll");
            scroll.append(table);
            section.append(scroll);
        }
        fill(table, figure);

        let download = section.querySelector("a.csv");
        if (!download) {
            download = Journey.element("a", "Download CSV", "csv");
            section.append(download);
        }
        const csv = [figure.columns.map(column => column[1])].concat(figure.rows.map(row => figure.columns.map(
            column => hidden(column, row) ? "suppressed" : row[column[0]] ?? "")))
            .map(line => line.map(value => "\"" + inert(String(value)).replace(/"/g, "\"\"") + "\"").join(","))
            .join("\n");
        download.href = URL.createObjectURL(new Blob([csv + "\n"], {type: "text/csv"}));
        download.download = name + ".csv";
    }
    /*
     * What if: limits proposed for a past period, the run's progress while the engine replays the store, then its
     * answer next to the figures as they ran. Asked only when the analyst opens it: loading the page asks nothing more.
     */
    const whatIf = $("what-if");
    let proposing = null;
    let watching = null;

    $("what-if-ask").addEventListener("toggle", () => {
        if ($("what-if-ask").open && proposing === null) {
            proposing = propose();
        }
    });

    /** The form's rows: each standard of the book with its limit in force, proposed as it is until changed. */
    async function propose() {
        const now = new Date();
        const month = offset => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))
            .toISOString().slice(0, 7);
        $("what-if-from").value = month(-3);
        $("what-if-to").value = month(0);
        $("what-if-to").max = month(0);
        try {
            const book = await Journey.api("/service-standards");
            $("what-if-limits").tBodies[0].replaceChildren(...book.standards.map(standard => {
                const row = Journey.element("tr");
                row.dataset.standard = standard.standard;
                const id = "what-if-" + standard.standard;
                const chosen = Journey.element("input");
                chosen.type = "checkbox";
                chosen.id = id;
                chosen.className = "chosen";
                const named = Journey.element("label", Journey.words(standard.standard));
                named.htmlFor = id;
                const inForce = seconds(standard.withinInForce);
                const [unit, size] = UNITS.find(([, size]) => inForce % size === 0);
                const amount = Journey.element("input");
                amount.type = "number";
                amount.min = "1";
                amount.step = "1";
                amount.value = String(inForce / size);
                amount.className = "amount";
                amount.setAttribute("aria-label", "Proposed limit for " + Journey.words(standard.standard));
                const units = Journey.element("select");
                units.className = "unit";
                units.setAttribute("aria-label", "Unit of the proposed limit for " + Journey.words(standard.standard));
                UNITS.forEach(([name]) => units.append(new Option(name, name, false, name === unit)));
                // Changing the limit proposes it.
                [amount, units].forEach(input => input.addEventListener("input", () => chosen.checked = true));
                const cells = [chosen, named, limit(standard.withinInForce), [amount, " ", units]]
                    .map(content => {
                        const cell = Journey.element("td");
                        cell.append(...[].concat(content));
                        return cell;
                    });
                row.append(...cells);
                return row;
            }));
        } catch (e) {
            proposing = null;
            Journey.status(e.message, "problem");
        }
    }

    $("what-if-form").addEventListener("submit", async event => {
        event.preventDefault();
        const standards = {};
        $("what-if-limits").querySelectorAll("tbody tr").forEach(row => {
            if (row.querySelector("input.chosen").checked) {
                const size = UNITS.find(([name]) => name === row.querySelector("select.unit").value)[1];
                standards[row.dataset.standard] = "PT" + Math.round(Number(row.querySelector("input.amount").value)
                    * size) + "S";
            }
        });
        if (Object.keys(standards).length === 0) {
            Journey.status("Choose at least one standard to re-score, and its proposed limit.", "problem");
            return;
        }
        Journey.status("");
        $("what-if-ask-button").disabled = true;
        try {
            const run = await Journey.api("/analytics/what-if", {method: "POST", body: {
                from: $("what-if-from").value + "-01T00:00:00Z", to: $("what-if-to").value + "-01T00:00:00Z",
                standards: standards}});
            await watch(run);
        } catch (e) {
            Journey.status(e.message, "problem");
        } finally {
            $("what-if-ask-button").disabled = false;
        }
    });

    /**
     * Follows a run until it is done or failed: its state said once as it changes (read out), the events read of those
     * to read beside the progress bar (not read out every half second), then its answer.
     */
    async function watch(run) {
        watching = run.id;
        whatIf.querySelector(".answer") && whatIf.querySelector(".answer").remove();
        const progress = $("what-if-read");
        progress.hidden = false;
        progress.removeAttribute("value");
        let said = null;
        const say = (state, words) => {
            if (said !== state) {
                said = state;
                $("what-if-progress").textContent = words;
            }
        };
        const stop = () => {
            progress.hidden = true;
            $("what-if-count").textContent = "";
        };
        while (watching === run.id) {
            if (run.state === "DONE") {
                stop();
                answer(run);
                return;
            }
            if (run.state === "FAILED") {
                stop();
                say("FAILED", "");
                Journey.status("The what-if run failed: " + run.failure, "problem");
                return;
            }
            if (run.state === "REPLAYING" && run.eventsToRead > 0) {
                progress.max = run.eventsToRead;
                progress.value = run.eventsRead;
                $("what-if-count").textContent = run.eventsRead.toLocaleString() + " of "
                    + run.eventsToRead.toLocaleString() + " events read";
            }
            say(run.state, run.state === "WAITING" ? "Waiting for the replay to start…" : "Replaying the store…");
            await new Promise(resolve => setTimeout(resolve, 500));
            try {
                run = await Journey.api("/analytics/what-if/" + run.id);
            } catch (e) {
                if (watching === run.id) {
                    stop();
                    say("LOST", "");
                    Journey.status(e.message, "problem");
                }
                return;
            }
        }
    }

    /** The answer: per standard, the clocks as they ran next to the same clocks under the proposed limit. */
    function answer(run) {
        const period = run.from.slice(0, 7) + " up to " + run.to.slice(0, 7);
        $("what-if-progress").textContent = "Re-scored " + period + " over " + run.eventsRead.toLocaleString()
            + " events" + (run.askedBy ? ", asked by " + run.askedBy : "") + "."
            + (run.eventsUnreadable > 0 ? " " + run.eventsUnreadable + " events could not be read (parked by the "
                + "projections too): the answer may lack their clocks." : "");
        const part = Journey.element("div", null, "answer");
        part.dataset.run = run.id;
        part.append(Journey.element("p", run.note, "definition"));
        whatIf.append(part);
        const figure = (a, key) => a ? a[key] : null;
        show(part, {
            rows: run.standards.map(rescored => ({
                standard: rescored.standard, suppressed: rescored.suppressed, clocks: rescored.clocks,
                recorded: (rescored.recordedLimits || []).map(limit).join(", "), proposedLimit: rescored.proposedLimit,
                actualDecided: figure(rescored.actual, "decided"), actualMissed: figure(rescored.actual, "missed"),
                actualCompliance: figure(rescored.actual, "compliance"),
                proposedDecided: figure(rescored.proposed, "decided"),
                proposedMissed: figure(rescored.proposed, "missed"),
                proposedCompliance: figure(rescored.proposed, "compliance")})),
            columns: [["standard", "Standard"], ["proposedLimit", "Proposed limit", limit, true],
                ["clocks", "Clocks started", number], ["recorded", "Limits as they ran", text],
                ["actualDecided", "Actual: decided", number], ["actualMissed", "Actual: missed", number],
                ["actualCompliance", "Actual: compliance", percent],
                ["proposedDecided", "Proposed: decided", number], ["proposedMissed", "Proposed: missed", number],
                ["proposedCompliance", "Proposed: compliance", percent]],
            chart: ["actualCompliance", "proposedCompliance"]
        }, "what-if-" + run.from.slice(0, 7) + "-to-" + run.to.slice(0, 7));
    }
})();
