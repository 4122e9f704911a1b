#!/usr/bin/env bash
# Herald on a Redis Cluster in sharded Pub/Sub mode: the same load against a cluster of 1 master and of 3 masters,
# to show how the Redis work spreads over the shards.
#
#   bench/cluster.sh [ROUNDS] [results.jsonl]     (default 3 rounds; bench/results/cluster.jsonl)
#
# Per round, for 1 shard then 3 shards: a fresh cluster of that many masters (no replicas; redis-server and redis-cli
# from the PATH, free loopback ports, no persistence), one Herald with --redis-cluster, and three load harnesses at
# once, each with its own channel: the channels are picked so that on 3 shards each lives on another master (on 1
# shard the same three names all live on the one). Each harness opens SUBSCRIBERS streams and publishes RATE messages
# a second for DURATION_S s. Measured over the harnesses' run, for each master: its CPU time (utime + stime of
# /proc/<pid>/stat) and its commands (INFO commandstats, after CONFIG RESETSTAT: SPUBLISH calls and pushes are what
# the channels cost). One JSON line per run goes to the results file and stdout: deliveries per second (the three
# harnesses summed), the harnesses' lost/duplicated/reordered counts, and per shard its CPU seconds and commands.
#
# Environment: SUBSCRIBERS (default 20 per channel), RATE (default 1000 messages/s per channel), DURATION_S
# (default 10): many publishes to few streams, so that Redis's share of the work (one SPUBLISH and one push per
# message, whatever the number of streams) is as large as a 2-core machine that also runs Herald and the harnesses
# lets it be. Everything listens on 127.0.0.1; every harness is bounded by its own phases and by a timeout here;
# Redis and Herald are stopped however the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-3}
results=${2:-bench/results/cluster.jsonl}
if ! [[ $rounds =~ ^[1-9]$ ]]; then
  echo "cluster: ROUNDS must be 1 to 9, got '$rounds'" >&2
  exit 2
fi
subscribers=${SUBSCRIBERS:-20}
rate=${RATE:-1000}
duration_s=${DURATION_S:-10}
server_jar=herald-server/target/herald.jar
bench_jar=herald-bench/target/herald-bench.jar
harness_limit_s=180
channels_wanted=3

work=$(mktemp -d)
redis_pids=()
redis_ports=()
herald_pid=""
herald_port=""

log() { echo "cluster: $*" >&2; }
fail() { log "$*"; exit 1; }

# stop PID [GRACE_S]: SIGTERM, wait, and SIGKILL only if it outlives the grace time.
. bench/processes.sh

stop_cluster() {
  local pid
  for pid in "${redis_pids[@]}"; do stop "$pid" 5; done
  redis_pids=()
  redis_ports=()
}

cleanup() {
  if [ -n "$herald_pid" ]; then stop "$herald_pid"; fi
  stop_cluster
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free port whose cluster bus port (+10000) is free too, below Linux's ephemeral range, never 6379.
free_port() {
  local port attempt
  for attempt in $(seq 1 50); do
    port=$((20000 + RANDOM % 12000))
    if [ "$port" -ne 6379 ] && ! port_in_use "$port" && ! port_in_use $((port + 10000)); then
      echo "$port"
      return 0
    fi
  done
  fail "found no free loopback port"
}

cli() { local port=$1; shift; redis-cli -h 127.0.0.1 -p "$port" "$@"; }

build_if_missing() {
  if [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
    log "building the jars"
    mvn -B -q -DskipTests package -pl herald-server,herald-bench -am
  fi
}

# start_cluster MASTERS: that many masters, every slot covered, cluster_state:ok everywhere.
start_cluster() {
  local masters=$1 m port dir i first last
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
      || fail "redis-server and redis-cli (Redis 7) must be on the PATH"
  for ((m = 0; m < masters; m++)); do
    port=$(free_port)
    dir="$work/redis-$port"
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf \
        --cluster-node-timeout 1000 --save '' --appendonly no --dir "$dir" --logfile "$dir/redis.log" &
    redis_pids+=($!)
    redis_ports+=("$port")
  done
  for port in "${redis_ports[@]}"; do
    for ((i = 0; i < 100; i++)); do
      cli "$port" PING 2>/dev/null | grep -q PONG && break
      sleep 0.1
    done
    cli "$port" PING | grep -q PONG || fail "redis-server on $port did not answer"
  done
  if [ "$masters" -ge 3 ]; then
    local seeds=()
    for port in "${redis_ports[@]}"; do seeds+=("127.0.0.1:$port"); done
    redis-cli --cluster create "${seeds[@]}" --cluster-yes >"$work/create.log" 2>&1 \
        || { cat "$work/create.log" >&2; fail "redis-cli --cluster create failed"; }
  else
    for ((m = 0; m < masters; m++)); do
      first=$((m * 16384 / masters)); last=$(((m + 1) * 16384 / masters - 1))
      cli "${redis_ports[$m]}" CLUSTER ADDSLOTSRANGE "$first" "$last" >/dev/null
    done
    for port in "${redis_ports[@]:1}"; do cli "$port" CLUSTER MEET 127.0.0.1 "${redis_ports[0]}" >/dev/null; done
  fi
  for ((i = 0; i < 300; i++)); do
    local healthy=1
    for port in "${redis_ports[@]}"; do
      cli "$port" CLUSTER INFO | grep -q 'cluster_state:ok' || healthy=0
    done
    [ "$healthy" = 1 ] && break
    sleep 0.1
  done
  [ "$healthy" = 1 ] || fail "the cluster of $masters did not become healthy"
  log "cluster of $masters master(s) on ports ${redis_ports[*]}"
}

# channel_names: three names whose slots lie in thirds 0-5460, 5461-10922, 10923-16383 (one per master of the
# 3-master cluster that redis-cli creates); the same names are used on 1 shard.
channel_names() {
  local port=${redis_ports[0]} third n slot names=()
  for third in 0 1 2; do
    for ((n = 0; n < 1000; n++)); do
      slot=$(cli "$port" CLUSTER KEYSLOT "bench-$n")
      if [ $((slot * 3 / 16384)) -eq "$third" ]; then names+=("bench-$n"); break; fi
    done
  done
  echo "${names[@]}"
}

start_herald() {
  local seeds out="$work/herald.log" i
  seeds=$(printf '127.0.0.1:%s,' "${redis_ports[@]}"); seeds=${seeds%,}
  java -Xms512m -Xmx512m -jar "$server_jar" --host 127.0.0.1 --port 0 --redis-cluster "$seeds" \
      --max-streams-per-client 100000 --publish-rate 1000000 >"$out" 2>&1 &
  herald_pid=$!
  for ((i = 0; i < 300; i++)); do
    if grep -q 'Herald listening on' "$out"; then
      herald_port=$(sed -n 's|^Herald listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out")
      log "Herald $herald_pid on 127.0.0.1:$herald_port"
      return 0
    fi
    kill -0 "$herald_pid" 2>/dev/null || { cat "$out" >&2; fail "Herald exited before listening"; }
    sleep 0.1
  done
  cat "$out" >&2
  fail "Herald did not say it was listening within 30 s"
}

# cpu_ticks PID: utime + stime in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# run ROUND SHARDS: one measured run; its JSON line goes to the results and stdout.
run() {
  local round=$1 shards=$2 names i before=() after=() hz pids=() lines="" line shard_json="[" calls
  hz=$(getconf CLK_TCK)
  start_cluster "$shards"
  read -r -a names <<<"$(channel_names)"
  start_herald
  for port in "${redis_ports[@]}"; do cli "$port" CONFIG RESETSTAT >/dev/null; done
  for pid in "${redis_pids[@]}"; do before+=("$(cpu_ticks "$pid")"); done
  for ((i = 0; i < channels_wanted; i++)); do
    timeout "$harness_limit_s" java -Xmx256m -jar "$bench_jar" --url "http://127.0.0.1:$herald_port" \
        --subscribers "$subscribers" --channel "${names[$i]}" --rate "$rate" --duration "$duration_s" \
        --label "cluster-$shards/${names[$i]}" >"$work/harness-$i.json" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || fail "a harness failed (see above)"; done
  for pid in "${redis_pids[@]}"; do after+=("$(cpu_ticks "$pid")"); done
  for ((i = 0; i < ${#redis_ports[@]}; i++)); do
    calls=$(cli "${redis_ports[$i]}" INFO commandstats | tr -d '\r' \
        | sed -n 's/^cmdstat_\([a-z|]*\):calls=\([0-9]*\),.*/"\1":\2/p' | paste -sd, -)
    shard_json+="{\"port\":${redis_ports[$i]},\"cpu_s\":$(echo "scale=3; (${after[$i]} - ${before[$i]}) / $hz" | bc),\"calls\":{${calls}}}"
    if [ $((i + 1)) -lt ${#redis_ports[@]} ]; then shard_json+=","; fi
  done
  shard_json+="]"
  lines=$(cat "$work"/harness-*.json)
  line=$(jq -cs --argjson round "$round" --argjson shards "$shards" --argjson redis "$shard_json" \
      --argjson subscribers "$subscribers" --argjson rate "$rate" --argjson duration "$duration_s" '{
        label: "cluster-\($shards)", round: $round, shards: $shards, channels: length,
        subscribers_per_channel: $subscribers, rate_per_channel: $rate, duration_s: $duration,
        deliveries_per_s: (map(.deliveriesPerS) | add), published: (map(.published) | add),
        lost: (map(.lost) | add), duplicated: (map(.duplicated) | add), reordered: (map(.reordered) | add),
        redis: $redis }' <<<"$lines")
  echo "$line" >>"$results"
  echo "$line"
  stop "$herald_pid"; herald_pid=""
  stop_cluster
  rm -f "$work"/harness-*.json
}

build_if_missing
mkdir -p "$(dirname "$results")"
log "$rounds round(s) of 1 then 3 shards, 3 channels x $subscribers streams x $rate msg/s, ${duration_s} s each"
for ((r = 1; r <= rounds; r++)); do
  run "$r" 1
  run "$r" 3
done
log "results appended to $results"
