package io.cxengine.journey.query.lostaccount;

import java.time.Instant;
import java.util.UUID;

/** Asks for one page of lost accounts, most recent loss first. */
record ListLostAccounts(String reason, Instant from, Instant to, Instant afterLostAt, UUID afterCustomer, int limit) {
}
