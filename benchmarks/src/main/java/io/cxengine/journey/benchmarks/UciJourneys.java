package io.cxengine.journey.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The public UCI "Online Retail" transactions (CC BY 4.0, Chen, Sain and Guo 2012) as customer journeys: a customer's
 * first invoice registers them; each invoice is a web touchpoint and a purchase; a cancellation invoice is a negative
 * touchpoint and a complaint; a silence of {@code lostAfter} days loses the account (indifference), and a later
 * purchase brings the customer back. Everything is back-dated to the invoice times. The project does not ship the
 * data: the tool takes the file's path.
 */
public final class UciJourneys {

    static final DateTimeFormatter INVOICE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private UciJourneys() {
    }

    /** One invoice of one customer: its lines summed. */
    public record Invoice(String number, String customer, Instant at, BigDecimal total, boolean cancellation) {
    }

    /** One request of a customer's journey, with the idempotency key that makes a re-run record nothing twice. */
    public record Step(String path, String body, String idempotencyKey) {
    }

    /** Reads the CSV and groups its lines into invoices, per customer, in time order; lines without a customer skip. */
    public static Map<String, List<Invoice>> invoices(Path csv) throws IOException {
        Map<String, Invoice> byNumber = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String> header = Csv.parse(reader.readLine());
            int number = header.indexOf("InvoiceNo");
            int quantity = header.indexOf("Quantity");
            int date = header.indexOf("InvoiceDate");
            int price = header.indexOf("UnitPrice");
            int customerColumn = header.indexOf("CustomerID");
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                List<String> row = Csv.parse(line);
                String customer = row.get(customerColumn).trim();
                if (customer.isEmpty()) {
                    continue;
                }
                customer = customer.endsWith(".0") ? customer.substring(0, customer.length() - 2) : customer;
                BigDecimal amount = new BigDecimal(row.get(quantity)).multiply(new BigDecimal(row.get(price)));
                String invoice = row.get(number);
                Instant at = LocalDateTime.parse(row.get(date), INVOICE_TIME).toInstant(ZoneOffset.UTC);
                String owner = customer;
                byNumber.merge(invoice, new Invoice(invoice, owner, at, amount, invoice.startsWith("C")),
                        (a, b) -> new Invoice(a.number(), a.customer(), a.at(), a.total().add(b.total()),
                                a.cancellation()));
            }
        }
        Map<String, List<Invoice>> byCustomer = new TreeMap<>();
        byNumber.values().forEach(invoice -> byCustomer.computeIfAbsent(invoice.customer(), c -> new ArrayList<>())
                .add(invoice));
        byCustomer.values().forEach(list -> list.sort(Comparator.comparing(Invoice::at).thenComparing(Invoice::number)));
        return byCustomer;
    }

    /**
     * The journeys as an import file (NDJSON, a temporary file the caller deletes): one line per step, customers
     * interleaved as a chronological export interleaves them, each body written compactly on its line.
     */
    public static Path ndjson(List<List<Step>> journeys, ObjectMapper json) throws IOException {
        Path file = Files.createTempFile("journey-import", ".ndjson");
        try (var out = Files.newBufferedWriter(file)) {
            int longest = journeys.stream().mapToInt(List::size).max().orElse(0);
            for (int step = 0; step < longest; step++) {
                for (List<Step> journey : journeys) {
                    if (step < journey.size()) {
                        out.write("{\"path\": " + json.writeValueAsString(journey.get(step).path()) + ", \"body\": "
                                + json.readTree(journey.get(step).body()) + "}\n");
                    }
                }
            }
        }
        return file;
    }

    /** The engine's id of a UCI customer: stable, so that a re-run addresses the same customers. */
    public static UUID customerId(String uciCustomer) {
        return UUID.nameUUIDFromBytes(("uci-online-retail:" + uciCustomer).getBytes(StandardCharsets.UTF_8));
    }

    /** The requests that tell one customer's journey, in order; {@code dataEnd} is the last time in the data. */
    public static List<Step> journey(String uciCustomer, List<Invoice> invoices, Instant dataEnd, Duration lostAfter) {
        UUID id = customerId(uciCustomer);
        String c = "/customers/" + id;
        String key = "uci-" + uciCustomer + "-";
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("/customers", """
                {"customerId": "%s", "name": "UCI customer %s", "identifiedVia": "IMPORT", "occurredAt": "%s"}"""
                .formatted(id, uciCustomer, invoices.get(0).at()), key + "registration"));
        Instant lastPurchase = null;
        for (Invoice invoice : invoices) {
            if (lastPurchase != null && !invoice.cancellation()
                    && Duration.between(lastPurchase, invoice.at()).compareTo(lostAfter) >= 0) {
                steps.add(lost(c, key, lastPurchase.plus(lostAfter)));
            }
            String number = invoice.number();
            if (invoice.cancellation()) {
                steps.add(new Step(c + "/touchpoints", """
                        {"touchpointId": "%s", "channel": "WEB_SITE", "direction": "INBOUND", "purpose": "cancelled order %s",
                         "valence": "NEGATIVE", "occurredAt": "%s"}""".formatted(uuid(key + number), number, invoice.at()),
                        key + number + "-touchpoint"));
                steps.add(new Step(c + "/complaints", """
                        {"complaintId": "%s", "category": "OTHER", "otherCategory": "order cancelled or returned",
                         "description": "cancellation %s", "severity": "LOW", "touchpointId": "%s", "occurredAt": "%s"}"""
                        .formatted(uuid(key + number + "-complaint"), number, uuid(key + number), invoice.at()),
                        key + number + "-complaint"));
                continue;
            }
            steps.add(new Step(c + "/touchpoints", """
                    {"touchpointId": "%s", "channel": "WEB_SITE", "direction": "INBOUND", "purpose": "order %s",
                     "valence": "NEUTRAL", "occurredAt": "%s"}""".formatted(uuid(key + number), number, invoice.at()),
                    key + number + "-touchpoint"));
            if (invoice.total().signum() > 0) {
                steps.add(new Step(c + "/purchases", """
                        {"orderId": "%s", "amount": {"amount": "%s", "currency": "GBP"}, "occurredAt": "%s"}"""
                        .formatted(number, invoice.total().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
                                invoice.at()), key + number + "-purchase"));
                lastPurchase = invoice.at();
            }
        }
        if (lastPurchase != null && Duration.between(lastPurchase, dataEnd).compareTo(lostAfter) >= 0) {
            steps.add(lost(c, key, lastPurchase.plus(lostAfter)));
        }
        return steps;
    }

    private static Step lost(String c, String key, Instant at) {
        return new Step(c + "/loss", """
                {"reason": "INDIFFERENCE", "detail": "no purchase for 90 days", "occurredAt": "%s"}""".formatted(at),
                key + "loss-" + at.toEpochMilli());
    }

    private static UUID uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** A small RFC 4180 reader: commas inside quotes, doubled quotes. */
    static final class Csv {
        private Csv() {
        }

        static List<String> parse(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(ch);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
