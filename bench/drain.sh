#!/usr/bin/env bash
# The drain of a node under load, and the storm it replaces: two Herald nodes in Redis Streams mode on one private
# redis-server; 5000 clients stream from node A and, when their stream ends, reconnect to node B with Last-Event-ID
# after the retry they were given (an EventSource behind a load balancer); 20 messages/s are published to node B; node
# A gets SIGTERM. Run twice in one go: node A with --drain-time 10s, then with --drain-time 0 (every stream ended at
# once, as before the drain existed).
#
#   bench/drain.sh [results.jsonl] [streams]      (default bench/results/drain.jsonl, 5000)
#
# Appends one JSON line per run to the results file (DrainReport: reconnects per second at B, lost, duplicated and
# reordered events, A's exit time and status) and prints the per-second table of each run; progress goes to stderr.
# Needs herald-server/target/herald.jar and herald-bench/target/herald-bench.jar built from this checkout
# (mvn -B -o -q -pl herald-server,herald-bench -am package -DskipTests). Everything listens on 127.0.0.1, every wait
# is bounded, at most 20,000 open files per process, and Redis and both nodes are stopped however the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."

results=${1:-bench/results/drain.jsonl}
streams=${2:-5000}
rate=20
server_jar=herald-server/target/herald.jar
bench_jar=herald-bench/target/herald-bench.jar
# The harness bounds its phases (open 120 s, 5 s before and 25 s after the SIGTERM, catch-up 30 s); a backstop.
harness_limit_s=300

work=$(mktemp -d)
redis_pid=""
redis_port=""
a_pid=""
b_pid=""
node_port=""
node_pid=""

log() { echo "drain: $*" >&2; }
fail() { log "$*"; exit 1; }

# stop, free_port, start_redis
. bench/processes.sh

cleanup() {
  if [ -n "$a_pid" ]; then stop "$a_pid"; fi
  if [ -n "$b_pid" ]; then stop "$b_pid"; fi
  if [ -n "$redis_pid" ]; then stop "$redis_pid" 5; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ulimit -n 20000

[ -f "$server_jar" ] && [ -f "$bench_jar" ] || fail "build the jars first: mvn -B -o -q -pl herald-server,herald-bench -am package -DskipTests"
command -v redis-server >/dev/null 2>&1 || fail "redis-server is not on the PATH (apt-get install redis-server)"

# start_node NAME DRAIN_TIME: sets node_pid and node_port.
start_node() {
  local name=$1 drain=$2 out="$work/herald-$1-$2.log" i
  java -Xms512m -Xmx512m -jar "$server_jar" --host 127.0.0.1 --port 0 \
      --redis "redis://127.0.0.1:$redis_port" --redis-mode streams \
      --max-streams 20000 --max-streams-per-client 20000 --publish-rate 1000 --drain-time "$drain" >"$out" 2>&1 &
  node_pid=$!
  for ((i = 0; i < 300; i++)); do
    if grep -q 'Herald listening on' "$out"; then
      node_port=$(sed -n 's|^Herald listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out")
      log "node $name ($node_pid) on 127.0.0.1:$node_port, --drain-time $drain"
      return 0
    fi
    kill -0 "$node_pid" 2>/dev/null || { cat "$out" >&2; fail "node $name exited before listening"; }
    sleep 0.1
  done
  fail "node $name did not say it was listening within 30 s"
}

# scenario DRAIN_TIME: fresh nodes A and B, the harness, A's exit status; one JSON line to the results.
scenario() {
  local drain=$1 a_port b_port line status load_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  start_node A "$drain"; a_pid=$node_pid; a_port=$node_port
  start_node B 10s; b_pid=$node_pid; b_port=$node_port
  line=$(timeout "$harness_limit_s" java -Xmx1g -cp "$bench_jar" dev.herald.bench.load.DrainHarness \
      --from "http://127.0.0.1:$a_port" --to "http://127.0.0.1:$b_port" --pid "$a_pid" \
      --streams "$streams" --rate "$rate" --channel "drain-$drain" --label "drain-time $drain")
  status=0
  wait "$a_pid" || status=$?
  a_pid=""
  log "node A exited with status $status"
  # The load average before and after: these machines are shared, and a loaded one delays every figure.
  line="${line%\}},\"aExitStatus\":$status,\"date\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"cores\":$(nproc)"
  line="$line,\"loadBefore\":\"$load_before\",\"loadAfter\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
  echo "$line" >>"$results"
  echo "$line"
  stop "$b_pid"
  b_pid=""
}

mkdir -p "$(dirname "$results")"
start_redis
scenario 10s
scenario 0s
log "results appended to $results"
