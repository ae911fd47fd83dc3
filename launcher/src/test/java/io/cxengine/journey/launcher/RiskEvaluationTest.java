package io.cxengine.journey.launcher;

import io.cxengine.journey.benchmarks.RiskEvaluation;
import io.cxengine.journey.benchmarks.RiskEvaluation.Fact;
import io.cxengine.journey.benchmarks.RiskEvaluation.Kind;
import io.cxengine.journey.benchmarks.RiskEvaluation.Score;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluation of the at-risk signal, on a handful of customers whose outcome is known. */
class RiskEvaluationTest {

    static final Instant SPLIT = Instant.parse("2011-06-01T00:00:00Z");

    static Instant day(int offset) {
        return SPLIT.plus(Duration.ofDays(offset));
    }

    @Test
    @DisplayName("precision, recall and lead time of the signal and of the silence baseline, over the customers active at the split")
    void scores() {
        List<Fact> facts = List.of(
                // a: at risk since 10 days before the split, lost 20 days after it: a hit with 30 days' lead
                new Fact("a", Kind.REGISTERED, day(-100)), new Fact("a", Kind.PURCHASE, day(-70)),
                new Fact("a", Kind.AT_RISK, day(-10)), new Fact("a", Kind.AT_RISK, day(-5)),
                new Fact("a", Kind.LOST, day(20)),
                // b: was at risk, no longer at the split; lost later: a miss for the signal
                new Fact("b", Kind.REGISTERED, day(-100)), new Fact("b", Kind.PURCHASE, day(-40)),
                new Fact("b", Kind.AT_RISK, day(-30)), new Fact("b", Kind.NO_LONGER_AT_RISK, day(-20)),
                new Fact("b", Kind.LOST, day(50)),
                // c: at risk at the split, stays: a false alarm
                new Fact("c", Kind.REGISTERED, day(-100)), new Fact("c", Kind.PURCHASE, day(-1)),
                new Fact("c", Kind.AT_RISK, day(-2)),
                // d: lost before the split: not active, not counted
                new Fact("d", Kind.REGISTERED, day(-200)), new Fact("d", Kind.LOST, day(-50)),
                new Fact("d", Kind.AT_RISK, day(-60)),
                // e: lost after the horizon: not lost within it
                new Fact("e", Kind.REGISTERED, day(-100)), new Fact("e", Kind.PURCHASE, day(-5)),
                new Fact("e", Kind.LOST, day(120)));

        List<Score> scores = RiskEvaluation.evaluate(facts, SPLIT, Duration.ofDays(90), List.of(Duration.ofDays(30)));

        Score signal = scores.get(0);
        assertThat(signal.active()).isEqualTo(4);
        assertThat(signal.lost()).isEqualTo(2);
        assertThat(signal.flagged()).isEqualTo(2);
        assertThat(signal.flaggedAndLost()).isEqualTo(1);
        assertThat(signal.precision()).isEqualTo(0.5);
        assertThat(signal.recall()).isEqualTo(0.5);
        assertThat(signal.medianLeadDays()).isEqualTo(30.0);

        // No order for 30 days at the split: a (70 days) and b (40 days), both lost; each flagged 60 days before.
        Score silence = scores.get(1);
        assertThat(silence.predictor()).isEqualTo("no order for 30 days");
        assertThat(silence.flagged()).isEqualTo(2);
        assertThat(silence.flaggedAndLost()).isEqualTo(2);
        assertThat(silence.recall()).isEqualTo(1.0);
        assertThat(silence.medianLeadDays()).isEqualTo(60.0);
    }
}
