package io.cxengine.journey.query.lostaccount;

import java.util.List;

/** One page of lost accounts, most recent loss first; {@code next} is the cursor of the following page. */
public record LostAccountPage(List<LostAccountView> lostAccounts, String next) {
}
