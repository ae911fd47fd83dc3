-- The engine processes that run each processing group, and when each last said so: query nodes share a group's
-- segments fairly among those seen within the token claim timeout (query.operations.SegmentBalancer).
CREATE TABLE processing_node (
    processor_name VARCHAR(255)             NOT NULL,
    node_id        VARCHAR(255)             NOT NULL,
    seen_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT processing_node_pk PRIMARY KEY (processor_name, node_id)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON processing_node TO journey_app;
