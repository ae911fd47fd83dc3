#!/bin/sh
# Creates the engine's logins; the postgres image runs this once, on the first start of an empty volume. It is
# idempotent, so on an older volume run it by hand:
#   docker compose exec postgres sh /docker-entrypoint-initdb.d/10-journey-roles.sh
# journey_app and journey_analyst are created here as NOLOGIN exactly as the migrations create them (if missing), so
# that the logins can be granted them before the first migration runs, and the owner needs no CREATEROLE.
set -eu
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-journey}" \
     -v db="${POSTGRES_DB:-journey}" \
     -v owner_password="$JOURNEY_OWNER_PASSWORD" \
     -v engine_password="$JOURNEY_ENGINE_PASSWORD" \
     -v analyst_password="$JOURNEY_ANALYST_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE ' || quote_ident(role) || ' NOLOGIN'
  FROM unnest(ARRAY['journey_app', 'journey_analyst']) AS role
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role)
\gexec
SELECT 'CREATE ROLE ' || quote_ident(role) || ' LOGIN'
  FROM unnest(ARRAY['journey_owner', 'journey_engine', 'journey_analyst_login']) AS role
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role)
\gexec
ALTER ROLE journey_owner PASSWORD :'owner_password';
ALTER ROLE journey_engine PASSWORD :'engine_password';
ALTER ROLE journey_analyst_login PASSWORD :'analyst_password';
GRANT journey_app TO journey_engine;
GRANT journey_analyst TO journey_analyst_login;
-- The owner of the database owns its public schema (PostgreSQL 15+) and may create read_model: the migrations need both.
ALTER DATABASE :"db" OWNER TO journey_owner;
SQL
