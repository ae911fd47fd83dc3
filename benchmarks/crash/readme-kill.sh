#!/bin/bash
# The README's crash promise, by hand, in a clone (default: this one): the README run command, 4 curl writers with an
# Idempotency-Key each; kill -9 of the engine's JVM mid-load, the run command again, every unanswered key retried
# with its key and body; then kill -9 of the JVM and every PostgreSQL process at once, and the same again. Counts
# lost (acknowledged, not recorded) and dup (recorded twice) from the database, and verifies the hash chain.
#   benchmarks/crash/readme-kill.sh [clone]     (port 8080 must be free; needs curl and psql; works in /tmp/demo)
set -u
mkdir -p /tmp/demo
cd "${1:-$(dirname "$0")/../..}"
RUN="./mvnw -q -pl launcher -am spring-boot:run"
start() { $RUN > /tmp/demo/engine-$1.log 2>&1 & for i in $(seq 1 180); do curl -s -o /dev/null localhost:8080/actuator/health && { echo "up after $i s"; return; }; sleep 1; done; echo "NOT UP"; }
start 1
TOKEN=$(./mvnw -q -pl launcher -am spring-boot:run -Dspring-boot.run.arguments="token --scopes=journey.write,journey.agent,journey.audit" 2>/dev/null | tail -1)
C=$(curl -s -X POST localhost:8080/customers -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: demo-reg-$$" -d '{"name":"Ada Lovelace","email":"ada@example.com","identifiedVia":"CALLER_ID"}' | sed 's/.*"customerId":"\([^"]*\)".*/\1/')
echo "customer $C"
write() { # key -> status
  curl -s -o /dev/null -w '%{http_code}' -m 10 -X POST localhost:8080/customers/$C/touchpoints -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: $1" -d "{\"channel\":\"PHONE\",\"direction\":\"INBOUND\",\"purpose\":\"demo $1\",\"valence\":\"NEUTRAL\"}"
}
load() { # writers append "key status" lines
  for w in 1 2 3 4; do ( n=0; while [ ! -f /tmp/demo/stop ]; do n=$((n+1)); k="demo-$2-$w-$n"; echo "$k $(write $k)" >> /tmp/demo/attempts.txt; done ) & done
}
rm -f /tmp/demo/stop /tmp/demo/attempts.txt
for round in jvm all; do
  load x $round; sleep 15
  ENGINE=$(pgrep -f 'JourneyEngineApplication' | head -1)
  if [ $round = jvm ]; then kill -9 $ENGINE; echo "killed engine $ENGINE";
  else PM=$(head -1 data/postgres/postmaster.pid); PG="$PM $(pgrep -P $PM | tr '\n' ' ')"; kill -9 $ENGINE $PG; echo "killed engine $ENGINE and postgres $PG"; fi
  sleep 3; touch /tmp/demo/stop; sleep 11; rm -f /tmp/demo/stop
  start $round
  # retry every key not acknowledged, with the same key and body
  for k in $(awk '$2!="201"{print $1}' /tmp/demo/attempts.txt | sort -u); do
    grep -q "^$k 201" /tmp/demo/attempts.txt || echo "$k $(write $k)" >> /tmp/demo/attempts.txt
  done
done
grep " 201$" /tmp/demo/attempts.txt | awk '{print $1}' | sort -u > /tmp/demo/acked.txt
echo "acknowledged keys: $(wc -l < /tmp/demo/acked.txt); attempts: $(wc -l < /tmp/demo/attempts.txt); statuses: $(awk '{print $2}' /tmp/demo/attempts.txt | sort | uniq -c | tr '\n' ' ')"
PORT=$(grep -o "listening on localhost:[0-9]*" /tmp/demo/engine-all.log | tail -1 | cut -d: -f2)
psql -At -h localhost -p $PORT -U postgres -d postgres -c "SELECT convert_from(meta_data,'UTF8')::jsonb ->> 'idempotencyKey' FROM domain_event_entry WHERE aggregate_identifier='$C' AND payload_type LIKE '%TouchpointRecorded'" | sort > /tmp/demo/recorded.txt
echo "events recorded: $(wc -l < /tmp/demo/recorded.txt); distinct keys: $(sort -u /tmp/demo/recorded.txt | wc -l)"
echo "lost (acknowledged, not recorded): $(comm -23 /tmp/demo/acked.txt <(sort -u /tmp/demo/recorded.txt) | wc -l)"
echo "dup (recorded twice): $(uniq -d /tmp/demo/recorded.txt | wc -l)"
curl -s "localhost:8080/customers/$C/history/verify" -H "Authorization: Bearer $TOKEN" | head -c 300; echo
pkill -f JourneyEngineApplication; sleep 5
