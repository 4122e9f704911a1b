#!/usr/bin/env bash
# A backend publishing with a valid token from one address, at the default limits: 2,000 publishes a second for 5 s
# (after 2 s of warm-up), one subscriber reading them. The default per-address rate is 1,000 a second, so every
# publish passing shows that a token publisher is counted by its token's subject (token-publish-rate, 5,000 a second).
#
#   [MAX_IN_FLIGHT=256] bench/token-publisher.sh [results.jsonl]      (default bench/results/token-publisher.jsonl)
#
# Appends the harness's JSON line to the results file and prints it; progress goes to stderr. Herald listens on
# 127.0.0.1 on a port of its own choosing; every wait is bounded, and Herald is stopped however the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."

results=${1:-bench/results/token-publisher.jsonl}
rate=2000
duration_s=5
server_jar=herald-server/target/herald.jar
bench_jar=herald-bench/target/herald-bench.jar
harness_limit_s=120
# A throwaway secret for this run only: the token it signs is valid for 10 minutes, on this loopback server.
secret="token-publisher-bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"

work=$(mktemp -d)
: >"$work/herald.log"
herald_pid=""

log() { echo "token-publisher: $*" >&2; }
fail() { log "$*"; exit 1; }

. bench/processes.sh

cleanup() {
  if [ -n "$herald_pid" ]; then stop "$herald_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
  log "building the jars"
  mvn -B -q -DskipTests -pl herald-server,herald-bench -am package
fi

# Only the limits of the defaults: no --publish-rate, no --token-publish-rate.
HERALD_JWT_SECRET="$secret" java -Xms256m -Xmx256m -jar "$server_jar" --host 127.0.0.1 --port 0 \
    >"$work/herald.log" 2>&1 &
herald_pid=$!
port=""
for ((i = 0; i < 300; i++)); do
  port=$(sed -n 's|^Herald listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/herald.log")
  [ -n "$port" ] && break
  kill -0 "$herald_pid" 2>/dev/null || { cat "$work/herald.log" >&2; fail "Herald exited before listening"; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/herald.log" >&2; fail "Herald did not say it was listening within 30 s"; }
log "Herald $herald_pid on 127.0.0.1:$port"

token=$(HERALD_JWT_SECRET="$secret" java -jar "$server_jar" token --publish bench --ttl 10m)

mkdir -p "$(dirname "$results")"
log "$rate publishes/s with a token for $duration_s s, from 127.0.0.1"
line=$(timeout "$harness_limit_s" java -jar "$bench_jar" --url "http://127.0.0.1:$port" --subscribers 1 \
    --channel bench --rate "$rate" --max-in-flight "${MAX_IN_FLIGHT:-256}" --duration "$duration_s" --pid "$herald_pid" --token "$token" \
    --label "token-publisher/rate$rate")
echo "$line" >>"$results"
echo "$line"
log "results appended to $results"
