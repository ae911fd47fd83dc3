package io.cxengine.journey.query.briefing;

import io.cxengine.journey.customer.PersonalData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BriefingStateTest {

    static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

    static BriefingState.OpenComplaint filed(String id) {
        return new BriefingState.OpenComplaint(id, "DELIVERY_DELAY", "HIGH", "FILED", AT, AT.plusSeconds(3600), null,
                null);
    }

    @Test
    @DisplayName("each fact gives a new state and leaves the old one as it was")
    void immutable() {
        BriefingState before = BriefingState.NONE.consent("EMAIL", true);
        BriefingState after = before.consent("PHONE", true).complaintOpen(filed("c-1"));
        assertThat(before.consents()).containsExactly("EMAIL");
        assertThat(before.openComplaints()).isEmpty();
        assertThat(after.consents()).containsExactly("EMAIL", "PHONE");
        assertThatThrownBy(() -> after.consents().add("SMS")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> after.openComplaints().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("a complaint's steps change it only while it is open; its resolution ends its solution's promise")
    void complaintSteps() {
        BriefingState agreed = BriefingState.NONE.complaintOpen(filed("c-1"))
                .complaint("c-1", c -> c.proposed("AGREED", "a refund", AT.plusSeconds(86_400)))
                .promised(BriefingState.solution("c-1"), new BriefingState.Promise("SOLUTION", "c-1",
                        AT.plusSeconds(86_400), "a refund", null, false));
        assertThat(agreed.openComplaints().get("c-1").state()).isEqualTo("AGREED");
        assertThat(agreed.complaint("c-9", c -> c.in("ACKNOWLEDGED")).openComplaints()).containsOnlyKeys("c-1");
        BriefingState resolved = agreed.complaintResolved("c-1");
        assertThat(resolved.openComplaints()).isEmpty();
        assertThat(resolved.promises()).isEmpty();
    }

    @Test
    @DisplayName("a missed promise is marked overdue and stays until it is kept")
    void overduePromise() {
        String key = BriefingState.followUp("f-1");
        BriefingState promised = BriefingState.NONE.promised(key, new BriefingState.Promise("FOLLOW_UP", "f-1", AT,
                "call back", "PHONE", false));
        assertThat(promised.promiseOverdue(key).promises().get(key).overdue()).isTrue();
        assertThat(promised.promiseOverdue(key).promiseKept(key).promises()).isEmpty();
        assertThat(BriefingState.NONE.promiseOverdue(key).promises()).isEmpty();
    }

    @Test
    @DisplayName("a special category's value is withheld from the agent; attributes are kept by kind and name")
    void known() {
        BriefingState state = BriefingState.NONE.known("PREFERENCE", "newsletter", "weekly", false)
                .known("PREFERENCE", "diet", "vegan", true).known("FACT", "children", "2", false);
        assertThat(state.known()).containsOnlyKeys("FACT", "PREFERENCE");
        assertThat(state.known().get("PREFERENCE")).containsEntry("diet", PersonalData.WITHHELD)
                .containsEntry("newsletter", "weekly");
        assertThat(state.known().get("PREFERENCE").keySet()).containsExactly("diet", "newsletter");
    }

    @Test
    @DisplayName("inbound contacts count per channel and the last one's wait is remembered")
    void inbound() {
        BriefingState state = BriefingState.NONE.inbound("PHONE", 30).inbound("PHONE", null).inbound("EMAIL", null);
        assertThat(state.inboundChannels()).containsEntry("PHONE", 2).containsEntry("EMAIL", 1);
        assertThat(state.lastInboundWaitSeconds()).isNull();
    }

    @Test
    @DisplayName("purchases add up, with the first and last purchase whatever order they arrive in")
    void purchases() {
        BriefingState state = BriefingState.NONE.purchase(new BigDecimal("5.00"), AT)
                .purchase(new BigDecimal("7.25"), AT.minusSeconds(86_400));
        assertThat(state.revenue()).isEqualByComparingTo("12.25");
        assertThat(state.purchases()).isEqualTo(2);
        assertThat(state.firstPurchaseAt()).isEqualTo(AT.minusSeconds(86_400));
        assertThat(state.lastPurchaseAt()).isEqualTo(AT);
    }

    @Test
    @DisplayName("erasure leaves no name, contact data, attributes or free text, and keeps what was due")
    void erased() {
        BriefingState state = BriefingState.NONE.registered("Ada King", "ada@example.com", "+44 20 7946 0000")
                .known("FACT", "children", "2", false).declaredChannel("EMAIL")
                .complaintOpen(filed("c-1")).complaint("c-1", c -> c.proposed("PROPOSED", "a refund", null))
                .promised("follow-up:f-1", new BriefingState.Promise("FOLLOW_UP", "f-1", AT, "call back", "PHONE",
                        false))
                .moment(new BriefingState.LastMoment(AT, "TOUCHPOINT", "PHONE", "NEGATIVE", "Inbound call: a refund"))
                .erased();
        assertThat(state.name()).isEqualTo(PersonalData.ERASED);
        assertThat(state.email()).isNull();
        assertThat(state.phone()).isNull();
        assertThat(state.known()).isEmpty();
        assertThat(state.declaredChannel()).isNull();
        assertThat(state.openComplaints().get("c-1").proposal()).isNull();
        assertThat(state.openComplaints().get("c-1").state()).isEqualTo("PROPOSED");
        assertThat(state.promises().get("follow-up:f-1").what()).isNull();
        assertThat(state.promises().get("follow-up:f-1").dueAt()).isEqualTo(AT);
        assertThat(state.lastMoments()).singleElement().satisfies(m -> assertThat(m.summary()).isNull());
    }
}
