package io.cxengine.journey.query.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The Kafka topic journey events go out on ({@code journey.events-out.kafka.*}); the brokers and their security are
 * Spring Boot's {@code spring.kafka.*}.
 *
 * @param enabled      whether the engine publishes (off by default: the embedded engine needs no broker)
 * @param topic        the one topic every journey event goes to, keyed by customer
 * @param partitions   partitions of the topic when the engine creates it (an existing topic is left as it is)
 * @param replicas     replicas of the topic when the engine creates it
 * @param personalData what the topic's readers may see of a customer
 * @param sendTimeout  how long a batch waits for the brokers to acknowledge it before it is tried again; less than
 *                     the token claim timeout, so that no other node takes the segment over while a batch waits
 */
@ConfigurationProperties("journey.events-out.kafka")
public record KafkaSettings(@DefaultValue("false") boolean enabled,
                            @DefaultValue("journey.events") String topic,
                            @DefaultValue("12") int partitions,
                            @DefaultValue("1") short replicas,
                            @DefaultValue("PSEUDONYMISED") PersonalDataOut personalData,
                            @DefaultValue("8s") Duration sendTimeout) {
}
