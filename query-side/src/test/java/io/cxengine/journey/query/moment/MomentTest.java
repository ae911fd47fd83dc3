package io.cxengine.journey.query.moment;

import io.cxengine.journey.customer.RelationshipBalance;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintCategory;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.AccountLost;
import io.cxengine.journey.customer.CustomerEvent.ComplaintFiled;
import io.cxengine.journey.customer.CustomerEvent.ConsentGranted;
import io.cxengine.journey.customer.CustomerEvent.CustomerRegistered;
import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;
import io.cxengine.journey.customer.CustomerEvent.SatisfactionMeasured;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.IdentificationMethod;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.Severity;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MomentTest {

    static final CustomerId CUSTOMER = CustomerId.random();
    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    static TouchpointRecorded touchpoint(Direction direction, Valence valence, Integer waitSeconds, boolean callback) {
        return new TouchpointRecorded(CUSTOMER, TouchpointId.random(), Channel.PHONE, direction, "billing question",
                InteractionStage.UNDERSTANDING, valence, "agent-7", TouchpointRecorded.IN_HOUSE, waitSeconds, 300, null,
                callback, null, null, null, null, null, null, null, AT);
    }

    static SatisfactionMeasured survey(SurveyKind kind, Integer score) {
        return new SatisfactionMeasured(CUSTOMER, kind, score, null, null, null, AT);
    }

    @Test
    @DisplayName("a touchpoint is a moment on its channel and stage, with its direction, purpose, wait and call-back")
    void touchpoint() {
        Moment moment = Moment.of(touchpoint(Direction.INBOUND, Valence.NEGATIVE, 420, true)).orElseThrow();
        assertThat(moment.kind()).isEqualTo(Moment.Kind.TOUCHPOINT);
        assertThat(moment.channel()).isEqualTo(Channel.PHONE);
        assertThat(moment.stage()).isEqualTo(InteractionStage.UNDERSTANDING);
        assertThat(moment.summary())
                .isEqualTo("Inbound phone contact: billing question after a wait of 7 min; asked to be called back");
        assertThat(moment.weight()).isEqualTo(-1);
    }

    @Test
    @DisplayName("a wait under a minute is not mentioned, and an outbound contact says so")
    void shortWait() {
        Moment moment = Moment.of(touchpoint(Direction.OUTBOUND, Valence.POSITIVE, 59, false)).orElseThrow();
        assertThat(moment.summary()).isEqualTo("Outbound phone contact: billing question");
        assertThat(moment.weight()).isEqualTo(1);
    }

    @Test
    @DisplayName("registration and consents are facts, not moments of truth")
    void notMoments() {
        assertThat(Moment.of(new CustomerRegistered(CUSTOMER, "Ada", null, null, IdentificationMethod.WEB_REGISTRATION, AT)))
                .isEmpty();
        assertThat(Moment.of(new ConsentGranted(CUSTOMER, Channel.EMAIL, AT))).isEmpty();
    }

    @Test
    @DisplayName("a complaint is a negative moment named by its own words when its category is OTHER")
    void complaint() {
        Moment moment = Moment.of(new ComplaintFiled(CUSTOMER, ComplaintId.random(), ComplaintCategory.OTHER,
                "parking fees", "details", Severity.HIGH, null, AT.plusSeconds(3600), null, AT)).orElseThrow();
        assertThat(moment.valence()).isEqualTo(Valence.NEGATIVE);
        assertThat(moment.summary()).isEqualTo("Complaint filed: parking fees (high severity)");
    }

    @Test
    @DisplayName("a purchase is a moment on the web site without a valence, so it weighs nothing")
    void purchase() {
        Moment moment = Moment.of(new PurchaseRecorded(CUSTOMER, "order-1", Money.of("12.50", "EUR"), null, null, AT))
                .orElseThrow();
        assertThat(moment.channel()).isEqualTo(Channel.WEB_SITE);
        assertThat(moment.valence()).isNull();
        assertThat(moment.weight()).isZero();
        assertThat(moment.summary()).isEqualTo("Purchase order-1: 12.50 EUR");
    }

    @Test
    @DisplayName("a loss is a negative moment naming its reason")
    void loss() {
        Moment moment = Moment.of(new AccountLost(CUSTOMER, LossReason.COMPETITOR, null, AT)).orElseThrow();
        assertThat(moment.kind()).isEqualTo(Moment.Kind.ACCOUNT_LOST);
        assertThat(moment.summary()).isEqualTo("Account lost: competitor");
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource({"NPS,10,POSITIVE", "NPS,9,POSITIVE", "NPS,8,NEUTRAL", "NPS,7,NEUTRAL", "NPS,6,NEGATIVE",
            "NPS,0,NEGATIVE", "CSAT,5,POSITIVE", "CSAT,4,POSITIVE", "CSAT,3,NEUTRAL", "CSAT,2,NEGATIVE",
            "CSAT,1,NEGATIVE", "LOST_ACCOUNT,4,POSITIVE", "LOST_ACCOUNT,,NEGATIVE", "CSAT,,NEUTRAL"})
    @DisplayName("how a survey answer felt, on its own scale")
    void surveyValence(SurveyKind kind, Integer score, Valence valence) {
        assertThat(RelationshipBalance.valence(survey(kind, score))).isEqualTo(valence);
        assertThat(Moment.of(survey(kind, score)).orElseThrow().valence()).isEqualTo(valence);
    }
}
