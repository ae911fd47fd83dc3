package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.PhraseToAvoid;
import io.cxengine.journey.customer.ServiceStandard;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(5);

    @Test
    @DisplayName("a note's phrases to avoid are counted, in any case and with curly apostrophes; a plain 'no' in a sentence is not one")
    void phrasesToAvoid() {
        assertThat(JourneyRules.phrasesToAvoid("I don’t know. Calm down, please calm down! Call me back tomorrow."))
                .isEqualTo(Map.of(PhraseToAvoid.I_DONT_KNOW, 1, PhraseToAvoid.CALM_DOWN, 2, PhraseToAvoid.CALL_ME_BACK, 1));
        assertThat(JourneyRules.phrasesToAvoid("Customer asked for a refund. No. That's not my job; talk to my manager."))
                .isEqualTo(Map.of(PhraseToAvoid.NO, 1, PhraseToAvoid.NOT_MY_JOB, 1, PhraseToAvoid.TALK_TO_MY_MANAGER, 1));
        assertThat(JourneyRules.phrasesToAvoid("I'm busy right now. You want it by when? You're right, this stinks."))
                .isEqualTo(Map.of(PhraseToAvoid.BUSY_RIGHT_NOW, 1, PhraseToAvoid.BY_WHEN, 1, PhraseToAvoid.THIS_STINKS, 1));
        assertThat(JourneyRules.phrasesToAvoid("There was no charge on the card; I'll find out and I will call you back."))
                .as("the replacements, and 'no' within a sentence").isEmpty();
        assertThat(JourneyRules.phrasesToAvoid(null)).as("no note, nothing checked").isNull();
        assertThat(JourneyRules.phrasesToAvoid("  ")).isNull();
    }

    @Test
    @DisplayName("a follow-up of the engine's own goes over the latest inbound channel if welcome, else the first welcome one")
    void followUpChannel() {
        assertThat(JourneyRules.followUpChannel(java.util.Set.of(Channel.EMAIL, Channel.PHONE), Channel.EMAIL))
                .contains(Channel.EMAIL);
        assertThat(JourneyRules.followUpChannel(java.util.Set.of(Channel.EMAIL, Channel.PHONE), Channel.CHAT))
                .contains(Channel.EMAIL);
        assertThat(JourneyRules.followUpChannel(java.util.Set.of(), Channel.PHONE)).isEmpty();
    }

    @Test
    @DisplayName("attribute names are remembered regardless of case, spaces and punctuation")
    void attributeKey() {
        assertThat(JourneyRules.attributeKey(" Household Size ")).isEqualTo("household_size");
        assertThat(JourneyRules.attributeKey("household-size")).isEqualTo("household_size");
        assertThat(JourneyRules.attributeKey("Größe")).isEqualTo("größe");
    }

    @Test
    @DisplayName("special-category attribute names are recognised in any spelling")
    void specialCategory() {
        assertThat(JourneyRules.isSpecialCategory("Religion")).isTrue();
        assertThat(JourneyRules.isSpecialCategory("ethnic background")).isTrue();
        assertThat(JourneyRules.isSpecialCategory("political-affiliation")).isTrue();
        assertThat(JourneyRules.isSpecialCategory("occupation")).isFalse();
    }

    @Test
    @DisplayName("inbound calls asking for a call back and inbound e-mails start clocks; outbound ones stop them")
    void clocks() {
        assertThat(JourneyRules.clockStartedBy(Channel.PHONE, Direction.INBOUND, true)).contains(ServiceStandard.CALL_RETURN);
        assertThat(JourneyRules.clockStartedBy(Channel.PHONE, Direction.INBOUND, false)).isEmpty();
        assertThat(JourneyRules.clockStartedBy(Channel.EMAIL, Direction.INBOUND, false)).contains(ServiceStandard.EMAIL_RESPONSE);
        assertThat(JourneyRules.clockStartedBy(Channel.EMAIL, Direction.OUTBOUND, false)).isEmpty();
        assertThat(JourneyRules.clockStartedBy(Channel.CHAT, Direction.INBOUND, true)).isEmpty();
        assertThat(JourneyRules.clockStoppedBy(Channel.PHONE, Direction.OUTBOUND)).contains(ServiceStandard.CALL_RETURN);
        assertThat(JourneyRules.clockStoppedBy(Channel.EMAIL, Direction.OUTBOUND)).contains(ServiceStandard.EMAIL_RESPONSE);
        assertThat(JourneyRules.clockStoppedBy(Channel.PHONE, Direction.INBOUND)).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("a deadline fires at its due time, or a grace period after recording if it is already past")
    void deadlineTrigger() {
        assertThat(JourneyRules.deadlineTrigger(NOW.plusSeconds(3600), NOW, GRACE)).isEqualTo(NOW.plusSeconds(3600));
        assertThat(JourneyRules.deadlineTrigger(NOW.plusSeconds(60), NOW, GRACE)).isEqualTo(NOW.plusSeconds(60));
        assertThat(JourneyRules.deadlineTrigger(NOW.minusSeconds(3600), NOW, GRACE)).isEqualTo(NOW.plus(GRACE));
    }
}
