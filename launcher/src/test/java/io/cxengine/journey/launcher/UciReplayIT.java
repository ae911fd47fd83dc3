package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengine.journey.benchmarks.LoadTool;
import io.cxengine.journey.benchmarks.RestLoader;
import io.cxengine.journey.benchmarks.UciCheck;
import io.cxengine.journey.benchmarks.UciJourneys;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load tool replays a slice of the UCI Online Retail format (written here, not shipped) over the REST API with
 * zero errors; the lost-account view and the CLV figures then agree with a computation straight from the CSV, and a
 * second replay records nothing twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UciReplayIT extends EngineIntegration {

    /** The load tool sends this token (see Bearer in benchmarks): one of the test contexts' key pair. */
    @org.junit.jupiter.api.BeforeAll
    static void loadToolToken() {
        System.setProperty("journey.token", Api.token("load-tool", "journey-load-tool", Api.EVERY_SCOPE));
    }


    static final String CSV = """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            971000,85123A,"SET OF 3, TEA TOWELS",2,2011-01-01 10:00:00,10.00,90001.0,United Kingdom
            971000,71053,WHITE METAL LANTERN,1,2011-01-01 10:00:00,5.50,90001.0,United Kingdom
            971001,84406B,CREAM CUPID HEARTS COAT HANGER,3,2011-02-01 10:00:00,2.00,90001.0,United Kingdom
            971002,22752,SET 7 BABUSHKA NESTING BOXES,1,2011-07-01 10:00:00,100.00,90001.0,United Kingdom
            C971003,22752,SET 7 BABUSHKA NESTING BOXES,-1,2011-07-05 10:00:00,100.00,90001.0,United Kingdom
            971004,21730,GLASS STAR FROSTED T-LIGHT HOLDER,4,2011-03-03 09:00:00,4.25,,United Kingdom
            972000,22632,HAND WARMER RED POLKA DOT,5,2011-11-01 12:00:00,4.00,90002.0,France
            972001,22633,HAND WARMER UNION JACK,1,2011-12-09 12:00:00,1.00,90002.0,France
            """;

    @Autowired
    Pseudonyms pseudonyms;
    @TempDir
    Path directory;

    @Test
    @DisplayName("the replay has no errors; lost accounts and CLV agree with the CSV; a second replay records nothing")
    void replay() throws Exception {
        Path file = directory.resolve("online-retail-slice.csv");
        Files.writeString(file, CSV);
        String base = "http://localhost:" + port;

        RestLoader.Summary first = LoadTool.replay(file, base, 4, Integer.MAX_VALUE, Duration.ofDays(90));
        assertThat(first.errors()).as(first.text()).isZero();
        long events = eventCount();
        RestLoader.Summary again = LoadTool.replay(file, base, 4, Integer.MAX_VALUE, Duration.ofDays(90));
        assertThat(again.errors()).as(again.text()).isZero();
        assertThat(eventCount()).as("a second replay records nothing twice").isEqualTo(events);

        Api api = new Api(port);
        long head = StoredEvents.head(jdbc);
        String first90001 = "/customers/" + UciJourneys.customerId("90001");
        JsonNode profile = api.get(first90001 + "/profile?minPosition=" + head).json();
        assertThat(profile.at("/value/purchases").asInt()).isEqualTo(3);
        assertThat(profile.at("/value/revenue").decimalValue()).isEqualByComparingTo(csvRevenue("90001"));
        assertThat(profile.at("/value/lifetimeValue").decimalValue()).isEqualByComparingTo(clv(csvRevenue("90001")));
        assertThat(profile.get("status").asText()).isEqualTo("LOST");
        assertThat(profile.get("openComplaints").asInt()).as("the cancellation").isEqualTo(1);

        List<JsonNode> losses = new ArrayList<>();
        api.get("/lost-accounts?limit=500&minPosition=" + head).json().get("lostAccounts").forEach(lost -> {
            if (lost.get("pseudonym").asText().equals(pseudonyms.of(UciJourneys.customerId("90001")).value())) {
                losses.add(lost);
            }
        });
        assertThat(losses).hasSize(2);
        JsonNode latest = losses.get(0);
        assertThat(latest.get("lostAt").asText()).isEqualTo("2011-09-29T10:00:00Z");
        assertThat(latest.get("reason").asText()).isEqualTo("INDIFFERENCE");
        assertThat(latest.get("lifetimeValueLost").decimalValue()).isEqualByComparingTo(clv(csvRevenue("90001")));
        JsonNode earlier = losses.get(1);
        assertThat(earlier.get("lostAt").asText()).isEqualTo("2011-05-02T10:00:00Z");
        assertThat(earlier.get("reactivatedAt").asText()).isEqualTo("2011-07-01T10:00:00Z");
        assertThat(earlier.get("lifetimeValueLost").decimalValue())
                .isEqualByComparingTo(clv(new BigDecimal("25.50").add(new BigDecimal("6.00"))));

        JsonNode active = api.get("/customers/" + UciJourneys.customerId("90002") + "/profile").json();
        assertThat(active.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.at("/value/revenue").decimalValue()).isEqualByComparingTo(csvRevenue("90002"));

        UciCheck.Result check = new UciCheck(base, id -> pseudonyms.of(id).value()).check(file, Duration.ofDays(90), head, Integer.MAX_VALUE);
        assertThat(check.disagreements()).as(check.text()).isEmpty();
        assertThat(check.customers()).isEqualTo(2);
        assertThat(check.losses()).isEqualTo(2);
    }

    @Test
    @DisplayName("the whole-file check names a customer whose views disagree with the CSV")
    void checkFindsDisagreements() throws Exception {
        Path file = directory.resolve("online-retail-slice.csv");
        Files.writeString(file, CSV);
        String base = "http://localhost:" + port;
        assertThat(LoadTool.replay(file, base, 4, Integer.MAX_VALUE, Duration.ofDays(90)).errors()).isZero();
        Path more = directory.resolve("online-retail-slice-with-one-more-order.csv");
        Files.writeString(more, CSV + "972002,22633,HAND WARMER UNION JACK,2,2011-12-09 12:30:00,1.00,90002.0,France\n");
        long head = StoredEvents.head(jdbc);

        UciCheck.Result check = new UciCheck(base, id -> pseudonyms.of(id).value()).check(more, Duration.ofDays(90), head, Integer.MAX_VALUE);

        assertThat(check.disagreements()).anySatisfy(disagreement ->
                assertThat(disagreement).contains("customer 90002 purchases: CSV 3, engine 2"));
    }

    /** The customer's revenue as the CSV says: Σ quantity × unit price over their invoices that are not cancellations. */
    private static BigDecimal csvRevenue(String customer) {
        BigDecimal revenue = BigDecimal.ZERO;
        for (String line : CSV.strip().split("\n")) {
            if (line.startsWith("InvoiceNo") || line.startsWith("C") || !line.contains("," + customer + ".0,")) {
                continue;
            }
            String[] fields = line.replaceAll("\"[^\"]*\"", "x").split(",");
            revenue = revenue.add(new BigDecimal(fields[3]).multiply(new BigDecimal(fields[5])));
        }
        return revenue;
    }

    /** DOMAIN §5 with I = 10% and N = 5 years, the customer's purchases spanning less than a year. */
    private static BigDecimal clv(BigDecimal annualRevenue) {
        BigDecimal value = BigDecimal.ZERO;
        for (int t = 1; t <= 5; t++) {
            value = value.add(annualRevenue.divide(new BigDecimal("1.1").pow(t), MathContext.DECIMAL64));
        }
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private long eventCount() {
        return StoredEvents.total(jdbc);
    }
}
