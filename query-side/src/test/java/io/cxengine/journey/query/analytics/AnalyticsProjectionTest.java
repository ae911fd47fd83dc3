package io.cxengine.journey.query.analytics;

import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintCategory;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.IdentificationMethod;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.PhraseToAvoid;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.Severity;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.platform.keys.KeyEncryptionKey;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import io.cxengine.journey.query.ReadModelDatabase;
import io.cxengine.journey.query.analytics.AnalyticsQueries.*;
import io.cxengine.journey.query.analytics.AnalyticsViews.*;
import io.cxengine.journey.query.lostaccount.CountRevealedReasons;
import io.cxengine.journey.query.lostaccount.RevealedReasonCounts;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The analytics projection's handlers on a real PostgreSQL: the facts analysts count, each recorded once. */
class AnalyticsProjectionTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();
    AnalyticsProjection projection;

    @BeforeEach
    void projection() {
        database.empty(AnalyticsTables.TABLES);
        projection = new AnalyticsProjection(new AnalyticsTables(database.jdbc(), database.writes()),
                new AnalyticsSettings(1, Duration.ofHours(48)), Clock.fixed(NOW, ZoneOffset.UTC),
                new Pseudonyms(KeyEncryptionKey.random()), revealedByTheLostAccountView());
    }

    /**
     * The lost-account view's answer to how many losses reveal each reason, as the query bus carries it: two of three
     * losses reveal dissatisfaction, one indifference.
     */
    private static QueryGateway revealedByTheLostAccountView() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        bus.subscribe(CountRevealedReasons.class.getName(), RevealedReasonCounts.class, query ->
                new RevealedReasonCounts(3, Map.of(LossReason.DISSATISFIED, 2L, LossReason.INDIFFERENCE, 1L)));
        return DefaultQueryGateway.builder().queryBus(bus).build();
    }

    /**
     * After every scenario: the tallies the triggers keep (migrations V11 and V12) are what counting the projection's rows
     * gives, moment by moment, complaint by complaint and customer by customer.
     */
    @AfterEach
    void talliesAreCounts() {
        JdbcClient sql = database.jdbc();
        assertThat(rows(sql, "SELECT dimension, grp, moments, positive FROM analytics_moment_tally"))
                .containsExactlyInAnyOrderElementsOf(rows(sql, """
                        SELECT g.dimension, g.grp, count(*), count(*) FILTER (WHERE m.valence = 'POSITIVE')
                          FROM analytics_moment m
                         CROSS JOIN LATERAL (VALUES ('channel', m.channel), ('stage', m.stage)) g (dimension, grp)
                         WHERE g.grp IS NOT NULL GROUP BY 1, 2"""));
        assertThat(rows(sql, "SELECT dimension, grp, complaints FROM analytics_complaint_tally"))
                .containsExactlyInAnyOrderElementsOf(rows(sql, """
                        SELECT g.dimension, g.grp, count(*) FROM analytics_complaint k
                         CROSS JOIN LATERAL (VALUES ('category', k.category), ('channel', COALESCE(k.channel, 'UNKNOWN')),
                               ('month', to_char(k.filed_at AT TIME ZONE 'UTC', 'YYYY-MM'))) g (dimension, grp)
                         GROUP BY 1, 2"""));
        assertThat(rows(sql, "SELECT standard, due_day, clocks, breached, missed FROM analytics_clock_tally"))
                .containsExactlyInAnyOrderElementsOf(rows(sql, """
                        SELECT standard, (due_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE breached),
                               count(*) FILTER (WHERE breached OR stopped_at IS NULL OR stopped_at > due_at)
                          FROM analytics_service_clock GROUP BY 1, 2"""));
        assertThat(sql.sql("""
                        SELECT count(*) FROM analytics_complaint
                         WHERE (hours_to_acknowledge IS NULL) <> (acknowledged_at IS NULL)
                            OR (hours_to_resolve IS NULL) <> (resolved_at IS NULL)
                            OR abs(hours_to_acknowledge * 3600 - extract(epoch FROM acknowledged_at - filed_at)) > 1e-6
                            OR abs(hours_to_resolve * 3600 - extract(epoch FROM resolved_at - filed_at)) > 1e-6""")
                .query(Long.class).single()).as("complaints whose stored hours are not their durations").isZero();
        assertThat(rows(sql, "SELECT customer_id, complaints, open_complaints, slowest_resolution FROM analytics_customer"))
                .containsExactlyInAnyOrderElementsOf(rows(sql, """
                        SELECT c.customer_id, count(k.complaint_id)::int, (count(k.complaint_id) FILTER (WHERE k.open))::int,
                               max(extract(epoch FROM k.resolved_at - k.filed_at))::double precision
                          FROM analytics_customer c LEFT JOIN analytics_complaint k ON k.customer_id = c.customer_id
                         GROUP BY c.customer_id"""));
    }

    private static List<String> rows(JdbcClient sql, String query) {
        return sql.sql(query).query((row, i) -> {
            StringBuilder line = new StringBuilder();
            for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                line.append(row.getObject(column)).append('|');
            }
            return line.toString();
        }).list();
    }

    static EventMessage<?> message(Object event) {
        return GenericEventMessage.asEventMessage(event);
    }

    CustomerId registered() {
        CustomerId customer = CustomerId.random();
        CustomerRegistered registered = new CustomerRegistered(customer, "A", null, null,
                IdentificationMethod.CALLER_ID, NOW.minus(Duration.ofDays(60)));
        dispatch(registered);
        return customer;
    }

    static Instant hoursAgo(int hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    @Test
    @DisplayName("losses counted per reason as recorded, and as stated in the lost-account survey on the latest loss")
    void lossReasons() {
        CustomerId first = registered();
        CustomerId second = registered();
        CustomerId third = registered();
        for (AccountLost lost : new AccountLost[]{new AccountLost(first, LossReason.COMPETITOR, null, hoursAgo(30)),
                new AccountLost(second, LossReason.COMPETITOR, null, hoursAgo(20)),
                new AccountLost(third, LossReason.DISSATISFIED, null, hoursAgo(10))}) {
            dispatch(lost);
        }
        SatisfactionMeasured survey = new SatisfactionMeasured(first, SurveyKind.LOST_ACCOUNT, null,
                LossReason.DISSATISFIED, Map.of(), null, hoursAgo(5));
        dispatch(survey);

        Reasons reasons = projection.handle(new CompareLossReasons());
        assertThat(reasons.losses()).isEqualTo(3);
        assertThat(reasons.reasons()).filteredOn(reason -> reason.reason().equals("COMPETITOR")).singleElement()
                .satisfies(reason -> {
                    assertThat(reason.recorded()).isEqualTo(2);
                    assertThat(reason.stated()).isZero();
                });
        assertThat(reasons.reasons()).filteredOn(reason -> reason.reason().equals("DISSATISFIED")).singleElement()
                .satisfies(reason -> {
                    assertThat(reason.recorded()).isEqualTo(1);
                    assertThat(reason.stated()).isEqualTo(1);
                    assertThat(reason.revealed()).as("losses whose history shows dissatisfaction").isEqualTo(2);
                    assertThat(reason.revealedPercent()).isEqualByComparingTo("66.67");
                });
        assertThat(reasons.reasons()).filteredOn(reason -> reason.reason().equals("COMPETITOR")).singleElement()
                .satisfies(reason -> assertThat(reason.revealed()).as("no history shows a competitor").isNull());
        assertThat(reasons.reasons()).hasSize(LossReason.values().length);
    }

    @Test
    @DisplayName("a complaint's first acknowledgement and first resolution count; reopened, it is open again")
    void complaintHandling() {
        CustomerId customer = registered();
        ComplaintId complaint = ComplaintId.random();
        Object[] events = {
                new ComplaintFiled(customer, complaint, ComplaintCategory.BILLING_MISTAKE, null, "twice", Severity.LOW,
                        null, hoursAgo(76), null, hoursAgo(100)),
                new ComplaintAcknowledged(customer, complaint, hoursAgo(98)),
                new ComplaintAcknowledged(customer, complaint, hoursAgo(90)),
                new ComplaintResolved(customer, complaint, "refunded", hoursAgo(90)),
                new ComplaintReopened(customer, complaint, "charged again", hoursAgo(50)),
                new ComplaintResolved(customer, complaint, "refunded again", hoursAgo(10))};
        for (Object event : events) {
            dispatch(event);
        }

        Handling overall = projection.handle(new FindComplaintHandling()).overall();
        assertThat(overall.complaints()).isEqualTo(1);
        assertThat(overall.acknowledgeHoursP50()).isEqualTo(2.0);
        assertThat(overall.resolveHoursP50()).isEqualTo(10.0);
        assertThat(database.jdbc().sql("SELECT reopened FROM read_model.analytics_complaint").query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(projection.handle(new FindRetention()).groups()).extracting(Retention::group)
                .containsExactly("RESOLVED_QUICKLY");
    }

    @Test
    @DisplayName("a touchpoint's clock is answered by the next contact on its standard; an unanswered one is missed")
    void serviceClocks() {
        CustomerId answered = registered();
        CustomerId unanswered = registered();
        dispatch(email(answered, Direction.INBOUND, ServiceStandard.EMAIL_RESPONSE, null, hoursAgo(48)));
        dispatch(email(answered, Direction.OUTBOUND, null, ServiceStandard.EMAIL_RESPONSE, hoursAgo(40)));
        dispatch(email(unanswered, Direction.INBOUND, ServiceStandard.EMAIL_RESPONSE, null, hoursAgo(30)));
        ServiceStandardBreached breach = new ServiceStandardBreached(unanswered, ServiceStandard.EMAIL_RESPONSE,
                "late", hoursAgo(30), hoursAgo(6), hoursAgo(6));
        dispatch(breach);

        // Over time, the same clocks by the month they were due (two months when this runs across a month's end).
        List<Compliance> byMonth = projection.handle(new FindServiceStandardCompliance("month")).standards();
        assertThat(byMonth).extracting(Compliance::month).isSubsetOf(
                java.time.YearMonth.from(hoursAgo(48).atZone(java.time.ZoneOffset.UTC)).toString(),
                java.time.YearMonth.from(hoursAgo(0).atZone(java.time.ZoneOffset.UTC)).toString());
        assertThat(byMonth.stream().mapToLong(Compliance::decided).sum()).isEqualTo(3);
        assertThat(projection.handle(new FindServiceStandardCompliance("standard")).standards()).singleElement()
                .satisfies(compliance -> {
                    assertThat(compliance.standard()).isEqualTo("EMAIL_RESPONSE");
                    assertThat(compliance.decided()).isEqualTo(3);
                    assertThat(compliance.breached()).isEqualTo(1);
                    assertThat(compliance.missed()).isEqualTo(2);
                });
    }

    @Test
    @DisplayName("three rings and one day to fill an order count like every standard: met, late, breached")
    void seedStandards() {
        CustomerId caller = registered();
        dispatch(call(caller, 12, hoursAgo(5)));
        TouchpointRecorded late = call(caller, 40, hoursAgo(4));
        dispatch(late);
        dispatch(new ServiceStandardBreached(caller, ServiceStandard.PHONE_ANSWER, late.touchpointId().toString(),
                hoursAgo(4),
                hoursAgo(4).plusSeconds(18), hoursAgo(4).plusSeconds(18)));
        CustomerId buyer = registered();
        dispatch(new PurchaseRecorded(buyer, "filled", Money.of("10.00", "EUR"), hoursAgo(24), null, hoursAgo(48)));
        dispatch(new OrderFulfilled(buyer, "filled", hoursAgo(30)));
        dispatch(new PurchaseRecorded(buyer, "late", Money.of("10.00", "EUR"), hoursAgo(24), null, hoursAgo(48)));
        dispatch(new PurchaseRecorded(buyer, "on the spot", Money.of("10.00", "EUR"), null, null, hoursAgo(48)));
        dispatch(new OrderFulfilled(buyer, "late", hoursAgo(2)));

        assertThat(projection.handle(new FindServiceStandardCompliance("standard")).standards())
                .extracting(Compliance::standard, Compliance::decided, Compliance::missed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ORDER_FULFILMENT", 2L, 1L),
                        org.assertj.core.groups.Tuple.tuple("PHONE_ANSWER", 2L, 1L));
    }

    @Test
    @DisplayName("consent breaches are counted per channel and month, with the customers they reached")
    void consentBreaches() {
        CustomerId first = registered();
        CustomerId second = registered();
        dispatch(new ConsentBreached(first, Channel.PHONE, TouchpointId.random(), hoursAgo(3)));
        dispatch(new ConsentBreached(first, Channel.PHONE, null, hoursAgo(2)));
        dispatch(new ConsentBreached(second, Channel.MAIL, TouchpointId.random(), hoursAgo(1)));

        assertThat(projection.handle(new CountConsentBreaches("channel")).groups())
                .containsExactly(new ConsentBreaches("MAIL", 1L, 1L, false), new ConsentBreaches("PHONE", 2L, 1L, false));
        assertThat(projection.handle(new CountConsentBreaches("month")).groups().stream()
                .mapToLong(ConsentBreaches::breaches).sum()).isEqualTo(3);
        assertThat(database.jdbc().sql("SELECT contact FROM analytics_consent_breach ORDER BY occurred_at")
                .query(String.class).list()).containsExactly("TOUCHPOINT", "WIN_BACK", "TOUCHPOINT");
    }

    @Test
    @DisplayName("recovery: a resolved complaint against the customer's own satisfaction before it, after it, and staying")
    void recovery() {
        CustomerId kept = registered();
        CustomerId gone = registered();
        dispatch(survey(kept, SurveyKind.CSAT, 3, hoursAgo(100)));           // 0.5
        dispatch(survey(kept, SurveyKind.NPS, 10, hoursAgo(90)));            // 1.0: baseline 0.75
        ComplaintId first = complaint(kept, ComplaintCategory.DELIVERY_DELAY, hoursAgo(80), hoursAgo(70));
        dispatch(survey(kept, SurveyKind.CSAT, 5, hoursAgo(60)));            // first after: 1.0
        dispatch(survey(kept, SurveyKind.CSAT, 1, hoursAgo(50)));            // later, not counted
        dispatch(survey(gone, SurveyKind.CSAT, 2, hoursAgo(100)));           // 0.25
        complaint(gone, ComplaintCategory.DELIVERY_DELAY, hoursAgo(80), hoursAgo(10)); // no answer after
        dispatch(new AccountLost(gone, LossReason.DISSATISFIED, null, hoursAgo(5)));
        complaint(registered(), ComplaintCategory.BAD_QUALITY, hoursAgo(4), null); // not resolved: not counted

        RecoveryFigures figures = projection.handle(new MeasureRecovery("category"));
        assertThat(figures.groups()).singleElement().satisfies(group -> {
            assertThat(group.group()).isEqualTo("DELIVERY_DELAY");
            assertThat(group.resolved()).isEqualTo(2);
            assertThat(group.stayed()).isEqualTo(1);
            assertThat(group.stayedShare()).isEqualByComparingTo("0.5");
            assertThat(group.paired()).isEqualTo(1);
            assertThat(group.baseline()).isEqualByComparingTo("0.75");
            assertThat(group.after()).isEqualByComparingTo("1");
            assertThat(group.change()).isEqualByComparingTo("0.25");
        });
        assertThat(projection.handle(new MeasureRecovery("resolution")).groups())
                .extracting(Recovery::group, Recovery::resolved)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("WITHIN_1_DAY", 1L),
                        org.assertj.core.groups.Tuple.tuple("WITHIN_3_DAYS", 1L));
        assertThat(figures.reference()).extracting(RecoveryReference::name, RecoveryReference::reference)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("stayedWhenResolved", new java.math.BigDecimal("0.70")),
                        org.assertj.core.groups.Tuple.tuple("stayedWhenResolvedQuickly", new java.math.BigDecimal("0.95")),
                        org.assertj.core.groups.Tuple.tuple("moreLoyalThanNeverComplained", new java.math.BigDecimal("0.08")));
        // Of two customers whose complaints were resolved, one (kept, within 10 hours) stayed; one (gone, in 70) left.
        assertThat(figures.reference().get(0).measured()).isEqualByComparingTo("0.5");
        assertThat(figures.reference().get(1).measured()).isEqualByComparingTo("1");
        assertThat(first).isNotNull();
    }

    @Test
    @DisplayName("the iceberg: counted figures apart from the estimates the seeds' ratios give, with the ratios")
    void iceberg() {
        CustomerId one = registered();
        CustomerId two = registered();
        complaint(one, ComplaintCategory.BILLING_MISTAKE, hoursAgo(3), null);
        complaint(one, ComplaintCategory.BAD_QUALITY, hoursAgo(2), null);
        complaint(two, ComplaintCategory.BAD_QUALITY, hoursAgo(1), null);
        dispatch(survey(two, SurveyKind.NPS, 9, hoursAgo(1)));
        dispatch(survey(two, SurveyKind.CSAT, 2, hoursAgo(1)));

        Iceberg iceberg = projection.handle(new EstimateIceberg("year"));
        assertThat(iceberg.ratios()).extracting(IcebergRatio::name).contains("silentPerComplaint", "unhappyWhoComplain");
        assertThat(iceberg.note()).contains("estimated");
        IcebergPeriod period = iceberg.periods().get(iceberg.periods().size() - 1);
        assertThat(period.period()).isEqualTo(String.valueOf(hoursAgo(1).atZone(ZoneOffset.UTC).getYear()));
        assertThat(period.counted()).isEqualTo(new IcebergCounted(3L, 2L, 1L));
        assertThat(period.estimated()).isEqualTo(new IcebergEstimate(78L, 50L, new Range(400L, 800L),
                new Range(4L, 5L)));
    }

    @Test
    @DisplayName("conversations: the stages each reached and skipped, closing, how they ended, per agent and category; phrases per agent")
    void conversations() {
        CustomerId ada = registered();
        CustomerId bob = registered();
        // Ada's conversation: greeting, then straight to closing (understanding, agreeing, delivering skipped).
        dispatch(contact(ada, "c-1", "agent-7", InteractionStage.GREETING, Valence.NEUTRAL, hoursAgo(5), null));
        TouchpointRecorded closing = contact(ada, "c-1", "agent-7", InteractionStage.CLOSING, Valence.POSITIVE,
                hoursAgo(4), Map.of(PhraseToAvoid.CALM_DOWN, 2));
        dispatch(closing);
        // Bob's: understanding only, ended badly; a complaint filed about it; the agent's note was clean.
        TouchpointRecorded understood = contact(bob, "c-1", "agent-7", InteractionStage.UNDERSTANDING,
                Valence.NEGATIVE, hoursAgo(3), Map.of());
        dispatch(understood);
        dispatch(new ComplaintFiled(bob, ComplaintId.random(), ComplaintCategory.BAD_QUALITY, null, "broken",
                Severity.LOW, understood.touchpointId(), hoursAgo(2).plus(Duration.ofHours(24)), null, hoursAgo(2)));
        // Not part of any conversation: not counted.
        dispatch(contact(bob, null, "agent-7", InteractionStage.CLOSING, Valence.POSITIVE, hoursAgo(1), null));

        assertThat(projection.handle(new JudgeConversations("agent")).groups()).singleElement().satisfies(group -> {
            assertThat(group.group()).isEqualTo("agent-7");
            assertThat(group.conversations()).isEqualTo(2);
            assertThat(group.closed()).isEqualTo(1);
            assertThat(group.closedShare()).isEqualByComparingTo("0.5");
            assertThat(group.reached()).containsEntry("GREETING", 1L).containsEntry("UNDERSTANDING", 1L)
                    .containsEntry("CLOSING", 1L);
            assertThat(group.skipped()).containsEntry("GREETING", 1L).containsEntry("UNDERSTANDING", 1L)
                    .containsEntry("AGREEING", 1L).containsEntry("DELIVERING", 1L);
            assertThat(group.endedPositive()).isEqualByComparingTo("0.5");
            assertThat(group.endedNegative()).isEqualByComparingTo("0.5");
        });
        assertThat(projection.handle(new JudgeConversations("category")).groups())
                .extracting(Conversations::group, Conversations::conversations)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BAD_QUALITY", 1L),
                        org.assertj.core.groups.Tuple.tuple("NONE", 1L));

        PhraseFigures phrases = projection.handle(new CountPhrasesToAvoid());
        assertThat(phrases.phrases()).extracting(Phrase::phrase).contains("CALM_DOWN", "NO");
        assertThat(phrases.agents()).singleElement().satisfies(agent -> {
            assertThat(agent.notesChecked()).as("two notes checked; the others had none").isEqualTo(2);
            assertThat(agent.notesUsingAny()).isEqualTo(1);
            assertThat(agent.uses()).isEqualTo(Map.of("CALM_DOWN", 2L));
        });
    }

    @Test
    @DisplayName("a conversation's tallies follow its contacts in the order they happened, not as recorded, and count a fact delivered twice once")
    void conversationsTalliedAsTheyHappened() {
        CustomerId ada = registered();
        TouchpointRecorded later = contact(ada, "c-9", "agent-2", InteractionStage.CLOSING, Valence.NEGATIVE,
                hoursAgo(2), Map.of(PhraseToAvoid.CALM_DOWN, 1));
        dispatch(later);
        assertThat(projection.handle(new JudgeConversations("agent")).groups())
                .extracting(Conversations::group).containsExactly("agent-2");
        // Recorded late: the conversation's first contact, with another agent, over another channel.
        TouchpointRecorded earlier = new TouchpointRecorded(ada, TouchpointId.random(), Channel.PHONE, Direction.INBOUND,
                "a call", InteractionStage.GREETING, Valence.POSITIVE, "agent-1", null, null, null, null, false, null,
                null, null, null, "c-9", Map.of(), null, hoursAgo(4));
        dispatch(earlier);
        dispatch(later);

        assertThat(projection.handle(new JudgeConversations("agent")).groups()).singleElement().satisfies(group -> {
            assertThat(group.group()).as("the agent of the first contact, once it is known").isEqualTo("agent-1");
            assertThat(group.conversations()).isEqualTo(1);
            assertThat(group.reached()).containsEntry("GREETING", 1L).containsEntry("CLOSING", 1L);
            assertThat(group.skipped()).containsEntry("GREETING", 0L).containsEntry("DELIVERING", 1L);
            assertThat(group.endedNegative()).as("the last contact in time ended badly").isEqualByComparingTo("1");
            assertThat(group.endedPositive()).isEqualByComparingTo("0");
        });
        assertThat(projection.handle(new JudgeConversations("channel")).groups())
                .extracting(Conversations::group, Conversations::conversations)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PHONE", 1L));
        assertThat(projection.handle(new CountPhrasesToAvoid()).agents())
                .extracting(PhrasesUsed::agent, PhrasesUsed::notesChecked, PhrasesUsed::notesUsingAny, PhrasesUsed::uses)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("agent-1", 1L, 0L, Map.of()),
                        org.assertj.core.groups.Tuple.tuple("agent-2", 1L, 1L, Map.of("CALM_DOWN", 1L)));
    }

    private static TouchpointRecorded contact(CustomerId customer, String conversation, String agent,
                                              InteractionStage stage, Valence valence, Instant at,
                                              Map<PhraseToAvoid, Integer> phrases) {
        return new TouchpointRecorded(customer, TouchpointId.random(), Channel.CHAT, Direction.INBOUND, "a chat",
                stage, valence, agent, null, null, null, null, false, null, null, null, null, conversation, phrases, null, at);
    }

    private ComplaintId complaint(CustomerId customer, ComplaintCategory category, Instant filed, Instant resolved) {
        ComplaintId complaint = ComplaintId.random();
        dispatch(new ComplaintFiled(customer, complaint, category, null, "why", Severity.LOW, null,
                filed.plus(Duration.ofHours(24)), null, filed));
        if (resolved != null) {
            dispatch(new ComplaintResolved(customer, complaint, "done", resolved));
        }
        return complaint;
    }

    private static SatisfactionMeasured survey(CustomerId customer, SurveyKind kind, int score, Instant at) {
        return new SatisfactionMeasured(customer, kind, score, null, Map.of(), null, at);
    }

    @Test
    @DisplayName("a small group of the new figures is hidden with the next smallest, so that the breakdowns' equal totals do not give it back")
    void smallGroupsHiddenTogether() {
        AnalyticsProjection strict = new AnalyticsProjection(new AnalyticsTables(database.jdbc(), database.writes()),
                new AnalyticsSettings(3, Duration.ofHours(48)), Clock.fixed(NOW, ZoneOffset.UTC),
                new Pseudonyms(KeyEncryptionKey.random()), revealedByTheLostAccountView());
        for (Channel channel : new Channel[]{Channel.PHONE, Channel.PHONE, Channel.PHONE, Channel.MAIL, Channel.MAIL,
                Channel.MAIL, Channel.MAIL, Channel.FAX}) {
            dispatch(new ConsentBreached(registered(), channel, TouchpointId.random(), hoursAgo(1)));
        }
        List<ConsentBreaches> groups = strict.handle(new CountConsentBreaches("channel")).groups();
        assertThat(groups).extracting(ConsentBreaches::group, ConsentBreaches::suppressed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("FAX", true), org.assertj.core.groups.Tuple.tuple("MAIL", false),
                org.assertj.core.groups.Tuple.tuple("PHONE", true));
        assertThat(groups.get(1).breaches()).isEqualTo(4);
    }

    static TouchpointRecorded call(CustomerId customer, int waitSeconds, Instant at) {
        return new TouchpointRecorded(customer, TouchpointId.random(), Channel.PHONE, Direction.INBOUND, "a call",
                null, Valence.NEUTRAL, null, null, waitSeconds, 60, null, false, null, null, null, 18, null, null, null, at);
    }

    static TouchpointRecorded email(CustomerId customer, Direction direction, ServiceStandard starts,
                                    ServiceStandard stops, Instant at) {
        return new TouchpointRecorded(customer, TouchpointId.random(), Channel.EMAIL, direction, "an order",
                null, Valence.NEUTRAL, null, null, null, null, null, false, starts,
                starts == null ? null : at.plus(Duration.ofHours(24)), stops, null, null, null, null, at);
    }

    /** Hands the event to the projection as Axon does: to the handler of its own type, or else the general one. */
    void dispatch(Object event) {
        try {
            new AnnotationEventHandlerAdapter(projection).handle(message(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
