package io.cxengine.journey.query;

import io.cxengine.journey.platform.SchemaMigrations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

/** The query side on its own: the projections and the read API. */
@SpringBootApplication
public class QuerySideApplication {

    static final String OWNER = "query-side";

    /** The read models, in schema {@code read_model}. */
    @Bean
    SchemaMigrations.Migrated querySideSchema(DataSource dataSource, SchemaMigrations.MigrationSettings settings) {
        return SchemaMigrations.migrate(dataSource, OWNER, settings);
    }

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
