-- The at-risk signal the engine records (CustomerAtRisk, CustomerNoLongerAtRisk): the signs last recorded and since
-- when the customer has been at risk. Customers recorded before the signal existed have no such facts: empty is true.
ALTER TABLE read_model.customer_profile
    ADD COLUMN risk_signs    TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN at_risk_since TIMESTAMP WITH TIME ZONE;
