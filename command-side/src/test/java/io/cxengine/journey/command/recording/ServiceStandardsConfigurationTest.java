package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.ServiceStandards;
import io.cxengine.journey.customer.ServiceStandard;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The service standards as configuration gives them: what is set, and the defaults for what is not. */
class ServiceStandardsConfigurationTest {

    private final RecordingConfiguration configuration = new RecordingConfiguration();

    @Test
    @DisplayName("nothing configured: 24 hours for each clock of fixed length, 5 minutes of grace")
    void defaults() {
        ServiceStandards standards = configuration.serviceStandards(new MockEnvironment());

        assertThat(standards).isEqualTo(ServiceStandards.DEFAULTS);
        assertThat(standards.of(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT)).contains(Duration.ofHours(24));
        assertThat(standards.of(ServiceStandard.CALL_RETURN)).contains(Duration.ofHours(24));
        assertThat(standards.of(ServiceStandard.EMAIL_RESPONSE)).contains(Duration.ofHours(24));
        assertThat(standards.of(ServiceStandard.FOLLOW_UP)).as("due when the follow-up says").isEmpty();
        assertThat(standards.of(ServiceStandard.PROMISED_SOLUTION)).as("due when promised").isEmpty();
        assertThat(standards.lateRecordingGrace()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("one standard configured: it takes the setting, the others keep their defaults")
    void oneSet() {
        ServiceStandards standards = configuration.serviceStandards(new MockEnvironment()
                .withProperty("journey.service-standards.email-response", "12h")
                .withProperty("journey.service-standards.late-recording-grace", "30s"));

        assertThat(standards.of(ServiceStandard.EMAIL_RESPONSE)).contains(Duration.ofHours(12));
        assertThat(standards.of(ServiceStandard.CALL_RETURN)).contains(Duration.ofHours(24));
        assertThat(standards.lateRecordingGrace()).isEqualTo(Duration.ofSeconds(30));
    }
}
