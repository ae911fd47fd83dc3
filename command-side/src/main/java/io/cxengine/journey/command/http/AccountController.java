package io.cxengine.journey.command.http;

import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.command.customer.CustomerCommand.AttemptWinBack;
import io.cxengine.journey.command.customer.CustomerCommand.FulfilOrder;
import io.cxengine.journey.command.customer.CustomerCommand.LoseAccount;
import io.cxengine.journey.command.customer.CustomerCommand.MeasureSatisfaction;
import io.cxengine.journey.command.customer.CustomerCommand.ReactivateAccount;
import io.cxengine.journey.command.customer.CustomerCommand.RecordPurchase;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.SurveyKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Records what the customer is worth, how satisfied they are, and whether they stay, leave or come back. */
@Allowed(Scope.WRITE)
@RestController
@CommandEndpoint
@Tag(name = "Value and loyalty", description = "Surveys, purchases and their fulfilment, lost accounts and win-backs")
class AccountController {

    private final Writes writes;
    private final Clock clock;

    AccountController(Writes writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    @Operation(summary = "Record a survey answer", description = """
            CSAT scores run from 1 to 5, NPS from 0 to 10. A LOST_ACCOUNT survey is for a lost customer: its score is \
            optional and `statedReason` records why the customer says they left.""")
    @PostMapping(path = "/customers/{customerId}/surveys", consumes = "application/json")
    ResponseEntity<Writes.Recorded> survey(@PathVariable CustomerId customerId, @Valid @RequestBody SurveyRequest body,
                                           HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.customer(customerId), clock.instant()), request);
    }

    @Operation(summary = "Record a purchase", description = """
            Records an order and its amount. The same order again records nothing; with another amount it is refused. \
            A purchase by a lost customer also records that the account is reactivated. An order that \
            `awaitsFulfilment` (a web or phone order, not one handed over on the spot) starts the order-fulfilment \
            clock: it must be filled (`POST /customers/{customerId}/fulfilments`) within the standard, one day by \
            default, or the breach is recorded.""")
    @PostMapping(path = "/customers/{customerId}/purchases", consumes = "application/json")
    ResponseEntity<Writes.Recorded> purchase(@PathVariable CustomerId customerId,
                                             @Valid @RequestBody PurchaseRequest body, HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.customer(customerId), clock.instant()), request);
    }

    @Operation(summary = "Record that an order was filled", description = """
            Records that an order awaiting fulfilment (a purchase recorded with `awaitsFulfilment`) was filled or \
            shipped, which stops its order-fulfilment clock. Filled after the clock ran out, it is still recorded; the \
            breach stays. An order never recorded is 404; one that awaits no fulfilment (filled already, or recorded \
            without awaiting any) is 409.""")
    @PostMapping(path = "/customers/{customerId}/fulfilments", consumes = "application/json")
    ResponseEntity<Writes.Recorded> fulfil(@PathVariable CustomerId customerId,
                                           @Valid @RequestBody FulfilmentRequest body, HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.customer(customerId), clock.instant()), request);
    }

    @Operation(summary = "Record that the account is lost", description = """
            Records the loss with the company's best knowledge of the reason. A lost account cannot be lost again.""")
    @PostMapping(path = "/customers/{customerId}/loss", consumes = "application/json")
    ResponseEntity<Writes.Recorded> lose(@PathVariable CustomerId customerId, @Valid @RequestBody LossRequest body,
                                         HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.customer(customerId), clock.instant()), request);
    }

    @Operation(summary = "Record a win-back attempt", description = "Records an offer made to win a lost customer back.")
    @PostMapping(path = "/customers/{customerId}/win-back-attempts", consumes = "application/json")
    ResponseEntity<Writes.Recorded> winBack(@PathVariable CustomerId customerId,
                                            @Valid @RequestBody WinBackRequest body, HttpServletRequest request) {
        return writes.record(body.command(CommandBody.Target.customer(customerId), clock.instant()), request);
    }

    @Operation(summary = "Reactivate a lost account", description = """
            Records that a lost customer is back. Only a lost account can be reactivated. The body is optional.""")
    @PostMapping("/customers/{customerId}/reactivation")
    ResponseEntity<Writes.Recorded> reactivate(@PathVariable CustomerId customerId,
                                               @Valid @RequestBody(required = false) ReactivationRequest body,
                                               HttpServletRequest request) {
        return writes.record((body == null ? ReactivationRequest.NOW : body)
                .command(CommandBody.Target.customer(customerId), clock.instant()), request);
    }

    record SurveyRequest(@Schema(example = "CSAT") @NotNull SurveyKind kind,
                         @Schema(example = "4") Integer score,
                         @Schema(description = "LOST_ACCOUNT only: why the customer says they left",
                                 example = "COMPETITOR") LossReason statedReason,
                         @Schema(example = "{\"wouldRecommend\": \"yes\"}") @Size(max = 50)
                         Map<@NotBlank @Size(max = 200) String, @Size(max = 2000) String> answers,
                         @Schema(example = "Quick and friendly") @Size(max = 4000) String comment,
                         @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public MeasureSatisfaction command(Target target, Instant now) {
            return new MeasureSatisfaction(target.customerId(), kind, score, statedReason, answers, comment,
                    CommandBody.occurred(occurredAt, now));
        }
    }

    record MoneyBody(@Schema(example = "12.50") @NotNull @Pattern(regexp = "\\d{1,12}(\\.\\d{1,4})?")
                     @DecimalMin(value = "0", inclusive = false) String amount,
                     @Schema(example = "EUR") @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {
    }

    record PurchaseRequest(@Schema(example = "536365") @NotBlank @Size(max = 100) String orderId,
                           @NotNull @Valid MoneyBody amount,
                           @Schema(description = "The order is still to be filled or shipped; default false (handed "
                                   + "over on the spot)", example = "true") Boolean awaitsFulfilment,
                           @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public RecordPurchase command(Target target, Instant now) {
            return new RecordPurchase(target.customerId(), orderId,
                    new Money(new BigDecimal(amount.amount()), amount.currency()), Boolean.TRUE.equals(awaitsFulfilment),
                    CommandBody.occurred(occurredAt, now));
        }
    }

    record FulfilmentRequest(@Schema(example = "536365") @NotBlank @Size(max = 100) String orderId,
                             @Schema(description = "When it was filled or shipped; default now",
                                     example = "2026-03-02T08:00:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public FulfilOrder command(Target target, Instant now) {
            return new FulfilOrder(target.customerId(), orderId, CommandBody.occurred(occurredAt, now));
        }
    }

    record LossRequest(@Schema(example = "INDIFFERENCE") @NotNull LossReason reason,
                       @Schema(example = "No purchase for 90 days") @Size(max = 4000) String detail,
                       @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public LoseAccount command(Target target, Instant now) {
            return new LoseAccount(target.customerId(), reason, detail, CommandBody.occurred(occurredAt, now));
        }
    }

    record WinBackRequest(@Schema(example = "20% off the next order") @NotBlank @Size(max = 1000) String offer,
                          @Schema(example = "EMAIL") @NotNull Channel channel,
                          @Schema(description = "When it happened; default now", example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        @Override
        public AttemptWinBack command(Target target, Instant now) {
            return new AttemptWinBack(target.customerId(), offer, channel, CommandBody.occurred(occurredAt, now));
        }
    }

    record ReactivationRequest(@Schema(description = "When the customer came back; default now",
                                       example = "2026-03-01T09:30:00Z") @NotInFuture Instant occurredAt)
            implements CommandBody {

        static final ReactivationRequest NOW = new ReactivationRequest(null);

        @Override
        public ReactivateAccount command(Target target, Instant now) {
            return new ReactivateAccount(target.customerId(), CommandBody.occurred(occurredAt, now));
        }
    }
}
