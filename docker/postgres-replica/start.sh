#!/bin/sh
# The production profile's streaming replica (docker-compose.yml): on an empty volume, copies the primary with
# pg_basebackup as journey_replicator and writes the standby settings (-R); then runs as a hot standby that follows
# the primary. Analysts' SQL can go here rather than to the primary.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    export PGPASSWORD="$JOURNEY_REPLICATION_PASSWORD"
    until pg_basebackup --host=postgres --username=journey_replicator --pgdata="$PGDATA" \
            --write-recovery-conf --wal-method=stream --checkpoint=fast; do
        echo "waiting for the primary"
        rm -rf "${PGDATA:?}"/*
        sleep 3
    done
    chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on
