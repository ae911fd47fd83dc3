package io.cxengine.journey.query.lostaccount;

import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.query.moment.Moment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyHistoryTest {

    static final Instant LOST_AT = Instant.parse("2026-06-01T12:00:00Z");

    static Instant daysBefore(int days) {
        return LOST_AT.minus(Duration.ofDays(days));
    }

    static Moment touchpoint(Valence valence) {
        return new Moment(Moment.Kind.TOUCHPOINT, Channel.PHONE, null, valence, "a call");
    }

    /** A customer who was in touch yesterday, so that silence reveals nothing. */
    static JourneyHistory inTouch() {
        return JourneyHistory.NONE.moment(touchpoint(Valence.NEUTRAL), daysBefore(1));
    }

    @Test
    @DisplayName("a history in good standing reveals nothing")
    void nothing() {
        assertThat(inTouch().revealedAt(LOST_AT)).isEmpty();
    }

    @Test
    @DisplayName("complaints still open at the loss are revealed, counted")
    void unresolvedComplaints() {
        JourneyHistory history = inTouch().complaintOpen("a").complaintOpen("b").complaintOpen("c")
                .complaintResolved("b");
        assertThat(history.revealedAt(LOST_AT)).containsExactly(
                new JourneyHistory.RevealedReason("UNRESOLVED_COMPLAINTS", "2 complaint(s) still unresolved"));
    }

    @Test
    @DisplayName("a complaint reopened after its resolution is open again")
    void reopened() {
        JourneyHistory history = inTouch().complaintOpen("a").complaintResolved("a").complaintOpen("a");
        assertThat(history.revealedAt(LOST_AT)).extracting(JourneyHistory.RevealedReason::reason)
                .containsExactly("UNRESOLVED_COMPLAINTS");
    }

    @Test
    @DisplayName("breached service standards are revealed, counted")
    void breaches() {
        assertThat(inTouch().breached().breached().revealedAt(LOST_AT)).containsExactly(
                new JourneyHistory.RevealedReason("SERVICE_BREACHES", "2 service standard(s) breached"));
    }

    @Test
    @DisplayName("negative moments count only within the ninety days before the loss")
    void negativeMomentsInTheWindow() {
        JourneyHistory history = inTouch()
                .moment(touchpoint(Valence.NEGATIVE), daysBefore(91))
                .moment(touchpoint(Valence.NEGATIVE), daysBefore(90))
                .moment(touchpoint(Valence.NEGATIVE), daysBefore(3));
        assertThat(history.revealedAt(LOST_AT)).containsExactly(
                new JourneyHistory.RevealedReason("NEGATIVE_MOMENTS", "2 negative moment(s) in the last 90 days"));
    }

    @Test
    @DisplayName("ninety days without a contact is silence")
    void silence() {
        JourneyHistory history = JourneyHistory.NONE.moment(touchpoint(Valence.POSITIVE), daysBefore(90));
        assertThat(history.revealedAt(LOST_AT)).containsExactly(
                new JourneyHistory.RevealedReason("SILENCE", "no contact for 90 days"));
    }

    @Test
    @DisplayName("eighty-nine days without a contact is not yet silence")
    void notYetSilence() {
        assertThat(JourneyHistory.NONE.moment(touchpoint(Valence.POSITIVE), daysBefore(89)).revealedAt(LOST_AT))
                .isEmpty();
    }

    @Test
    @DisplayName("a customer never contacted is silent from the start")
    void neverContacted() {
        assertThat(JourneyHistory.NONE.revealedAt(LOST_AT)).containsExactly(
                new JourneyHistory.RevealedReason("SILENCE", "no contact ever recorded"));
    }

    @Test
    @DisplayName("a breach is a moment but not a contact")
    void breachIsNoContact() {
        JourneyHistory history = JourneyHistory.NONE.moment(new Moment(Moment.Kind.SERVICE_STANDARD_BREACHED, null,
                null, Valence.NEGATIVE, "breached"), daysBefore(1));
        assertThat(history.lastContactAt()).isNull();
        assertThat(history.lastMoments()).hasSize(1);
    }

    @Test
    @DisplayName("the last three moments are kept, by when they happened; the loss itself is not one of them")
    void lastMoments() {
        JourneyHistory history = JourneyHistory.NONE;
        for (int day : new int[]{5, 1, 4, 3}) {
            history = history.moment(touchpoint(Valence.NEUTRAL), daysBefore(day));
        }
        history = history.moment(new Moment(Moment.Kind.ACCOUNT_LOST, null, null, Valence.NEGATIVE, "lost"), LOST_AT);
        assertThat(history.lastMoments()).extracting(JourneyHistory.LastMoment::occurredAt)
                .containsExactly(daysBefore(4), daysBefore(3), daysBefore(1));
    }

    @Test
    @DisplayName("purchases add up, with the first and last purchase whatever order they arrive in")
    void purchases() {
        JourneyHistory history = JourneyHistory.NONE.purchase(new BigDecimal("10.00"), daysBefore(5))
                .purchase(new BigDecimal("2.50"), daysBefore(30)).purchase(new BigDecimal("1.00"), daysBefore(10));
        assertThat(history.revenue()).isEqualByComparingTo("13.50");
        assertThat(history.firstPurchaseAt()).isEqualTo(daysBefore(30));
        assertThat(history.lastPurchaseAt()).isEqualTo(daysBefore(5));
    }

    @Test
    @DisplayName("the last positive moment and the days since it")
    void lastPositive() {
        JourneyHistory history = inTouch().moment(touchpoint(Valence.POSITIVE), daysBefore(12))
                .moment(touchpoint(Valence.POSITIVE), daysBefore(40));
        assertThat(JourneyHistory.daysBetween(history.lastPositiveAt(), LOST_AT)).isEqualTo(12);
        assertThat(JourneyHistory.daysBetween(null, LOST_AT)).isNull();
    }

    @Test
    @DisplayName("an erased customer's moments keep what they were, not what they said")
    void erased() {
        JourneyHistory history = inTouch().erased();
        assertThat(history.lastMoments()).singleElement().satisfies(moment -> {
            assertThat(moment.summary()).isNull();
            assertThat(moment.kind()).isEqualTo("TOUCHPOINT");
        });
    }

    @Test
    @DisplayName("the stored state is the same whether it was read back between facts (live) or not (a rebuild)")
    void storedTheSameLiveAndRebuilt() throws Exception {
        java.util.Random random = new java.util.Random(42);
        for (int customer = 0; customer < 2000; customer++) {
            JourneyHistory rebuilt = JourneyHistory.NONE;
            JourneyHistory live = JourneyHistory.NONE;
            for (int complaint = 0; complaint < 2 + random.nextInt(5); complaint++) {
                String id = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
                rebuilt = rebuilt.complaintOpen(id);
                live = LostAccountTable.JSON.readValue(LostAccountTable.JSON.writeValueAsString(
                        live.complaintOpen(id)), JourneyHistory.class);
            }
            assertThat(LostAccountTable.JSON.writeValueAsString(live))
                    .isEqualTo(LostAccountTable.JSON.writeValueAsString(rebuilt));
        }
    }
}
