package io.cxengine.journey.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * After a replay of the UCI Online Retail file: what the engine's views say about every customer — purchases,
 * revenue, CLV, status, each loss with its date and the CLV lost — against a computation straight from the CSV's
 * lines, written here apart from the replay's own mapping so that a mistake in one does not hide in the other.
 */
public final class UciCheck {

    private static final BigDecimal INTEREST = new BigDecimal("0.10");
    private static final int PERIODS = 5;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final Function<UUID, String> pseudonymOf;

    /** {@code pseudonymOf} is the engine's pseudonym of a customer id: lost accounts name customers only by it. */
    public UciCheck(String baseUrl, Function<UUID, String> pseudonymOf) {
        this.baseUrl = baseUrl.replaceAll("/$", "");
        this.pseudonymOf = pseudonymOf;
    }

    /** What the CSV says one customer's journey must show. */
    record Expected(int purchases, BigDecimal revenue, BigDecimal lifetimeValue, boolean lost, List<Loss> losses) {

        /** Lost at the end of the data; back after an earlier loss; or never lost (old data: never at risk now). */
        String status() {
            return lost ? "LOST" : losses.isEmpty() ? "ACTIVE" : "REACTIVATED";
        }
    }

    record Loss(Instant at, BigDecimal lifetimeValueLost) {
    }

    /** The outcome: how many customers and losses were compared, and every disagreement found. */
    public record Result(int customers, int losses, List<String> disagreements) {
        public String text() {
            return "checked %,d customers and %,d lost accounts against the CSV: %s".formatted(customers, losses,
                    disagreements.isEmpty() ? "all agree" : disagreements.size() + " disagreements, first: "
                            + disagreements.subList(0, Math.min(5, disagreements.size())));
        }
    }

    /** Checks the first {@code customers} customers of the file (in customer-number order, as the replay sends them). */
    public Result check(Path csv, Duration lostAfter, long minPosition, int customers) throws Exception {
        Map<String, Expected> expected = new TreeMap<>();
        expected(csv, lostAfter).entrySet().stream().limit(customers)
                .forEach(entry -> expected.put(entry.getKey(), entry.getValue()));
        Map<String, List<JsonNode>> lostAccounts = lostAccounts(minPosition);
        List<String> disagreements = new ArrayList<>();
        int losses = 0;
        for (Map.Entry<String, Expected> entry : expected.entrySet()) {
            String uci = entry.getKey();
            Expected want = entry.getValue();
            UUID customer = UciJourneys.customerId(uci);
            String id = customer.toString();
            JsonNode profile = get("/customers/" + id + "/profile?minPosition=" + minPosition);
            compare(disagreements, uci, "purchases", want.purchases(), profile.at("/value/purchases").asInt());
            compare(disagreements, uci, "revenue", want.revenue(), profile.at("/value/revenue").decimalValue());
            compare(disagreements, uci, "lifetimeValue", want.lifetimeValue(),
                    profile.at("/value/lifetimeValue").decimalValue());
            compare(disagreements, uci, "status", want.status(), profile.get("status").asText());
            List<JsonNode> found = lostAccounts.getOrDefault(pseudonymOf.apply(customer), List.of()).stream()
                    .sorted((a, b) -> a.get("lostAt").asText().compareTo(b.get("lostAt").asText())).toList();
            compare(disagreements, uci, "losses", want.losses().size(), found.size());
            for (int i = 0; i < Math.min(found.size(), want.losses().size()); i++) {
                Loss loss = want.losses().get(i);
                compare(disagreements, uci, "lostAt", loss.at(), Instant.parse(found.get(i).get("lostAt").asText()));
                compare(disagreements, uci, "lifetimeValueLost", loss.lifetimeValueLost(),
                        found.get(i).get("lifetimeValueLost").decimalValue());
            }
            losses += found.size();
        }
        return new Result(expected.size(), losses, disagreements);
    }

    /** From the CSV lines: invoices per customer (cancellations left out), then purchases, losses and values. */
    static Map<String, Expected> expected(Path csv, Duration lostAfter) throws IOException {
        record Line(String invoice, Instant at, BigDecimal amount) {
        }
        Map<String, List<Line>> lines = new TreeMap<>();
        Instant dataEnd = Instant.MIN;
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String> header = UciJourneys.Csv.parse(reader.readLine());
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                List<String> row = UciJourneys.Csv.parse(text);
                Instant at = LocalDateTime.parse(row.get(header.indexOf("InvoiceDate")), UciJourneys.INVOICE_TIME)
                        .toInstant(ZoneOffset.UTC);
                String customer = row.get(header.indexOf("CustomerID")).replace(".0", "").trim();
                String invoice = row.get(header.indexOf("InvoiceNo"));
                if (customer.isEmpty()) {
                    continue;
                }
                dataEnd = at.isAfter(dataEnd) ? at : dataEnd;
                lines.computeIfAbsent(customer, c -> new ArrayList<>()).add(new Line(invoice, at,
                        new BigDecimal(row.get(header.indexOf("Quantity")))
                                .multiply(new BigDecimal(row.get(header.indexOf("UnitPrice"))))));
            }
        }
        Map<String, Expected> expected = new TreeMap<>();
        for (Map.Entry<String, List<Line>> customer : lines.entrySet()) {
            Map<String, BigDecimal> totals = new HashMap<>();
            Map<String, Instant> times = new HashMap<>();
            for (Line line : customer.getValue()) {
                if (!line.invoice().startsWith("C")) {
                    totals.merge(line.invoice(), line.amount(), BigDecimal::add);
                    times.putIfAbsent(line.invoice(), line.at());
                }
            }
            List<String> orders = totals.keySet().stream().filter(invoice -> totals.get(invoice).signum() > 0)
                    .sorted((a, b) -> times.get(a).equals(times.get(b)) ? a.compareTo(b)
                            : times.get(a).compareTo(times.get(b)))
                    .toList();
            BigDecimal revenue = BigDecimal.ZERO;
            Instant first = null;
            Instant last = null;
            List<Loss> losses = new ArrayList<>();
            for (String order : orders) {
                Instant at = times.get(order);
                if (last != null && !Duration.between(last, at).minus(lostAfter).isNegative()) {
                    losses.add(new Loss(last.plus(lostAfter), clv(revenue, first, last)));
                }
                revenue = revenue.add(totals.get(order).setScale(2, RoundingMode.HALF_UP));
                first = first == null ? at : first;
                last = at;
            }
            boolean lost = last != null && !Duration.between(last, dataEnd).minus(lostAfter).isNegative();
            if (lost) {
                losses.add(new Loss(last.plus(lostAfter), clv(revenue, first, last)));
            }
            expected.put(customer.getKey(), new Expected(orders.size(), revenue.setScale(2),
                    clv(revenue, first, last), lost, losses));
        }
        return expected;
    }

    /** DOMAIN §5: the annual revenue over the years from first to last purchase (at least one), over 5 years at 10%. */
    static BigDecimal clv(BigDecimal revenue, Instant first, Instant last) {
        if (first == null) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal years = BigDecimal.valueOf(Duration.between(first, last).toDays())
                .divide(new BigDecimal("365.25"), MathContext.DECIMAL64).max(BigDecimal.ONE);
        BigDecimal annual = revenue.divide(years, 2, RoundingMode.HALF_UP);
        BigDecimal value = BigDecimal.ZERO;
        for (int t = 1; t <= PERIODS; t++) {
            value = value.add(annual.divide(BigDecimal.ONE.add(INTEREST).pow(t), MathContext.DECIMAL64));
        }
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private Map<String, List<JsonNode>> lostAccounts(long minPosition) throws Exception {
        Map<String, List<JsonNode>> byCustomer = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = get("/lost-accounts?limit=500&minPosition=" + minPosition
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.get("lostAccounts").forEach(lost -> byCustomer
                    .computeIfAbsent(lost.get("pseudonym").asText(), c -> new ArrayList<>()).add(lost));
            cursor = page.hasNonNull("next") ? page.get("next").asText() : null;
        } while (cursor != null);
        return byCustomer;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Authorization", Bearer.header()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json.readTree(response.body());
    }

    private static void compare(List<String> disagreements, String customer, String what, Object want, Object got) {
        boolean same = want instanceof BigDecimal a && got instanceof BigDecimal b ? a.compareTo(b) == 0
                : want.equals(got);
        if (!same) {
            disagreements.add("customer %s %s: CSV %s, engine %s".formatted(customer, what, want, got));
        }
    }
}
