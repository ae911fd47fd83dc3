package io.cxengine.journey.query.lostaccount;

import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.query.http.PageCursor;
import io.cxengine.journey.query.http.ReadSettings;
import io.cxengine.journey.query.http.ViewReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Lists lost accounts for analysts, by pseudonym and without free text. */
@Allowed(Scope.ANALYZE)
@RestController
@Tag(name = "Lost accounts", description = "Who was lost, why they say they left, and what their history shows")
class LostAccountController {

    private final LostAccountProjection lostAccounts;
    private final ReadSettings settings;
    private final ViewReads views;

    LostAccountController(LostAccountProjection lostAccounts, ReadSettings settings, ViewReads views) {
        this.lostAccounts = lostAccounts;
        this.settings = settings;
        this.views = views;
    }

    @Operation(summary = "List lost accounts", description = """
            Most recent loss first. `reason` matches the recorded or the stated reason; `from`/`to` bound the time of \
            loss. Pass the `next` cursor of a page to get the following one. Customers appear by pseudonym only, \
            and no free text (loss detail, what was said) is shown.""")
    @GetMapping(path = "/lost-accounts", produces = MediaType.APPLICATION_JSON_VALUE)
    LostAccountPage list(@RequestParam(required = false) LossReason reason,
                         @RequestParam(required = false) Instant from,
                         @RequestParam(required = false) Instant to,
                         @RequestParam(required = false) String cursor,
                         @RequestParam(required = false) Integer limit,
                         @RequestParam(required = false) Long minPosition) {
        int size = settings.pageSize(limit);
        PageCursor after = PageCursor.decode(cursor);
        return views.read(LostAccountProjection.PROCESSING_GROUP, minPosition, () -> lostAccounts.handle(
                new ListLostAccounts(reason == null ? null : reason.name(), from, to,
                        after == null ? null : after.at(), after == null ? null : after.tieBreakerAsPseudonym(), size)));
    }
}
