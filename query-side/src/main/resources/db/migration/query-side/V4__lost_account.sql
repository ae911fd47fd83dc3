-- Lost accounts: who left, when, why they say they left, and what their history shows.
CREATE TABLE read_model.lost_account (
    customer_id         UUID                     NOT NULL,
    lost_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    reason              TEXT                     NOT NULL,
    detail              TEXT,
    stated_reason       TEXT,
    annual_revenue      NUMERIC(16,2)            NOT NULL,
    clv_lost            NUMERIC(16,2)            NOT NULL,
    revealed_reasons    JSONB                    NOT NULL,
    last_moments        JSONB                    NOT NULL,
    days_since_positive INT,
    days_silent         INT,
    win_back_attempts   INT                      NOT NULL DEFAULT 0,
    reactivated_at      TIMESTAMP WITH TIME ZONE,
    won_back            BOOLEAN                  NOT NULL DEFAULT FALSE,
    CONSTRAINT lost_account_pk PRIMARY KEY (customer_id, lost_at)
);
CREATE INDEX lost_account_page_ix ON read_model.lost_account (lost_at DESC, customer_id DESC);
CREATE INDEX lost_account_reason_ix ON read_model.lost_account (reason);

-- What the lost-account projection remembers of each customer's journey until a loss: its working state.
CREATE TABLE read_model.lost_account_history (
    customer_id UUID  NOT NULL,
    state       JSONB NOT NULL,
    CONSTRAINT lost_account_history_pk PRIMARY KEY (customer_id)
);
