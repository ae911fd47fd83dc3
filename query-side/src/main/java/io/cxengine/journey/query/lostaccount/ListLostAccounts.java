package io.cxengine.journey.query.lostaccount;

import io.cxengine.journey.platform.pseudonym.Pseudonym;

import java.time.Instant;

/** Asks for one page of lost accounts, most recent loss first, after the loss of the cursor's pseudonymous customer. */
record ListLostAccounts(String reason, Instant from, Instant to, Instant afterLostAt, Pseudonym afterCustomer, int limit) {
}
