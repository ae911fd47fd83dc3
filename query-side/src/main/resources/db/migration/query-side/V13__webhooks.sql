-- Webhooks (query.outbound): who subscribed to which journey events, and each delivery owed to a subscriber.

-- A subscription's signing secret is stored sealed: AES-GCM under a key derived from the key-encryption key (purpose
-- webhook-secret), a random IV, the subscription id as associated data; secret_key_id names the KEK that sealed it.
CREATE TABLE public.webhook_subscription (
    subscription_id UUID                     NOT NULL,
    client          VARCHAR(255)             NOT NULL,
    url             TEXT                     NOT NULL,
    event_types     TEXT[]                   NOT NULL,
    personal_data   VARCHAR(16)              NOT NULL,
    secret          BYTEA                    NOT NULL,
    secret_key_id   VARCHAR(64)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the newest position in the store when it was made: it is owed the events after it
    from_position   BIGINT                   NOT NULL,
    deleted_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT webhook_subscription_pk PRIMARY KEY (subscription_id)
);

-- One row per event owed to a subscription, written in the transaction that moves the webhook group's token past the
-- event. It names the event (customer and version) rather than holding it: the message is made from the store when it
-- is sent, so that nothing personal is kept here in clear, and an erasure reaches a delivery not yet sent.
CREATE TABLE public.webhook_delivery (
    subscription_id UUID                     NOT NULL REFERENCES public.webhook_subscription,
    position        BIGINT                   NOT NULL,
    customer_id     VARCHAR(255)             NOT NULL,
    version         BIGINT                   NOT NULL,
    event_type      VARCHAR(255)             NOT NULL,
    state           VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_status     INTEGER,
    last_error      TEXT,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT webhook_delivery_pk PRIMARY KEY (subscription_id, position),
    CONSTRAINT webhook_delivery_state CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD'))
);
CREATE INDEX webhook_delivery_due ON public.webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
-- What still waits, per subscriber and customer, in order: a customer's next delivery waits for the one before it.
CREATE INDEX webhook_delivery_waiting ON public.webhook_delivery (subscription_id, customer_id, position)
    WHERE state <> 'DELIVERED';

-- db-scheduler's table for the query side's own scheduler (the command side's is scheduled_tasks).
CREATE TABLE public.webhook_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    CONSTRAINT webhook_tasks_pk PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX webhook_tasks_execution_time_ix ON public.webhook_tasks (execution_time);
CREATE INDEX webhook_tasks_last_heartbeat_ix ON public.webhook_tasks (last_heartbeat);
CREATE INDEX webhook_tasks_priority_execution_time_ix ON public.webhook_tasks (priority DESC, execution_time ASC);

GRANT SELECT, INSERT, UPDATE, DELETE ON public.webhook_subscription, public.webhook_delivery, public.webhook_tasks TO journey_app;
