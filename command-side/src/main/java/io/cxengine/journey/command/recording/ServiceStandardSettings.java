package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.ServiceStandards;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The service standards of the CX material ("respond to every e-mail within 24 hours; return every call within 24
 * hours"), as configuration: {@code journey.service-standards.*}. Follow-ups and promised solutions carry their own due
 * times.
 */
@ConfigurationProperties("journey.service-standards")
record ServiceStandardSettings(@DefaultValue("24h") Duration complaintAcknowledgement,
                               @DefaultValue("24h") Duration callReturn,
                               @DefaultValue("24h") Duration emailResponse,
                               @DefaultValue("5m") Duration lateRecordingGrace) {

    ServiceStandards standards() {
        return new ServiceStandards(complaintAcknowledgement, callReturn, emailResponse, lateRecordingGrace);
    }
}
