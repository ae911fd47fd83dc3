package io.cxengine.journey.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.cli.ImportClient;
import io.cxengine.journey.command.CommandSideApplication;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.query.QuerySideApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The at-risk signal evaluated honestly on the UCI Online Retail replay: an engine of its own (embedded, throwaway)
 * imports the whole file, in the order things happened, as {@code UciJourneys} tells it (a cancellation is a negative contact and a complaint nobody
 * acknowledges; 90 days without an order is a loss), lets every service clock that ran out fire, then reads the
 * recorded facts back and, split in time, asks of the customers active at each split: of those the signal had at risk,
 * how many were lost within the horizon (precision); of those lost, how many it had at risk (recall); and how long
 * before the loss its turn began (lead time). The same for the naive baseline, "no order for so many days".
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT-exec.jar -Dloader.main=io.cxengine.journey.benchmarks.RiskEvaluation \
 *      org.springframework.boot.loader.launch.PropertiesLauncher \
 *      --uci=../shared/datasets/online-retail-uci/online_retail_2010-12-01_2011-12-09.csv
 * </pre>
 */
public final class RiskEvaluation {

    /** The splits: the first of each month from June to September 2011, each looking 90 days ahead. */
    static final List<Instant> SPLITS = List.of(Instant.parse("2011-06-01T00:00:00Z"),
            Instant.parse("2011-07-01T00:00:00Z"), Instant.parse("2011-08-01T00:00:00Z"),
            Instant.parse("2011-09-01T00:00:00Z"));
    static final Duration HORIZON = Duration.ofDays(90);
    /** The baselines: no order for 30 days, or for 60. */
    static final List<Duration> SILENCES = List.of(Duration.ofDays(30), Duration.ofDays(60));

    private RiskEvaluation() {
    }

    /** One recorded fact that matters here. */
    public record Fact(String customer, Kind kind, Instant at) {
    }

    public enum Kind { REGISTERED, PURCHASE, AT_RISK, NO_LONGER_AT_RISK, LOST, REACTIVATED }

    /**
     * How a predictor fared at one split: the customers active then, those it flagged, those lost within the horizon,
     * those both, and the median days from its flag to the loss over the losses it flagged.
     */
    public record Score(String predictor, Instant split, int active, int flagged, int lost, int flaggedAndLost,
                        Double medianLeadDays) {

        public Double precision() {
            return flagged == 0 ? null : (double) flaggedAndLost / flagged;
        }

        public Double recall() {
            return lost == 0 ? null : (double) flaggedAndLost / lost;
        }
    }

    /** The signal's and the baselines' scores at one split, from the facts of every customer. */
    public static List<Score> evaluate(List<Fact> facts, Instant split, Duration horizon, List<Duration> silences) {
        Map<String, List<Fact>> byCustomer = new HashMap<>();
        facts.forEach(fact -> byCustomer.computeIfAbsent(fact.customer(), c -> new ArrayList<>()).add(fact));
        int active = 0;
        int lost = 0;
        int[] flagged = new int[1 + silences.size()];
        int[] hits = new int[1 + silences.size()];
        List<List<Double>> leads = new ArrayList<>();
        for (int i = 0; i <= silences.size(); i++) {
            leads.add(new ArrayList<>());
        }
        for (List<Fact> history : byCustomer.values()) {
            history.sort(Comparator.comparing(Fact::at).thenComparing(Fact::kind));
            boolean registered = false;
            boolean gone = false;
            Instant riskSince = null;
            Instant lastPurchase = null;
            for (Fact fact : history) {
                if (fact.at().isAfter(split)) {
                    break;
                }
                switch (fact.kind()) {
                    case REGISTERED -> registered = true;
                    case PURCHASE -> lastPurchase = fact.at();
                    case AT_RISK -> riskSince = riskSince == null ? fact.at() : riskSince;
                    case NO_LONGER_AT_RISK -> riskSince = null;
                    case LOST -> {
                        gone = true;
                        riskSince = null;
                    }
                    case REACTIVATED -> gone = false;
                }
            }
            if (!registered || gone) {
                continue;
            }
            active++;
            Instant lostAt = history.stream().filter(f -> f.kind() == Kind.LOST && f.at().isAfter(split)
                    && !f.at().isAfter(split.plus(horizon))).map(Fact::at).findFirst().orElse(null);
            if (lostAt != null) {
                lost++;
            }
            List<Instant> flags = new ArrayList<>();
            flags.add(riskSince);
            for (Duration silence : silences) {
                flags.add(lastPurchase != null && !lastPurchase.plus(silence).isAfter(split)
                        ? lastPurchase.plus(silence) : null);
            }
            for (int i = 0; i < flags.size(); i++) {
                if (flags.get(i) != null) {
                    flagged[i]++;
                    if (lostAt != null) {
                        hits[i]++;
                        leads.get(i).add(Duration.between(flags.get(i), lostAt).toMinutes() / (60.0 * 24));
                    }
                }
            }
        }
        List<Score> scores = new ArrayList<>();
        for (int i = 0; i <= silences.size(); i++) {
            String predictor = i == 0 ? "at-risk signal" : "no order for %d days".formatted(silences.get(i - 1).toDays());
            scores.add(new Score(predictor, split, active, flagged[i], lost, hits[i], median(leads.get(i))));
        }
        return scores;
    }

    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The facts that matter, read back from the event store: the kind by the event's type, the time it happened. */
    static List<Fact> facts(Connection store) throws SQLException {
        Map<String, Kind> kinds = Map.of("CustomerRegistered", Kind.REGISTERED, "PurchaseRecorded", Kind.PURCHASE,
                "CustomerAtRisk", Kind.AT_RISK, "CustomerNoLongerAtRisk", Kind.NO_LONGER_AT_RISK,
                "AccountLost", Kind.LOST, "AccountReactivated", Kind.REACTIVATED);
        List<Fact> facts = new ArrayList<>();
        try (Statement read = store.createStatement()) {
            read.setFetchSize(10_000);
            try (ResultSet rows = read.executeQuery("""
                    SELECT aggregate_identifier, substr(payload_type, strpos(payload_type, '$') + 1) AS kind,
                           convert_from(payload, 'UTF8')::jsonb ->> 'occurredAt' AS at
                      FROM domain_event_entry
                     WHERE payload_type LIKE '%$CustomerRegistered' OR payload_type LIKE '%$PurchaseRecorded'
                        OR payload_type LIKE '%AtRisk' OR payload_type LIKE '%$AccountLost'
                        OR payload_type LIKE '%$AccountReactivated'""")) {
                while (rows.next()) {
                    facts.add(new Fact(rows.getString(1), kinds.get(rows.getString(2)), Instant.parse(rows.getString(3))));
                }
            }
        }
        return facts;
    }

    public static void main(String[] args) throws Exception {
        Path uci = Path.of(LoadTool.option(args, "uci", null));
        List<String> settings = List.of("--server.port=0", "--journey.embedded-postgres.ephemeral=true",
                "--logging.level.root=warn", "--spring.main.banner-mode=off",
                // History is imported after the fact: its clocks that ran out fire at once, as they would have then.
                "--journey.service-standards.late-recording-grace=1s",
                "--journey.policies.recovery-follow-up.enabled=false",
                "--journey.policies.lost-account-survey.enabled=false");
        try (ConfigurableApplicationContext engine = new SpringApplicationBuilder(CommandSideApplication.class,
                QuerySideApplication.class).run(settings.toArray(String[]::new))) {
            String url = "http://localhost:" + ((WebServerApplicationContext) engine).getWebServer().getPort();
            String jdbcUrl = engine.getBean(EmbeddedPostgresServer.class).jdbcUrl() + "?user=postgres";
            Map<String, List<UciJourneys.Invoice>> invoices = UciJourneys.invoices(uci);
            Instant dataEnd = invoices.values().stream().flatMap(List::stream).map(UciJourneys.Invoice::at)
                    .max(Comparator.naturalOrder()).orElseThrow();
            // Every step of every customer in the order it happened: the engine's clocks fire a second after what
            // started them is recorded, a few days of the replay's time, so that a breach (and the turn it causes)
            // falls among the facts of its own days, as it would have live, not after the customer's whole history.
            ObjectMapper json = new ObjectMapper();
            List<UciJourneys.Step> steps = new ArrayList<>();
            invoices.forEach((customer, bought) -> steps.addAll(
                    UciJourneys.journey(customer, bought, dataEnd, LoadTool.LOST_AFTER)));
            List<UciJourneys.Step> chronological = new ArrayList<>(steps);
            chronological.sort(Comparator.comparing(step -> occurredAt(json, step)));
            Path file = UciJourneys.ndjson(List.of(chronological), json);
            try {
                ImportClient.Result imported = new ImportClient(URI.create(url), Bearer.token(), Duration.ofSeconds(1),
                        System.out).send(file, UUID.randomUUID(), 1, 3);
                if (!imported.finished()) {
                    throw new IllegalStateException("The import did not finish: " + imported.text());
                }
            } finally {
                Files.deleteIfExists(file);
            }
            try (Connection store = DriverManager.getConnection(jdbcUrl)) {
                awaitClocksFired(store);
                List<Fact> facts = facts(store);
                System.out.println(report(facts, dataEnd));
            }
        }
    }

    private static Instant occurredAt(ObjectMapper json, UciJourneys.Step step) {
        try {
            return Instant.parse(json.readTree(step.body()).get("occurredAt").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until no service clock that has run out is left to fire. */
    private static void awaitClocksFired(Connection store) throws Exception {
        Instant deadline = Instant.now().plus(30, ChronoUnit.MINUTES);
        while (Instant.now().isBefore(deadline)) {
            try (Statement count = store.createStatement();
                 ResultSet left = count.executeQuery("SELECT count(*) FROM service_clock WHERE fire_at <= now()")) {
                left.next();
                if (left.getLong(1) == 0) {
                    return;
                }
                System.out.printf("%,d clocks still to fire%n", left.getLong(1));
            }
            Thread.sleep(5_000);
        }
        throw new IllegalStateException("Clocks still due after 30 minutes");
    }

    static String report(List<Fact> facts, Instant dataEnd) {
        StringBuilder out = new StringBuilder("""
                | split | predictor | active | flagged | lost within 90 days | flagged and lost | precision | recall | median lead (days) |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- |
                """);
        for (Instant split : SPLITS) {
            if (split.plus(HORIZON).isAfter(dataEnd)) {
                continue;
            }
            for (Score score : evaluate(facts, split, HORIZON, SILENCES)) {
                out.append("| %s | %s | %,d | %,d | %,d | %,d | %s | %s | %s |%n".formatted(split.toString().substring(0, 10),
                        score.predictor(), score.active(), score.flagged(), score.lost(), score.flaggedAndLost(),
                        share(score.precision()), share(score.recall()),
                        score.medianLeadDays() == null ? "–" : "%.0f".formatted(score.medianLeadDays())));
            }
        }
        return out.toString();
    }

    private static String share(Double value) {
        return value == null ? "–" : "%.2f".formatted(value);
    }
}
