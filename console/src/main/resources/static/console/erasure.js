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
    // One key per customer on this page: pressing again after a lost answer replays the first erasure, not a second.
    const keys = new Map();

    $("erase-form").addEventListener("submit", async event => {
        event.preventDefault();
        const customer = $("customer").value.trim().toLowerCase();
        if ($("confirmation").value.trim().toLowerCase() !== customer) {
            Journey.status("The two customer ids differ: nothing was erased.", "problem");
            $("confirmation").focus();
            return;
        }
        if (!keys.has(customer)) {
            keys.set(customer, "console-erasure-" + crypto.randomUUID());
        }
        try {
            const receipt = await Journey.api("/customers/" + customer + "/personal-data",
                {method: "DELETE", headers: {"Idempotency-Key": keys.get(customer)}});
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
        }
    });
})();
