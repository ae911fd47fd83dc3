package io.cxengine.journey.platform.personaldata;

import io.cxengine.journey.platform.keys.DataKeyWrapping;
import io.cxengine.journey.platform.schema.SchemaMigrations;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/** The customers' data keys, on which the journal's serializers seal and open personal fields. */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class})
public class PersonalDataAutoConfiguration {

    /**
     * The customers' keys, wrapped by the key-encryption key. Once the event store is migrated and before any event is
     * read or written, every key still stored in clear (or wrapped by the key-encryption key being rotated out) is
     * wrapped with the current one.
     */
    @Bean
    PersonalDataKeys personalDataKeys(JdbcClient jdbc, DataKeyWrapping wrapping, Clock clock,
                                      @Qualifier("eventStoreSchema") SchemaMigrations.Migrated eventStoreSchema) {
        JdbcPersonalDataKeys keys = new JdbcPersonalDataKeys(jdbc, wrapping, clock);
        keys.wrapStoredKeys();
        return keys;
    }
}
