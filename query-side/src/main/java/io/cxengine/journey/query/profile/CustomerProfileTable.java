package io.cxengine.journey.query.profile;

import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent.AttributeRecorded;
import io.cxengine.journey.customer.CustomerEvent.CustomerRegistered;
import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.RiskSign;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.PersonalData;
import io.cxengine.journey.platform.projection.ProjectionWrites;
import io.cxengine.journey.platform.SqlTime;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static io.cxengine.journey.platform.SqlTime.utc;

/**
 * The SQL of {@code read_model.customer_profile} and its detail tables; only the customer-profile projection writes
 * them. Every statement is keyed by the customer, so a replay from the first event rebuilds the same rows.
 */
@Repository
class CustomerProfileTable {

    /** The tables this SQL keeps, in the read-model schema; a rebuild fills copies of them and swaps them in. */
    static final List<String> TABLES = List.of("customer_profile", "customer_profile_moment", "customer_profile_survey", "customer_profile_follow_up");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    CustomerProfileTable(JdbcClient jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    void registered(CustomerRegistered event, long version) {
        writes.sql("""
                        INSERT INTO customer_profile
                               (customer_id, name, email, phone, identified_via, registered_at, version)
                        VALUES (:customer, :name, :email, :phone, :identifiedVia, :registeredAt, :version)
                        ON CONFLICT (customer_id) DO UPDATE
                           SET name = EXCLUDED.name, email = EXCLUDED.email, phone = EXCLUDED.phone,
                               identified_via = EXCLUDED.identified_via, registered_at = EXCLUDED.registered_at,
                               version = GREATEST(customer_profile.version, EXCLUDED.version)
                        """)
                .param("customer", event.customerId().value())
                .param("name", event.name())
                .param("email", event.email())
                .param("phone", event.phone())
                .param("identifiedVia", event.identifiedVia().name())
                .param("registeredAt", utc(event.occurredAt()))
                .param("version", version)
                .execute();
    }

    void version(CustomerId customer, long version) {
        count(customer, counters -> counters.version = Math.max(counters.version, version));
    }

    void attribute(AttributeRecorded event) {
        update(event.customerId(), """
                attributes = jsonb_set(attributes, ARRAY[:kind],
                                       COALESCE(attributes -> :kind, '{}'::jsonb) || jsonb_build_object(:name, :value))""")
                .param("kind", event.kind().name())
                .param("name", event.name())
                .param("value", event.specialCategory() ? PersonalData.WITHHELD : event.value())
                .execute();
    }

    void declaredChannel(CustomerId customer, Channel channel) {
        update(customer, "declared_channel = :channel").param("channel", channel.name()).execute();
    }

    void consent(CustomerId customer, Channel channel, boolean granted) {
        update(customer, granted
                ? "consents = array_append(array_remove(consents, :channel), :channel)"
                : "consents = array_remove(consents, :channel)")
                .param("channel", channel.name()).execute();
    }

    void inboundContact(CustomerId customer, Channel channel, Instant at) {
        count(customer, counters -> {
            counters.inbound.merge(channel.name(), 1, Integer::sum);
            if (counters.hours == null) {
                counters.hours = new int[24];
            }
            counters.hours[utc(at).getHour()]++;
        });
    }

    void contact(CustomerId customer, Instant at) {
        count(customer, counters -> counters.lastContact =
                counters.lastContact == null || at.isAfter(counters.lastContact) ? at : counters.lastContact);
    }

    void moment(CustomerId customer, String eventId, Instant at, int weight) {
        writes.sql("""
                        INSERT INTO customer_profile_moment (customer_id, event_id, occurred_at, weight)
                        VALUES (:customer, :event, :at, :weight) ON CONFLICT DO NOTHING""")
                .param("customer", customer.value()).param("event", eventId).param("at", utc(at))
                .param("weight", weight)
                .execute();
        if (weight != 0) {
            count(customer, counters -> counters.balance += weight);
        }
    }

    void openComplaints(CustomerId customer, int delta) {
        count(customer, counters -> counters.openComplaints += delta);
    }

    /**
     * What a batch's events of one customer do to the profile's counters (version, latest contact, relationship
     * balance, open complaints, inbound contacts per channel and hour, purchases and revenue): summed up in memory and
     * written once per customer and batch, where they were a statement or more per event (each change commutes with
     * the customer's other statements).
     */
    private static final class Counters {
        long version = -1;
        Instant lastContact;
        int balance;
        int openComplaints;
        final Map<String, Integer> inbound = new TreeMap<>();
        int[] hours;
        int purchases;
        /** Each currency's sum, each amount rounded as the revenue column keeps it (two decimals, half away from 0). */
        final Map<String, BigDecimal> revenue = new TreeMap<>();
        String firstCurrency;
        Instant firstPurchase;
        Instant lastPurchase;
    }

    private void count(CustomerId customer, Consumer<Counters> change) {
        writes.summed("customer-profile-counters:" + customer.value(), Counters::new, change, """
                        UPDATE customer_profile
                           SET version = GREATEST(version, CAST(:version AS BIGINT)),
                               last_contact_at = GREATEST(last_contact_at, CAST(:lastContact AS TIMESTAMPTZ)),
                               relationship_balance = relationship_balance + :balance,
                               open_complaints = open_complaints + :openComplaints,
                               inbound_channels = CASE WHEN CAST(:inbound AS JSONB) IS NULL THEN inbound_channels ELSE
                                   inbound_channels || (SELECT jsonb_object_agg(added.key,
                                                               COALESCE((inbound_channels ->> added.key)::int, 0) + added.value::int)
                                                          FROM jsonb_each_text(CAST(:inbound AS JSONB)) AS added) END,
                               contact_hours = CASE WHEN CAST(:hours AS INT[]) IS NULL THEN contact_hours ELSE
                                   ARRAY(SELECT stored + added
                                           FROM unnest(contact_hours, CAST(:hours AS INT[])) WITH ORDINALITY AS h(stored, added, hour)
                                          ORDER BY hour) END,
                               purchase_count = purchase_count + :purchases,
                               revenue = revenue + COALESCE(CAST(CAST(:revenue AS JSONB) ->> COALESCE(currency, :firstCurrency)
                                                                 AS NUMERIC), 0),
                               currency = COALESCE(currency, :firstCurrency),
                               first_purchase_at = LEAST(first_purchase_at, CAST(:firstPurchase AS TIMESTAMPTZ)),
                               last_purchase_at = GREATEST(last_purchase_at, CAST(:lastPurchase AS TIMESTAMPTZ))
                         WHERE customer_id = :customer
                        """,
                (counters, write) -> write.param("customer", customer.value())
                        .param("version", counters.version < 0 ? null : counters.version)
                        .param("lastContact", utc(counters.lastContact))
                        .param("balance", counters.balance)
                        .param("openComplaints", counters.openComplaints)
                        .param("inbound", counters.inbound.isEmpty() ? null : json(counters.inbound))
                        .param("hours", counters.hours == null ? null : Arrays.stream(counters.hours)
                                .mapToObj(Integer::toString).collect(Collectors.joining(",", "{", "}")))
                        .param("purchases", counters.purchases)
                        .param("revenue", counters.revenue.isEmpty() ? null : json(counters.revenue))
                        .param("firstCurrency", counters.firstCurrency)
                        .param("firstPurchase", utc(counters.firstPurchase))
                        .param("lastPurchase", utc(counters.lastPurchase)));
    }

    private static String json(Map<String, ?> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void followUpScheduled(CustomerId customer, FollowUpId followUp, Instant due) {
        writes.sql("""
                        INSERT INTO customer_profile_follow_up (customer_id, follow_up_id, due_at, state)
                        VALUES (:customer, :followUp, :due, 'SCHEDULED') ON CONFLICT DO NOTHING""")
                .param("customer", customer.value()).param("followUp", followUp.value()).param("due", utc(due))
                .execute();
    }

    void followUpState(CustomerId customer, FollowUpId followUp, String state) {
        writes.sql("""
                        UPDATE customer_profile_follow_up SET state = :state
                         WHERE customer_id = :customer AND follow_up_id = :followUp""")
                .param("customer", customer.value()).param("followUp", followUp.value()).param("state", state)
                .execute();
    }

    void survey(CustomerId customer, String eventId, Instant at, String kind, int score) {
        writes.sql("""
                        INSERT INTO customer_profile_survey (customer_id, event_id, occurred_at, kind, score)
                        VALUES (:customer, :event, :at, :kind, :score) ON CONFLICT DO NOTHING""")
                .param("customer", customer.value()).param("event", eventId).param("at", utc(at))
                .param("kind", kind).param("score", score)
                .execute();
    }

    void purchase(PurchaseRecorded event) {
        Instant at = event.occurredAt();
        count(event.customerId(), counters -> {
            counters.purchases++;
            counters.revenue.merge(event.amount().currency(),
                    event.amount().amount().setScale(2, RoundingMode.HALF_UP), BigDecimal::add);
            if (counters.firstCurrency == null) {
                counters.firstCurrency = event.amount().currency();
            }
            counters.firstPurchase = counters.firstPurchase == null || at.isBefore(counters.firstPurchase)
                    ? at : counters.firstPurchase;
            counters.lastPurchase = counters.lastPurchase == null || at.isAfter(counters.lastPurchase)
                    ? at : counters.lastPurchase;
        });
    }

    /** The customer was forgotten: their personal data leaves the profile. */
    void erased(CustomerId customer) {
        update(customer, """
                name = :erased, email = NULL, phone = NULL, attributes = '{}'::jsonb, declared_channel = NULL,
                status = 'FORGOTTEN'""").param("erased", PersonalData.ERASED).execute();
    }

    void lost(CustomerId customer, Instant at) {
        // A loss ends the at-risk watch, as the engine's watch ends it.
        update(customer, "lost_at = :at, risk_signs = '{}', at_risk_since = NULL").param("at", utc(at)).execute();
    }

    void atRisk(CustomerId customer, Set<RiskSign> signs, Instant at) {
        update(customer, """
                risk_signs = string_to_array(:signs, ','),
                at_risk_since = CASE WHEN cardinality(risk_signs) = 0 THEN :at ELSE at_risk_since END""")
                .param("signs", String.join(",", signs.stream().map(Enum::name).toList()))
                .param("at", utc(at)).execute();
    }

    void noLongerAtRisk(CustomerId customer) {
        update(customer, "risk_signs = '{}', at_risk_since = NULL").execute();
    }

    void reactivated(CustomerId customer, Instant at) {
        update(customer, "reactivated_at = :at").param("at", utc(at)).execute();
    }

    Optional<ProfileRow> find(CustomerId customer, Instant recentSince) {
        writes.flush();
        return jdbc.sql(ProfileQuery.SQL)
                .param("customer", customer.value())
                .param("since", utc(recentSince))
                .query(ProfileRow::read)
                .optional();
    }

    List<ProfileRow.Match> findByContact(String email, String phone) {
        return jdbc.sql("""
                        SELECT customer_id, name, lost_at, reactivated_at, purchase_count, identified_via
                          FROM customer_profile
                         WHERE (CAST(:email AS TEXT) IS NOT NULL AND lower(email) = lower(:email))
                            OR (CAST(:phone AS TEXT) IS NOT NULL AND regexp_replace(phone, '[^0-9+]', '', 'g')
                                                                    = regexp_replace(:phone, '[^0-9+]', '', 'g'))
                         ORDER BY registered_at
                         LIMIT 50
                        """)
                .param("email", email).param("phone", phone)
                .query((row, n) -> new ProfileRow.Match(row.getObject("customer_id", UUID.class),
                        row.getString("name"), SqlTime.instant(row.getObject("lost_at", OffsetDateTime.class)),
                        SqlTime.instant(row.getObject("reactivated_at", OffsetDateTime.class)), row.getInt("purchase_count"),
                        row.getString("identified_via")))
                .list();
    }

    private ProjectionWrites.Write update(CustomerId customer, String set) {
        return writes.sql("UPDATE customer_profile SET " + set + " WHERE customer_id = :customer")
                .param("customer", customer.value());
    }

}
