#!/usr/bin/env bash
# Herald's three brokers under the same load: in memory, Redis Pub/Sub and Redis Streams, each with 1000
# subscribers at 100 messages/s ("rate100") and as fast as it answers ("max"), 10 s measured each.
#
#   bench/redis-modes.sh [results.jsonl]      (default bench/results/redis-modes.jsonl)
#
# Appends one JSON line per run to the results file and prints it; progress goes to stderr. Runs a private
# redis-server on a free loopback port (never 6379) with no persistence, and each Herald on a port of its own
# choosing; everything listens on 127.0.0.1, every wait is bounded, and Redis and Herald are stopped however
# the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."

results=${1:-bench/results/redis-modes.jsonl}
subscribers=1000
duration_s=10
server_jar=herald-server/target/herald.jar
bench_jar=herald-bench/target/herald-bench.jar
# The harness bounds its own phases (connect 60 s, warm-up 2 s, window, drain 10 s); this is a backstop.
harness_limit_s=300

work=$(mktemp -d)
redis_pid=""
redis_port=""
herald_pid=""
herald_port=""

log() { echo "redis-modes: $*" >&2; }
fail() { log "$*"; exit 1; }

# stop, free_port, start_redis
. bench/processes.sh

cleanup() {
  if [ -n "$herald_pid" ]; then stop "$herald_pid"; fi
  if [ -n "$redis_pid" ]; then stop "$redis_pid" 5; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_if_missing() {
  if [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
    log "building the jars"
    mvn -B -q -DskipTests package
  fi
}

find_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
      fail "redis-server is not on the PATH: install it (apt-get install redis-server), or run this script as root to let it do so"
    fi
    log "redis-server is not on the PATH; installing Debian's package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y redis-server >&2 || { apt-get update -qq >&2 && apt-get install -y redis-server >&2; }
    command -v redis-server >/dev/null 2>&1 || fail "redis-server still not on the PATH after installing it"
  fi
}

# start_herald MODE: memory, pubsub or streams; Herald picks a free port and says which.
start_herald() {
  local mode=$1 out="$work/herald-$1.log" i
  # every stream and publish of the harness comes from 127.0.0.1: the per-address limits are lifted
  local args=(--host 127.0.0.1 --port 0 --max-streams-per-client "$subscribers" --publish-rate 1000000)
  if [ "$mode" != memory ]; then
    args+=(--redis "redis://127.0.0.1:$redis_port" --redis-mode "$mode")
  fi
  java -Xms256m -Xmx256m -jar "$server_jar" "${args[@]}" >"$out" 2>&1 &
  herald_pid=$!
  for ((i = 0; i < 300; i++)); do
    if grep -q 'Herald listening on' "$out"; then
      herald_port=$(sed -n 's|^Herald listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out")
      log "Herald ($mode) $herald_pid on 127.0.0.1:$herald_port"
      return 0
    fi
    if ! kill -0 "$herald_pid" 2>/dev/null; then
      cat "$out" >&2
      fail "Herald ($mode) exited before listening"
    fi
    sleep 0.1
  done
  cat "$out" >&2
  fail "Herald ($mode) did not say it was listening within 30 s"
}

# run_harness LABEL RATE: one run against the current Herald; its JSON line goes to the results and stdout.
run_harness() {
  local label=$1 rate=$2 line
  log "$label: $subscribers subscribers, rate $rate, ${duration_s} s"
  line=$(timeout "$harness_limit_s" java -jar "$bench_jar" --url "http://127.0.0.1:$herald_port" \
      --subscribers "$subscribers" --rate "$rate" --duration "$duration_s" --pid "$herald_pid" --label "$label")
  echo "$line" >>"$results"
  echo "$line"
}

build_if_missing
find_redis
mkdir -p "$(dirname "$results")"
start_redis
for mode in memory pubsub streams; do
  start_herald "$mode"
  run_harness "$mode/rate100" 100
  run_harness "$mode/max" 0
  stop "$herald_pid"
  herald_pid=""
done
log "results appended to $results"
