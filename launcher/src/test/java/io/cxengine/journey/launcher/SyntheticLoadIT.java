package io.cxengine.journey.launcher;

import io.cxengine.journey.benchmarks.LoadTool;
import io.cxengine.journey.benchmarks.RestLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load tool's synthetic mode sends every kind of command the generator makes over the REST API, as API.md
 * shapes them: nothing but recorded facts and the journey's own refusals, and a second run of the same seed records
 * nothing twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SyntheticLoadIT extends EngineIntegration {

    /** The load tool sends this token (see Bearer in benchmarks): one of the test contexts' key pair. */
    @BeforeAll
    static void loadToolToken() {
        System.setProperty("journey.token", Api.token("load-tool", "journey-load-tool", Api.EVERY_SCOPE));
    }



    @Test
    @DisplayName("synthetic journeys over REST: no errors, every kind of fact recorded, and a re-run records nothing")
    void syntheticJourneys() throws Exception {
        String base = "http://localhost:" + port;
        long before = eventCount();

        RestLoader.Summary first = LoadTool.synthetic(base, 4, 20261123, 12, 40);

        assertThat(first.errors()).as(first.text()).isZero();
        assertThat(first.requests()).isEqualTo(12 * 40);
        assertThat(first.statuses()).containsKeys(200, 201);
        long recorded = eventCount() - before;
        assertThat(recorded).as("most of the 480 commands record a fact").isGreaterThan(300);
        assertThat(jdbc.sql("""
                        SELECT count(DISTINCT payload_type) FROM domain_event_entry
                         WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' = 'load-tool'""")
                .query(Long.class).single())
                .as("registrations, attributes, consents, touchpoints, the complaint lifecycle, apologies, follow-ups, "
                        + "surveys, purchases, losses, win-backs, reactivations")
                .isGreaterThanOrEqualTo(15);

        RestLoader.Summary again = LoadTool.synthetic(base, 4, 20261123, 12, 40);
        assertThat(again.errors()).as(again.text()).isZero();
        long twoHundreds = first.statuses().getOrDefault(200, 0L) + first.statuses().getOrDefault(201, 0L);
        assertThat(again.statuses().getOrDefault(200, 0L) + again.statuses().getOrDefault(201, 0L))
                .as("every recorded command answers again (a refusal is not remembered: it may pass now)")
                .isGreaterThanOrEqualTo(twoHundreds);
        for (String[] fact : new String[][]{{"CustomerRegistered", "customerId"}, {"TouchpointRecorded", "touchpointId"},
                {"ComplaintFiled", "complaintId"}, {"FollowUpScheduled", "followUpId"}, {"PurchaseRecorded", "orderId"}}) {
            assertThat(jdbc.sql("""
                            SELECT count(*) - count(DISTINCT aggregate_identifier || '/'
                                                    || (convert_from(payload, 'UTF8')::jsonb ->> :id))
                              FROM domain_event_entry WHERE payload_type LIKE :type""")
                    .param("id", fact[1]).param("type", "%$" + fact[0]).query(Long.class).single())
                    .as("no %s recorded twice", fact[0]).isZero();
        }
    }

    /** The facts the REST clients recorded (not those the service-standard deadlines record in between). */
    private long eventCount() {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'principal' = 'load-tool'""")
                .query(Long.class).single();
    }
}
