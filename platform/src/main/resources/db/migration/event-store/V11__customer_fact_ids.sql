-- The ids of a customer's facts that must be unique (touchpoints, complaints, follow-ups, orders) are kept by the
-- event store itself: every stored event that introduces one adds it here, in the event's own transaction, under a
-- unique key. A second event with the same id cannot be stored, whoever writes it; the Customer aggregate asks this
-- table instead of remembering every id it ever saw, so its state (and its snapshot) stays small.
--
-- detail is what a later decision needs of the fact: for a complaint when it was filed, for an order its amount and
-- currency (the same order again is a repeat, a different amount a refusal).
CREATE TABLE customer_fact_id (
    customer_id TEXT NOT NULL,
    kind        TEXT NOT NULL,
    fact_id     TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    CONSTRAINT customer_fact_id_pk PRIMARY KEY (customer_id, kind, fact_id)
);

CREATE FUNCTION customer_fact_id_of_event() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    fact JSON := convert_from(NEW.payload, 'UTF8')::json;
BEGIN
    CASE NEW.payload_type
        WHEN 'io.cxengine.journey.customer.CustomerEvent$TouchpointRecorded' THEN
            INSERT INTO customer_fact_id (customer_id, kind, fact_id)
            VALUES (NEW.aggregate_identifier, 'TOUCHPOINT', fact ->> 'touchpointId');
        WHEN 'io.cxengine.journey.customer.CustomerEvent$ComplaintFiled' THEN
            INSERT INTO customer_fact_id (customer_id, kind, fact_id, detail)
            VALUES (NEW.aggregate_identifier, 'COMPLAINT', fact ->> 'complaintId', fact ->> 'occurredAt');
        WHEN 'io.cxengine.journey.customer.CustomerEvent$FollowUpScheduled' THEN
            INSERT INTO customer_fact_id (customer_id, kind, fact_id)
            VALUES (NEW.aggregate_identifier, 'FOLLOW_UP', fact ->> 'followUpId');
        WHEN 'io.cxengine.journey.customer.CustomerEvent$PurchaseRecorded' THEN
            INSERT INTO customer_fact_id (customer_id, kind, fact_id, detail)
            VALUES (NEW.aggregate_identifier, 'ORDER', fact ->> 'orderId',
                    (fact -> 'amount' ->> 'amount') || ' ' || (fact -> 'amount' ->> 'currency'));
        ELSE
            NULL;
        END CASE;
    RETURN NULL;
END
$$;

CREATE TRIGGER customer_fact_id_of_event
    AFTER INSERT ON domain_event_entry
    FOR EACH ROW
    WHEN (NEW.payload_type IN ('io.cxengine.journey.customer.CustomerEvent$TouchpointRecorded',
                               'io.cxengine.journey.customer.CustomerEvent$ComplaintFiled',
                               'io.cxengine.journey.customer.CustomerEvent$FollowUpScheduled',
                               'io.cxengine.journey.customer.CustomerEvent$PurchaseRecorded'))
EXECUTE FUNCTION customer_fact_id_of_event();

-- The events stored before: their ids, once each (a store that already holds a repeat keeps its first).
INSERT INTO customer_fact_id (customer_id, kind, fact_id, detail)
SELECT aggregate_identifier,
       CASE payload_type
           WHEN 'io.cxengine.journey.customer.CustomerEvent$TouchpointRecorded' THEN 'TOUCHPOINT'
           WHEN 'io.cxengine.journey.customer.CustomerEvent$ComplaintFiled' THEN 'COMPLAINT'
           WHEN 'io.cxengine.journey.customer.CustomerEvent$FollowUpScheduled' THEN 'FOLLOW_UP'
           ELSE 'ORDER' END,
       CASE payload_type
           WHEN 'io.cxengine.journey.customer.CustomerEvent$TouchpointRecorded' THEN fact ->> 'touchpointId'
           WHEN 'io.cxengine.journey.customer.CustomerEvent$ComplaintFiled' THEN fact ->> 'complaintId'
           WHEN 'io.cxengine.journey.customer.CustomerEvent$FollowUpScheduled' THEN fact ->> 'followUpId'
           ELSE fact ->> 'orderId' END,
       CASE payload_type
           WHEN 'io.cxengine.journey.customer.CustomerEvent$ComplaintFiled' THEN fact ->> 'occurredAt'
           WHEN 'io.cxengine.journey.customer.CustomerEvent$PurchaseRecorded'
               THEN (fact -> 'amount' ->> 'amount') || ' ' || (fact -> 'amount' ->> 'currency')
           ELSE '' END
FROM (SELECT aggregate_identifier, payload_type, convert_from(payload, 'UTF8')::json AS fact
      FROM domain_event_entry
      WHERE payload_type IN ('io.cxengine.journey.customer.CustomerEvent$TouchpointRecorded',
                             'io.cxengine.journey.customer.CustomerEvent$ComplaintFiled',
                             'io.cxengine.journey.customer.CustomerEvent$FollowUpScheduled',
                             'io.cxengine.journey.customer.CustomerEvent$PurchaseRecorded')
      ORDER BY global_index) stored
ON CONFLICT DO NOTHING;

-- Snapshots of customers taken before hold every id the customer ever saw, in a shape the aggregate no longer has:
-- they are only a cache of the events, so they go, and the next loads take new ones.
DELETE FROM snapshot_event_entry;

GRANT SELECT, INSERT ON customer_fact_id TO journey_app;
