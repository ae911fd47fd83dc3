#!/bin/sh
# Lets the production profile's replica (docker/postgres-replica/start.sh) copy and follow this primary: a login with
# the REPLICATION attribute only, allowed to connect for replication with its password. Idempotent, like
# 10-journey-roles.sh; run by the postgres image on the first start of an empty volume.
set -eu
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-journey}" \
     -v replication_password="$JOURNEY_REPLICATION_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE journey_replicator LOGIN REPLICATION'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'journey_replicator')
\gexec
ALTER ROLE journey_replicator PASSWORD :'replication_password';
SQL
grep -q '^host replication journey_replicator ' "$PGDATA/pg_hba.conf" \
    || echo 'host replication journey_replicator all scram-sha-256' >> "$PGDATA/pg_hba.conf"
