package io.cxengine.journey.command;

import io.cxengine.journey.platform.schema.SchemaMigrations;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The command side on its own: the write API, the Customer aggregate and its deadlines. */
@SpringBootApplication
public class CommandSideApplication {

    static final String OWNER = "command-side";

    /** The tables the command side owns (db-scheduler's deadlines, idempotency records). */
    @Bean
    SchemaMigrations.Migrated commandSideSchema(SchemaMigrations.MigrationLogin login,
                                                 SchemaMigrations.MigrationSettings settings) {
        return SchemaMigrations.migrate(login, OWNER, settings);
    }

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
