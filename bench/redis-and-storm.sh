#!/usr/bin/env bash
# Issue 20 item 5 in one short command each, optionally A/B against another build of Herald in the same run:
#
#   bench/redis-and-storm.sh redis [ROUNDS]   Herald through its memory broker, Redis Pub/Sub and Redis Streams,
#                                             1,000 subscribers, as fast as it answers with 64 publishes in flight,
#                                             2 s warm-up then 5 s measured; about 1 minute a round per build
#   bench/redis-and-storm.sh path [ROUNDS]    the brokers' publish path alone, in one process (RedisPublishPath: no
#                                             HTTP, no fan-out), Pub/Sub and Streams, 64 in flight, 2 s + 5 s;
#                                             publishes/s and CPU per publish; about 30 s a round per build
#   bench/redis-and-storm.sh storm [ROUNDS]   19,500 streams opened at once on one channel (the connect storm of
#                                             compare-nchan.sh), then 1 s of 10 msg/s; against nginx + Nchan too
#                                             when its module is installed; about 1 minute a round per server
#   BASELINE_JAR=/tmp/herald-main.jar bench/redis-and-storm.sh redis 5
#                                             the same runs against that jar too, interleaved with this checkout's
#                                             (A B A B), so both see the same noise
#
# ROUNDS defaults to 3. Medians over the rounds go to stdout as a Markdown table; every run's JSON line (with its
# round and build) to bench/results/redis-and-storm-<scenario>-<date>.jsonl. For Redis: deliveries/s, the ratio to
# the memory broker of the same build in the same round (the target is >= 0.5), deliveries per second of Herald's
# CPU (less sensitive to other load on the machine than deliveries/s) and the p99. For the storm: seconds until every
# stream had its response headers (Herald sends them once the stream is live), streams ended and events lost.
# Builds the jars if missing. Everything listens on 127.0.0.1 on free ports (a private redis-server without
# persistence, never 6379), every run is bounded by the harness and a timeout here, and the servers are stopped
# however the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."

scenario=${1:-}
rounds=${2:-3}
case $scenario in redis | path | storm) ;; *)
  echo "usage: bench/redis-and-storm.sh redis|path|storm [ROUNDS]" >&2
  exit 2
  ;;
esac
if ! [[ $rounds =~ ^[1-9]$ ]]; then
  echo "redis-and-storm: ROUNDS must be 1 to 9, got '$rounds'" >&2
  exit 2
fi
server_jar=$PWD/herald-server/target/herald.jar
bench_jar=herald-bench/target/herald-bench.jar
baseline_jar=${BASELINE_JAR:-}
nchan_module=/usr/lib/nginx/modules/ngx_nchan_module.so
storm_streams=19500
harness_limit_s=180
results=bench/results/redis-and-storm-$scenario-$(date +%F).jsonl

work=$(mktemp -d)
server_pid=""
redis_pid=""
redis_port=""
port=""

log() { echo "redis-and-storm: $*" >&2; }
fail() { log "$*"; exit 1; }

. bench/processes.sh

cleanup() {
  if [ -n "$server_pid" ]; then stop "$server_pid"; fi
  if [ -n "$redis_pid" ]; then stop "$redis_pid" 5; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for_port() {
  local what=$1 i
  for ((i = 0; i < 300; i++)); do
    port_in_use "$port" && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "$what exited before listening"; }
    sleep 0.1
  done
  fail "$what did not listen on $port within 30 s"
}

# start_herald JAR STREAMS MODE: bin/herald with that jar, the per-address limits lifted (the harness is 127.0.0.1).
start_herald() {
  local jar=$1 streams=$2 mode=$3 options=()
  [ "$mode" = memory ] || options=(--redis "redis://127.0.0.1:$redis_port" --redis-mode "$mode")
  port=$(free_port)
  HERALD_JAR=$jar HERALD_MAX_CONNECTIONS=$streams bin/herald --host 127.0.0.1 --port "$port" \
      --max-streams-per-client "$streams" --publish-rate 1000000 "${options[@]}" >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_for_port Herald
}

start_nchan() {
  mkdir -p "$work/nginx"
  port=$(free_port)
  cat >"$work/nginx/nginx.conf" <<CONF
load_module $nchan_module;
worker_processes auto;
worker_rlimit_nofile $(ulimit -Hn);
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections $(ulimit -Hn); }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  nchan_shared_memory_size 256m;
  server {
    listen 127.0.0.1:$port;
    location ~ ^/sub/(.+)\$ { nchan_subscriber eventsource; nchan_channel_id \$1; nchan_eventsource_event bench;
      nchan_eventsource_ping_interval 15; nchan_subscriber_timeout 0; }
    location = /pub { nchan_publisher; nchan_channel_id \$arg_id; nchan_message_buffer_length 200000;
      nchan_message_timeout 1h; }
  }
}
CONF
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_for_port nginx
}

# harness BUILD LABEL API STREAMS OPTIONS...: one run against the running server; its line goes to the results.
harness() {
  local build=$1 label=$2 api=$3 streams=$4 line
  shift 4
  log "round $round, $build, $label"
  if line=$(timeout "$harness_limit_s" java -jar "$bench_jar" --api "$api" --url "http://127.0.0.1:$port" \
      --subscribers "$streams" --pid "$server_pid" --label "$label" "$@" 2>"$work/harness.err"); then
    echo "{\"round\":$round,\"build\":\"$build\",${line#\{}" >>"$results"
  else
    log "$label ($build) failed: $(tail -n 3 "$work/harness.err" | tr '\n' ' ')"
  fi
  stop "$server_pid"
  server_pid=""
}

redis_round() {
  local build=$1 jar=$2 mode
  for mode in memory pubsub streams; do
    [ "$mode" = memory ] || start_redis
    start_herald "$jar" 1000 "$mode"
    harness "$build" "$mode" herald 1000 --rate 0 --max-in-flight 64 --warmup 2 --duration 5
    if [ -n "$redis_pid" ]; then stop "$redis_pid" 5; redis_pid=""; fi
  done
}

path_round() {
  local build=$1 jar=$2 mode line
  start_redis
  for mode in pubsub streams; do
    log "round $round, $build, path $mode"
    # The build's classes first: its brokers are the ones measured, the harness's class comes from the bench jar.
    if line=$(timeout "$harness_limit_s" java -Xms256m -Xmx256m -cp "$jar:$bench_jar" dev.herald.bench.load.RedisPublishPath \
        --redis "redis://127.0.0.1:$redis_port" --mode "$mode" --in-flight 64 --warmup 2 --duration 5 2>"$work/harness.err"); then
      echo "{\"round\":$round,\"build\":\"$build\",\"label\":\"path-$mode\",${line#\{}" >>"$results"
    else
      log "path $mode ($build) failed: $(tail -n 3 "$work/harness.err" | tr '\n' ' ')"
    fi
  done
  stop "$redis_pid" 5
  redis_pid=""
}

storm_round() {
  local build=$1 jar=$2
  if [ "$build" = nchan ]; then start_nchan; else start_herald "$jar" "$storm_streams" memory; fi
  harness "$build" storm "$([ "$build" = nchan ] && echo nchan || echo herald)" "$storm_streams" \
      --max-connecting "$storm_streams" --rate 10 --warmup 0 --duration 1
}

# The medians of the results, as a Markdown table (awk: no JSON library needed for these flat fields).
report() {
  awk -v scenario="$scenario" '
    function field(name,   m) { return match($0, "\"" name "\":[^,}]*") ? substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 3) : "" }
    function median(list,   n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n == 0 ? "-" : (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2)
    }
    {
      b = field("build"); gsub(/"/, "", b); l = field("label"); gsub(/"/, "", l); r = field("round")
      key = b SUBSEP l; keys[key] = 1; builds[b] = 1
      d = field("deliveriesPerS") + 0; cpu = field("serverCpuS") + 0
      rate[key] = rate[key] " " d; shown[key] = shown[key] (shown[key] == "" ? "" : ", ") sprintf("%.0f", d); p99[key] = p99[key] " " field("p99Ms")
      if (cpu > 0) perCpu[key] = perCpu[key] " " d * field("durationS") / cpu
      connect[key] = connect[key] " " field("connectS"); shownConnect[key] = shownConnect[key] (shownConnect[key] == "" ? "" : ", ") field("connectS"); closed[key] = closed[key] " " field("streamsClosed")
      lost[key] = lost[key] " " field("lost");
      p = field("publishedPerS"); published[key] = published[key] " " p; shownPublished[key] = shownPublished[key] (shownPublished[key] == "" ? "" : ", ") p
      cpuPer[key] = cpuPer[key] " " field("cpuMicrosPerPublish"); failed[key] = failed[key] " " field("failed"); byRound[b, l, r] = d; rounds[r] = 1
    }
    END {
      if (scenario == "redis") {
        print "| build | broker | deliveries/s | / memory, same round | deliveries per Herald CPU-second | p99 ms |"
        print "|---|---|---:|---:|---:|---:|"
        for (b in builds) for (m = 1; m <= 3; m++) {
          l = m == 1 ? "memory" : m == 2 ? "pubsub" : "streams"; key = b SUBSEP l
          if (!(key in keys)) continue
          ratios = ""
          for (r in rounds) if (byRound[b, "memory", r] > 0 && (b, l, r) in byRound) ratios = ratios " " byRound[b, l, r] / byRound[b, "memory", r]
          printf "| %s | %s | %.0f (%s) | %.2f | %.0f | %s |\n", b, l, median(rate[key]), shown[key], median(ratios), median(perCpu[key]), median(p99[key])
        }
      } else if (scenario == "path") {
        print "| build | broker | publishes/s | CPU µs per publish | failed |"
        print "|---|---|---:|---:|---:|"
        for (key in keys) { split(key, k, SUBSEP); printf "| %s | %s | %.0f (%s) | %.0f | %s |\n", k[1], k[2], median(published[key]), shownPublished[key], median(cpuPer[key]), median(failed[key]) }
      } else {
        print "| server | seconds until every stream had its headers | streams ended | events lost |"
        print "|---|---:|---:|---:|"
        for (key in keys) { split(key, k, SUBSEP); printf "| %s | %s (%s) | %s | %s |\n", k[1], median(connect[key]), shownConnect[key], median(closed[key]), median(lost[key]) }
      }
    }' "$results"
}

command -v redis-server >/dev/null 2>&1 || fail "redis-server is not on the PATH (apt-get install redis-server)"
if [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
  log "building the jars"
  mvn -B -q -DskipTests package -pl herald-server,herald-bench -am
fi
[ -z "$baseline_jar" ] || [ -f "$baseline_jar" ] || fail "BASELINE_JAR $baseline_jar does not exist"
if [ "$scenario" = storm ]; then
  ulimit -n "$(ulimit -Hn)"
  [ "$(ulimit -n)" -gt $((storm_streams + 300)) ] || fail "the open-file limit $(ulimit -n) is too low for $storm_streams streams"
fi
mkdir -p "$(dirname "$results")"
: >"$results"
log "results: $results"
for round in $(seq 1 "$rounds"); do
  if [ -n "$baseline_jar" ]; then "${scenario}_round" baseline "$baseline_jar"; fi
  "${scenario}_round" this "$server_jar"
  if [ "$scenario" = storm ] && [ -f "$nchan_module" ] && command -v nginx >/dev/null 2>&1; then storm_round nchan ""; fi
done
report
