package io.cxengine.journey.query.http;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Reads of the views from a streaming replica, where one is configured ({@code journey.read.replica.url}): the
 * engine's data source becomes a {@link ReplicaRouting} over the primary and a read-only pool of the replica.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplicaSettings.class)
class ReplicaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReplicaConfiguration.class);

    @Bean
    static BeanPostProcessor replicaRouting(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!"dataSource".equals(name) || !(bean instanceof DataSource primary)
                        || bean instanceof ReplicaRouting) {
                    return bean;
                }
                ReplicaSettings settings = Binder.get(environment).bind("journey.read.replica", ReplicaSettings.class)
                        .orElse(null);
                if (settings == null || !settings.configured()) {
                    return bean;
                }
                log.info("Views are read from the replica at {} (read-your-writes: up to {} for it, else the primary)",
                        settings.url().replaceAll("\\?.*", "?…"), settings.maxWait());
                return new ReplicaRouting(primary, replica(settings, primary));
            }
        };
    }

    /** A read-only pool of the replica, logging in and opening connections as the primary's pool does unless told otherwise. */
    private static HikariDataSource replica(ReplicaSettings settings, DataSource primary) {
        HikariDataSource replica = new HikariDataSource();
        replica.setPoolName("journey-replica");
        replica.setJdbcUrl(settings.url());
        replica.setReadOnly(true);
        replica.setMaximumPoolSize(settings.poolSize());
        replica.setMinimumIdle(0);
        replica.setConnectionTimeout(500); // Hikari's least; a replica that is down is then passed over (ViewReads)
        replica.setInitializationFailTimeout(-1); // a replica still starting must not stop the engine
        HikariDataSource own = own(primary);
        replica.setUsername(settings.username() != null ? settings.username() : own == null ? null : own.getUsername());
        replica.setPassword(settings.password() != null ? settings.password() : own == null ? null : own.getPassword());
        if (own != null) {
            // The same schemas on the search path (journey.…: currentSchema), and whatever else the primary's
            // connections are opened with.
            Properties properties = new Properties();
            properties.putAll(own.getDataSourceProperties());
            replica.setDataSourceProperties(properties);
            replica.setSchema(own.getSchema());
            replica.setConnectionInitSql(own.getConnectionInitSql());
        }
        return replica;
    }

    private static HikariDataSource own(DataSource primary) {
        try {
            return primary.isWrapperFor(HikariDataSource.class) ? primary.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
