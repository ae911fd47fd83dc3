-- A rebuild fills empty copies of a projection's tables (read_model_shadow) while the live tables keep answering,
-- then swaps the copies in. The engine's role may not change the schema, so the two steps that need the owner's
-- rights are functions that run as the owner (SECURITY DEFINER) and do nothing else: the role may call them, with
-- names of read-model tables only. See docs/architecture.md ("Rebuilding the projections") and docs/security.md.
CREATE SCHEMA IF NOT EXISTS read_model_shadow;
REVOKE ALL ON SCHEMA read_model_shadow FROM PUBLIC;
GRANT USAGE ON SCHEMA read_model_shadow TO journey_app;

-- Where the tables a swap replaced wait, within the swap's transaction, to be dropped.
CREATE SCHEMA IF NOT EXISTS read_model_retired;
REVOKE ALL ON SCHEMA read_model_retired FROM PUBLIC;

-- Empty copies of the given read-model tables in read_model_shadow: the same columns, defaults and checks, every index
-- and key under the live one's name, the same triggers and the same grants, so that a swapped-in table is
-- indistinguishable from a migrated one. A copy left by a rebuild that never finished is dropped first.
CREATE FUNCTION read_model.prepare_shadow(tables TEXT[]) RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t       TEXT;
    idx     RECORD;
    trg     RECORD;
    acl     RECORD;
BEGIN
    FOREACH t IN ARRAY tables LOOP
        IF NOT EXISTS (SELECT FROM pg_tables WHERE schemaname = 'read_model' AND tablename = t) THEN
            RAISE EXCEPTION 'no read-model table %', t USING ERRCODE = 'undefined_table';
        END IF;
        EXECUTE format('DROP TABLE IF EXISTS read_model_shadow.%I', t);
        EXECUTE format('CREATE TABLE read_model_shadow.%I (LIKE read_model.%I INCLUDING ALL EXCLUDING INDEXES)', t, t);
        FOR idx IN
            SELECT index_class.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, c.conname, c.contype
              FROM pg_index i
              JOIN pg_class index_class ON index_class.oid = i.indexrelid
              LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
             WHERE i.indrelid = format('read_model.%I', t)::regclass
        LOOP
            EXECUTE replace(idx.definition, ' ON read_model.', ' ON read_model_shadow.');
            IF idx.contype = 'p' THEN
                EXECUTE format('ALTER TABLE read_model_shadow.%I ADD CONSTRAINT %I PRIMARY KEY USING INDEX %I',
                               t, idx.conname, idx.name);
            ELSIF idx.contype = 'u' THEN
                EXECUTE format('ALTER TABLE read_model_shadow.%I ADD CONSTRAINT %I UNIQUE USING INDEX %I',
                               t, idx.conname, idx.name);
            END IF;
        END LOOP;
        FOR trg IN
            SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger
             WHERE tgrelid = format('read_model.%I', t)::regclass AND NOT tgisinternal
        LOOP
            EXECUTE replace(trg.definition, ' ON read_model.', ' ON read_model_shadow.');
        END LOOP;
        FOR acl IN
            SELECT a.privilege_type,
                   CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END AS grantee
              FROM pg_class c, aclexplode(c.relacl) a
             WHERE c.oid = format('read_model.%I', t)::regclass AND a.grantee <> c.relowner
        LOOP
            EXECUTE format('GRANT %s ON read_model_shadow.%I TO %s', acl.privilege_type, t, acl.grantee);
        END LOOP;
    END LOOP;
END
$$;

-- Swaps the filled copies in, in the caller's transaction: each live table leaves read_model, its copy takes its
-- place, every view over the live tables (the analysts' schema) is pointed at the copies, and the replaced tables are
-- dropped. A view of another kind over them, or anything else depending on them, makes the swap fail rather than
-- lose it. The copies' statistics are gathered first, so that the first queries after the swap plan well.
CREATE FUNCTION read_model.swap_shadow(tables TEXT[]) RETURNS VOID
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t       TEXT;
    v       RECORD;
    views   TEXT[] := '{}';
    stmt    TEXT;
BEGIN
    FOREACH t IN ARRAY tables LOOP
        IF NOT EXISTS (SELECT FROM pg_tables WHERE schemaname = 'read_model' AND tablename = t)
           OR NOT EXISTS (SELECT FROM pg_tables WHERE schemaname = 'read_model_shadow' AND tablename = t) THEN
            RAISE EXCEPTION 'no read-model table % with a copy to swap in', t USING ERRCODE = 'undefined_table';
        END IF;
        EXECUTE format('ANALYZE read_model_shadow.%I', t);
    END LOOP;
    FOR v IN
        SELECT DISTINCT vc.oid, n.nspname, vc.relname
          FROM pg_depend d
          JOIN pg_rewrite r ON r.oid = d.objid
          JOIN pg_class vc ON vc.oid = r.ev_class
          JOIN pg_namespace n ON n.oid = vc.relnamespace
         WHERE d.classid = 'pg_rewrite'::regclass
           AND d.refclassid = 'pg_class'::regclass
           AND d.refobjid IN (SELECT format('read_model.%I', name)::regclass FROM unnest(tables) AS name)
           AND vc.relkind = 'v'
    LOOP
        views := views || format('CREATE OR REPLACE VIEW %I.%I AS %s', v.nspname, v.relname,
                                 regexp_replace(pg_get_viewdef(v.oid), ';\s*$', ''));
    END LOOP;
    FOREACH t IN ARRAY tables LOOP
        EXECUTE format('ALTER TABLE read_model.%I SET SCHEMA read_model_retired', t);
        EXECUTE format('ALTER TABLE read_model_shadow.%I SET SCHEMA read_model', t);
    END LOOP;
    FOREACH stmt IN ARRAY views LOOP
        EXECUTE stmt;
    END LOOP;
    FOREACH t IN ARRAY tables LOOP
        EXECUTE format('DROP TABLE read_model_retired.%I', t);
    END LOOP;
END
$$;

REVOKE ALL ON FUNCTION read_model.prepare_shadow(TEXT[]), read_model.swap_shadow(TEXT[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION read_model.prepare_shadow(TEXT[]), read_model.swap_shadow(TEXT[]) TO journey_app;
