-- Recovery measured reads every resolved complaint with its customer's answers and losses around it: the resolved
-- complaints through their own index (a few thousand of many more filed), and each customer's losses through one too
-- (docs/benchmarks.md, the analytics page at 1,000,000 events).
CREATE INDEX analytics_complaint_resolved_ix ON read_model.analytics_complaint (resolved_at)
    WHERE resolved_at IS NOT NULL;
CREATE INDEX analytics_loss_customer_ix ON read_model.analytics_loss (customer_id, lost_at);
