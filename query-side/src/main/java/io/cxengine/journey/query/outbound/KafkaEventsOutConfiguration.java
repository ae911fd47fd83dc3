package io.cxengine.journey.query.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.Map;

/**
 * The Kafka delivery, when {@code journey.events-out.kafka.enabled}: a producer of its own whose settings are what
 * at-least-once in order needs, whatever {@code spring.kafka.producer} says (every in-sync replica acknowledges,
 * idempotent, retried), and the topic, created if missing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
@ConditionalOnProperty(prefix = "journey.events-out.kafka", name = "enabled", havingValue = "true")
class KafkaEventsOutConfiguration {

    @Bean
    KafkaTemplate<String, String> journeyEventsProducer(KafkaProperties properties) {
        Map<String, Object> producer = properties.buildProducerProperties(null);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer));
    }

    @Bean
    NewTopic journeyEventsTopic(KafkaSettings settings) {
        return new NewTopic(settings.topic(), settings.partitions(), settings.replicas());
    }

    @Bean
    KafkaEventsOut kafkaEventsOut(KafkaTemplate<String, String> journeyEventsProducer, JourneyEventEnvelope envelopes,
                                  ObjectMapper json, KafkaSettings settings) {
        return new KafkaEventsOut(journeyEventsProducer, envelopes, json, settings);
    }
}
