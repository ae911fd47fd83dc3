package io.cxengine.journey.query.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.platform.keys.KeyEncryptionKey;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The envelope every delivery of journey events shares. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    @Bean
    JourneyEventEnvelope journeyEventEnvelope(ObjectMapper json, Pseudonyms pseudonyms, KeyEncryptionKey kek) {
        return new JourneyEventEnvelope(json, pseudonyms, kek);
    }
}
