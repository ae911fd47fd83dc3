-- The losses each reason of the reference distribution is revealed by, kept as the losses arrive: the analysts'
-- lost-account reasons counted them from every loss's revealed reasons when asked, the analytics page's slowest call
-- at 1,000,000 events (docs/benchmarks.md). Each loss names the reasons of the reference its history reveals
-- (reveals, distinct); a trigger on the rows the lost-account projection inserts adds them, and every loss under '*',
-- to lost_account_tally, in the same transaction and in the schema written (read_model, or read_model_shadow during a
-- rebuild). Each statement takes the tally's rows in one order ('*' first), so two segments never wait on each other
-- in a circle.
ALTER TABLE read_model.lost_account ADD COLUMN reveals TEXT[] NOT NULL DEFAULT '{}';

CREATE TABLE read_model.lost_account_tally (
    reason TEXT   NOT NULL,
    losses BIGINT NOT NULL,
    CONSTRAINT lost_account_tally_pk PRIMARY KEY (reason)
);
COMMENT ON COLUMN read_model.lost_account_tally.reason IS
    'a reason of the reference distribution, as revealed by the losses'' histories; * for every loss';

CREATE FUNCTION read_model.lost_accounts_tallied() RETURNS TRIGGER
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM added) THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('search_path', format('%I, pg_catalog, pg_temp', TG_TABLE_SCHEMA), TRUE);
    INSERT INTO lost_account_tally AS t (reason, losses)
    SELECT reason, count(*)
      FROM (SELECT '*' AS reason FROM added UNION ALL SELECT unnest(reveals) FROM added) r
     GROUP BY reason
     ORDER BY reason COLLATE "C"
    ON CONFLICT (reason) DO UPDATE SET losses = t.losses + EXCLUDED.losses;
    RETURN NULL;
END;
$$;

CREATE TRIGGER lost_accounts_tallied AFTER INSERT ON read_model.lost_account
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION read_model.lost_accounts_tallied();

-- The losses stored before name no reasons yet: the lost-account view is emptied and replayed.
TRUNCATE read_model.lost_account, read_model.lost_account_history;
DELETE FROM token_entry WHERE processor_name = 'lost-account';
DELETE FROM dead_letter_entry WHERE processing_group = 'lost-account';
