package io.cxengine.journey.launcher;

import io.cxengine.journey.command.CommandSideApplication;
import io.cxengine.journey.platform.security.TokenCommand;
import io.cxengine.journey.query.QuerySideApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.event.EventListener;

/**
 * The journey engine as one process: both sides, each with its own configuration, sharing one PostgreSQL (embedded
 * unless {@code SPRING_DATASOURCE_URL} names another) and serving the whole API on one port.
 */
@SpringBootApplication
@Import({CommandSideApplication.class, QuerySideApplication.class})
public class JourneyEngineApplication {

    private static final Logger log = LoggerFactory.getLogger(JourneyEngineApplication.class);

    /** Runs the engine; {@code token --scopes=…} instead prints a token of its local key pair and exits. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(JourneyEngineApplication.class, args);
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        log.info("Journey engine ready: the whole API on http://localhost:{} (OpenAPI at /v3/api-docs, Swagger UI at "
                + "/swagger-ui.html), the console at http://localhost:{}/console", port, port);
    }
}
