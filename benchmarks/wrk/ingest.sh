#!/usr/bin/env bash
# REST ingestion from an efficient client (wrk), next to the raw PostgreSQL limit on the same durable server in the
# same run, with CPU seconds per 1,000 commands for the engine and for PostgreSQL, and a JFR profile of the engine.
#
#   benchmarks/wrk/ingest.sh [connections=16] [seconds=30] [customers=500]
#
# Needs wrk and pgbench (Debian: apt-get install -y wrk postgresql-15), jcmd and jfr (the JDK); builds the engine's
# jar if it is missing (JAR= another jar, ENGINE_ARGS= more engine settings, WARMUP= seconds, default 30). Starts its
# own engine on a durable embedded PostgreSQL under $OUT (default benchmarks/target/wrk, emptied first) on $PORT
# (default 18080). The write scope's rate limit is raised far above the load; the limiter itself still runs.
# Prints Markdown, and keeps the logs, wrk's and pgbench's output and the JFR recording in $OUT.
set -euo pipefail
CONNECTIONS=${1:-16}
SECONDS_EACH=${2:-30}
CUSTOMERS=${3:-500}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT/benchmarks/target/wrk}
PORT=${PORT:-18080}
JAR=${JAR:-$ROOT/launcher/target/journey-engine.jar}
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)"; exit 2; }
command -v pgbench >/dev/null || { echo "pgbench is missing (apt-get install -y postgresql-15)"; exit 2; }
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -pl launcher -am package -DskipTests)
rm -rf "$OUT" && mkdir -p "$OUT"

java -Xmx1g -XX:FlightRecorderOptions:stackdepth=2048 -Daxoniq.update-checker.disabled=true -jar "$JAR" --server.port=$PORT \
    --journey.embedded-postgres.ephemeral=false --journey.embedded-postgres.data-directory="$OUT/data" \
    --journey.keys.directory="$OUT/keys" \
    --journey.rate-limits.scopes.write.capacity=1000000 --journey.rate-limits.scopes.write.refill-per-second=1000000 \
    ${ENGINE_ARGS:-} > "$OUT/engine.log" 2>&1 &
ENGINE=$!
trap 'kill $ENGINE 2>/dev/null; wait $ENGINE 2>/dev/null' EXIT
for _ in $(seq 1 180); do curl -sf -o /dev/null localhost:$PORT/actuator/health && break; sleep 1; done
PG_PORT=$(grep -o 'listening on localhost:[0-9]*' "$OUT/engine.log" | head -1 | cut -d: -f2)
POSTMASTER=$(head -1 "$OUT/data/postmaster.pid")
PSQL="psql -X -At -h localhost -p $PG_PORT -U postgres -d postgres"
TOKEN=$(java -jar "$JAR" token --scopes=journey.write --lifetime=1d --keys-directory="$OUT/keys")

for i in $(seq 1 "$CUSTOMERS"); do
  curl -sf -X POST localhost:$PORT/customers -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
       -H "Idempotency-Key: bench-register-$i" -d "{\"name\": \"Customer $i\", \"identifiedVia\": \"IMPORT\"}" \
    | sed 's/.*"customerId":"\([^"]*\)".*/\1/'; echo
done | grep -v '^$' > "$OUT/customers.txt"

# CPU seconds (user + system) of the engine's JVM, and of PostgreSQL: the postmaster, its live children, and what its
# ended children used (cutime, cstime).
ticks=$(getconf CLK_TCK)
cpu_engine() { awk -v t="$ticks" '{print ($14 + $15) / t}' /proc/$ENGINE/stat; }
cpu_postgres() {
  local total; total=$(awk '{print $14 + $15 + $16 + $17}' /proc/$POSTMASTER/stat)
  for child in $(pgrep -P "$POSTMASTER"); do
    total=$((total + $(awk '{print $14 + $15}' /proc/$child/stat 2>/dev/null || echo 0)))
  done
  awk -v v="$total" -v t="$ticks" 'BEGIN {print v / t}'
}
touchpoints() { $PSQL -c "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%TouchpointRecorded'"; }

# Raw: a single-row insert + commit of an event-sized row (the size of a stored touchpoint), same connections.
$PSQL -q <<SQL
CREATE SCHEMA IF NOT EXISTS bench;
DROP TABLE IF EXISTS bench.domain_event_entry;
CREATE TABLE bench.domain_event_entry (LIKE public.domain_event_entry INCLUDING INDEXES INCLUDING CONSTRAINTS);
CREATE SEQUENCE IF NOT EXISTS bench.global_index;
ALTER TABLE bench.domain_event_entry ALTER COLUMN global_index SET DEFAULT nextval('bench.global_index');
SQL
SIZES=$($PSQL -c "SELECT coalesce(avg(length(payload))::int, 400), coalesce(avg(length(meta_data))::int, 600) FROM domain_event_entry")
cat > "$OUT/raw.sql" <<SQL
INSERT INTO bench.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
    payload_type, payload_revision, payload, meta_data)
VALUES (gen_random_uuid()::text, gen_random_uuid()::text, 0, 'Customer', now()::text,
    'io.cxengine.journey.customer.CustomerEvent\$TouchpointRecorded', NULL,
    convert_to(repeat('x', ${SIZES%|*}), 'UTF8'), convert_to(repeat('y', ${SIZES#*|}), 'UTF8'));
SQL
PGPASSWORD= pgbench -n -h localhost -p $PG_PORT -U postgres -c "$CONNECTIONS" -j 2 -T "$SECONDS_EACH" -M prepared \
    -f "$OUT/raw.sql" postgres > "$OUT/pgbench.txt" 2>&1
RAW=$(grep -o 'tps = [0-9.]*' "$OUT/pgbench.txt" | head -1 | cut -d' ' -f3)
RAW_LATENCY=$(grep -o 'latency average = [0-9.]* ms' "$OUT/pgbench.txt" | cut -d' ' -f4)

# Warm-up, then the measured run with JFR recording the engine.
CUSTOMERS="$OUT/customers.txt" TOKEN="$TOKEN" RUN=warm wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-30}s" -s "$ROOT/benchmarks/wrk/touchpoints.lua" \
    http://localhost:$PORT > "$OUT/wrk-warm.txt" 2>&1
jcmd $ENGINE JFR.start name=ingest settings=profile filename="$OUT/ingest.jfr" > /dev/null
BEFORE=$(touchpoints); E0=$(cpu_engine); P0=$(cpu_postgres)
CUSTOMERS="$OUT/customers.txt" TOKEN="$TOKEN" RUN=measured wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency \
    -s "$ROOT/benchmarks/wrk/touchpoints.lua" http://localhost:$PORT > "$OUT/wrk.txt" 2>&1
E1=$(cpu_engine); P1=$(cpu_postgres); AFTER=$(touchpoints)
jcmd $ENGINE JFR.stop name=ingest > /dev/null

COMMANDS=$((AFTER - BEFORE))
awk -v n="$COMMANDS" -v s="$SECONDS_EACH" -v raw="$RAW" -v rl="$RAW_LATENCY" -v e0="$E0" -v e1="$E1" -v p0="$P0" -v p1="$P1" \
    -v c="$CONNECTIONS" -v lat="$(grep '^LATENCY' "$OUT/wrk.txt")" -v st="$(grep '^STATUS' "$OUT/wrk.txt" | tr '\n' ' ')" 'BEGIN {
  split(lat, l, " ");
  printf "| connections | raw insert + commit | engine: touchpoints recorded | ratio | engine p50 / p99 | raw mean latency | engine CPU s / 1,000 commands | PostgreSQL CPU s / 1,000 commands | answers |\n";
  printf "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
  printf "| %d | %.0f rows/s | %.0f commands/s | %.3f | %s / %s ms | %s ms | %.2f | %.2f | %s|\n", c, raw, n / s, n / s / raw,
      l[3], l[5], rl, (e1 - e0) * 1000 / n, (p1 - p0) * 1000 / n, st;
}' | tee "$OUT/ingest.md"

# The engine's profile while it took the load: the share of CPU samples in which each part of the work is on the
# stack (inclusive), and the 25 most frequent top frames.
jfr print --stack-depth 200 --events jdk.ExecutionSample "$OUT/ingest.jfr" > "$OUT/samples.txt"
awk '/jdk.ExecutionSample/ {if (n) for (k in seen) inclusive[k]++; delete seen; n++}
     /line:/ {m = $0; sub(/^[ \t]+/, "", m); sub(/\(.*/, "", m); seen[m] = 1}
     END {for (k in seen) inclusive[k]++; for (k in inclusive) printf "%d\t%s\n", inclusive[k], k; printf "%d\t(all samples)\n", n}' \
    "$OUT/samples.txt" | sort -rn > "$OUT/inclusive.tsv"
share() { awk -F'\t' -v m="$2" -v all="$(head -1 "$OUT/inclusive.tsv" | cut -f1)" \
    '$2 == m {printf "| %s | %.0f%% |\n", label, 100 * $1 / all; found = 1} END {if (!found) printf "| %s | 0%% |\n", label}' label="$1" "$OUT/inclusive.tsv"; }
{
  echo; echo "| part of the work (CPU samples with it on the stack) | share |"; echo "| --- | --- |"
  share "HTTP request, end to end" "org.apache.catalina.connector.CoyoteAdapter.service"
  share "bearer token verification" "org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider.authenticate"
  share "command handling (load, decide, append, receipt)" "org.axonframework.commandhandling.SimpleCommandBus.handle"
  share "aggregate load" "org.axonframework.eventsourcing.EventSourcingRepository.doLoadWithLock"
  share "event payloads deserialized and opened" "io.cxengine.journey.platform.PersonalDataProtection\$OwnedByItsCustomer.deserialize"
  share "events appended (chain, serialize, seal, insert)" "org.axonframework.eventsourcing.eventstore.AbstractEventStore.prepareCommit"
  share "projections and deliveries of events out" "org.axonframework.eventhandling.pooled.WorkPackage.processEvents"
  share "PostgreSQL driver" "org.postgresql.core.v3.QueryExecutorImpl.execute"
} | tee "$OUT/profile.md"
awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/ +line:.*/, ""); print}' "$OUT/samples.txt" \
    | sort | uniq -c | sort -rn > "$OUT/top-frames.txt" || true
echo; echo "$(head -1 "$OUT/inclusive.tsv" | cut -f1) samples; inclusive counts in $OUT/inclusive.tsv, top frames in $OUT/top-frames.txt"
