/*
 * The privacy officer's page: erases a customer's personal data (the API's DELETE /customers/{id}/personal-data,
 * with an Idempotency-Key, so a repeated click records nothing twice) after the id is typed twice, and shows the
 * receipt: the version and position of the PersonalDataErased event.
 */
"use strict";

(() => {
    if (!Journey.requireScopes("/console/erasure", ["journey.erase"])) {
        return;
    }
    const $ = id => document.getElementById(id);
    // One key per customer for as long as the tab is open (reloads included): pressing again after a lost answer
    // replays the first erasure instead of recording a second.
    function keyFor(customer) {
        const name = "journey.console.erasure." + customer;
        if (!sessionStorage.getItem(name)) {
            sessionStorage.setItem(name, "console-erasure-" + crypto.randomUUID());
        }
        return sessionStorage.getItem(name);
    }

    $("erase-form").addEventListener("submit", async event => {
        event.preventDefault();
        const customer = $("customer").value.trim().toLowerCase();
        if ($("confirmation").value.trim().toLowerCase() !== customer) {
            Journey.status("The two customer ids differ: nothing was erased.", "problem");
            $("confirmation").focus();
            return;
        }
        const button = $("erase-form").querySelector("button");
        button.disabled = true; // one request at a time: a second click waits for the first answer
        try {
            const receipt = await Journey.api("/customers/" + encodeURIComponent(customer) + "/personal-data",
                {method: "DELETE", headers: {"Idempotency-Key": keyFor(customer)}});
            const facts = $("receipt-facts");
            facts.replaceChildren();
            [["customer", receipt.customerId], ["version", String(receipt.version)],
                ["position", String(receipt.position)]]
                .forEach(([name, value]) => facts.append(Journey.element("dt", name), Journey.element("dd", value)));
            $("receipt").hidden = false;
            $("receipt").dataset.customer = receipt.customerId;
            Journey.status("Personal data of " + receipt.customerId + " erased.");
            $("erase-form").reset();
        } catch (e) {
            Journey.status(e.message, "problem");
        } finally {
            button.disabled = false;
        }
    });
})();
