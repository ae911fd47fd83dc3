package io.cxengine.journey.platform.embedded;

import io.cxengine.journey.platform.schema.SchemaMigrations;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/**
 * The default database: with no {@code spring.datasource.url} set, the engine runs on an embedded PostgreSQL whose
 * data lives under the working directory. Setting {@code SPRING_DATASOURCE_URL} points it at an external one.
 * <p>
 * The migrations run as the server's superuser; the engine's pool connects as the {@code journey_app} login.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnProperty(name = "spring.datasource.url", havingValue = "embedded", matchIfMissing = true)
@EnableConfigurationProperties({EmbeddedPostgresSettings.class, DataSourceProperties.class})
public class EmbeddedPostgresAutoConfiguration {

    @Bean
    EmbeddedPostgresServer embeddedPostgresServer(EmbeddedPostgresSettings settings) {
        return EmbeddedPostgresServer.start(settings);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("journey-embedded");
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(EmbeddedPostgresServer.ENGINE_LOGIN);
        return dataSource;
    }

    @Bean
    SchemaMigrations.MigrationLogin migrationLogin(EmbeddedPostgresServer server) {
        return new SchemaMigrations.MigrationLogin(server.jdbcUrl(), EmbeddedPostgresServer.SUPERUSER, null);
    }
}
