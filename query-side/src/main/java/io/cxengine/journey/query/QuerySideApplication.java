package io.cxengine.journey.query;

import io.cxengine.journey.platform.schema.SchemaMigrations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The query side on its own: the projections and the read API. */
@SpringBootApplication
public class QuerySideApplication {

    static final String OWNER = "query-side";

    /** The read models, in schema {@code read_model}. */
    @Bean
    SchemaMigrations.Migrated querySideSchema(SchemaMigrations.MigrationLogin login,
                                               SchemaMigrations.MigrationSettings settings) {
        return SchemaMigrations.migrate(login, OWNER, settings);
    }

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
