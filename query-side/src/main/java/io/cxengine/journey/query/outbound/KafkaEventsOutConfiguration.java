package io.cxengine.journey.query.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.springboot.TokenStoreProperties;
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
 * idempotent, retried, every wait bounded by the send timeout), and the topic, created at start-up if missing, with
 * {@code min.insync.replicas} 2 where it has three replicas or more.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
@ConditionalOnProperty(prefix = "journey.events-out.kafka", name = "enabled", havingValue = "true")
class KafkaEventsOutConfiguration {

    /** A bean, so that the context closes its producer (flushing what it holds) when the engine stops. */
    @Bean
    DefaultKafkaProducerFactory<String, String> journeyEventsProducerFactory(KafkaProperties properties,
                                                                            KafkaSettings settings,
                                                                            TokenStoreProperties tokenStore) {
        if (settings.sendTimeout().compareTo(tokenStore.getClaimTimeout()) >= 0) {
            throw new IllegalStateException("journey.events-out.kafka.send-timeout (" + settings.sendTimeout()
                    + ") must be shorter than the token claim timeout (" + tokenStore.getClaimTimeout() + "): else "
                    + "another node takes a segment over while its batch still waits for Kafka, and both send it");
        }
        long timeout = settings.sendTimeout().toMillis();
        Map<String, Object> producer = properties.buildProducerProperties(null);
        // Every wait of the producer within the send timeout: a send blocked on metadata, a request, a retry.
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout / 2);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeout / 2));
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new DefaultKafkaProducerFactory<>(producer);
    }

    @Bean
    KafkaTemplate<String, String> journeyEventsProducer(DefaultKafkaProducerFactory<String, String> factory) {
        return new KafkaTemplate<>(factory);
    }

    /** Acknowledged by every in-sync replica is durable only if two must be in sync wherever there are more. */
    @Bean
    NewTopic journeyEventsTopic(KafkaSettings settings) {
        int inSync = Math.max(1, Math.min(2, settings.replicas() - 1));
        return new NewTopic(settings.topic(), settings.partitions(), settings.replicas())
                .configs(Map.of("min.insync.replicas", String.valueOf(inSync)));
    }

    @Bean
    KafkaEventsOut kafkaEventsOut(KafkaTemplate<String, String> journeyEventsProducer, JourneyEventEnvelope envelopes,
                                  ObjectMapper json, KafkaSettings settings) {
        return new KafkaEventsOut(journeyEventsProducer, envelopes, json, settings);
    }
}
