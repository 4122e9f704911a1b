#!/usr/bin/env bash
# Herald against nginx + Nchan, side by side on this machine, every target of issue 12 in one command, and
# docs/BENCHMARKS.md rewritten from the result:
#
#   bench/compare-nchan.sh [ROUNDS]        (default 2; each round runs every scenario against both servers)
#   BENCH_QUICK=1 bench/compare-nchan.sh 1 (smoke test: small counts, 1 s windows, a few minutes; writes the
#                                          document and charts to a temporary folder, never to docs/)
#   BENCH_DOC=path/to/doc.md               (optional: the document to rewrite; its charts go to bench/ beside it)
#   BENCH_ONLY=inflight bench/compare-nchan.sh [ROUNDS]
#                                          (the backpressure target of issue 20 alone, about 3 minutes a round: 1,000
#                                          subscribers at 1, 2 and 8 publishes in flight against Herald, Herald with
#                                          --publish-backlog 0 (nothing slows a publisher) and Nchan; prints a Markdown
#                                          table of medians and the verdicts, and writes nothing under docs/). At 1 in
#                                          flight Herald also runs at Nchan's pace (--rate = the publishes/s Nchan
#                                          reached just before in the same round): its p99 at the same load.
#                                          BENCH_IN_FLIGHT="1 2 8" (the default) picks the in-flight counts.
#
# Installs what is missing (nginx-light, libnginx-mod-nchan, gnuplot-nox and redis-server from Debian, as root),
# builds the jars, then per round, each scenario against a freshly started Herald and then a freshly started
# nginx + Nchan (A B A B):
#   - fan-out to 1,000 subscribers as fast as possible with 1, 2, 8 and 32 publishes in flight, 10 s each;
#   - the same pinned (server on CPU 0, nginx with one worker, Herald with one event loop when its --help lists
#     --event-loops; harness on CPU 1) at 1 and 8 in flight, for deliveries per second of server CPU;
#   - the sustained open-loop rate at 1,000 and at 10,000 subscribers: one fresh server per series, --rate
#     stepped up a ladder (1 s warm-up, 5 s the first step, then 5 s measured per step) until a step breaks; a
#     series' first broken step is run once more, and if that run passes the ladder goes on to the next break;
#   - 1,000 x 100 msg/s and 10,000 x 10 msg/s (latency), 10,000 idle streams (memory), 19,500 streams held 20 s
#     past a heartbeat (memory), and a connect storm of 19,500 streams opened at once;
#   - Herald alone through its in-memory broker, Redis Pub/Sub and Redis Streams (a private redis-server on a
#     free port, started afresh for each) at 64 in flight.
# Every JSON line of the harness, with its round, goes to bench/results/compare-nchan-<date>.jsonl; the medians,
# ratios, every run, the targets of issue 12 and the charts go to docs/BENCHMARKS.md (between its markers) and
# docs/bench/. Everything listens on 127.0.0.1 on free ports, every run is bounded by the harness and by a timeout
# here, and the servers are stopped however the script ends. Takes 10 to 15 minutes a round (the ladders), so 20 to 30 for the
# default 2 rounds, plus a minute or two of build (it prints an estimate first); BENCH_QUICK=1 about 4 minutes a round.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-2}
if ! [[ $rounds =~ ^[1-9]$ ]]; then
  echo "compare-nchan: ROUNDS must be 1 to 9, got '$rounds'" >&2
  exit 2
fi
quick=${BENCH_QUICK:-0}
only=${BENCH_ONLY:-}
in_flights=${BENCH_IN_FLIGHT:-1 2 8}
if ! [[ $in_flights =~ ^[128]( [128])*$ ]]; then
  echo "compare-nchan: BENCH_IN_FLIGHT must list 1, 2 or 8 (e.g. \"1 8\"), got '$in_flights'" >&2
  exit 2
fi
if ! [[ $only =~ ^(inflight)?$ ]]; then
  echo "compare-nchan: BENCH_ONLY must be empty or inflight, got '$only'" >&2
  exit 2
fi
if ! [[ $quick =~ ^[01]$ ]]; then
  echo "compare-nchan: BENCH_QUICK must be 0 or 1, got '$quick'" >&2
  exit 2
fi
date=$(date +%F)
server_jar=herald-server/target/herald.jar
bench_jar=herald-bench/target/herald-bench.jar
nchan_module=/usr/lib/nginx/modules/ngx_nchan_module.so
harness_limit_s=300
# Open loop: publishes the server has not answered yet may pile up to this many before the publisher holds back.
open_loop_in_flight=1024
redis_in_flight=64

if [ "$quick" = 1 ]; then
  few=200 many=1000 most_streams=2000
  window_s=1 warmup_s=1 step_warmup_s=1 first_step_warmup_s=1 step_s=1 idle_hold_s=2 long_hold_s=2 max_steps=3
  # Steps far apart, so that a quick run also sees a step break and its confirmation.
  ladder_few=(100 1000 20000) ladder_many=(5 50 500)
  round_minutes=4
  out=$(mktemp -d /tmp/compare-nchan-quick.XXXXXX)
  doc=${BENCH_DOC:-$out/BENCHMARKS.md}
  results=$out/compare-nchan-$date.jsonl
else
  few=1000 many=10000
  # Idle streams for the largest scenarios: the open-file limit less room for the processes' own files.
  most_streams=19500
  window_s=10 warmup_s=2 step_warmup_s=1 first_step_warmup_s=5 step_s=5 idle_hold_s=10 long_hold_s=20 max_steps=15
  # About sqrt(2) a step. On the 2-core machine Nchan sustained 100-141 msg/s at 1,000 subscribers and Herald 400-800
  # (2026-11-29); at 10,000 neither kept its p99 under 100 ms even at 1 msg/s, so that ladder only tells them
  # apart when a machine does better.
  ladder_few=(100 141 200 283 400 566 800 1131 1600 2263 3200 4525 6400 9051 12800)
  ladder_many=(1 2 3 5 7 10 14 20 28 40 57 80 113 160 226)
  round_minutes=15
  doc=${BENCH_DOC:-docs/BENCHMARKS.md}
  results=bench/results/compare-nchan-$date.jsonl
fi
charts=$(dirname "$doc")/bench

work=$(mktemp -d)
server_pid=""
redis_pid=""
redis_port=""
herald_loop_options=()
round=0

log() { echo "compare-nchan: $*" >&2; }
fail() { log "$*"; exit 1; }

. bench/processes.sh

cleanup() {
  if [ -n "$server_pid" ]; then stop "$server_pid"; fi
  if [ -n "$redis_pid" ]; then stop "$redis_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_missing() {
  local missing=()
  command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
  [ -f "$nchan_module" ] || missing+=(libnginx-mod-nchan)
  command -v gnuplot >/dev/null 2>&1 || missing+=(gnuplot-nox)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v taskset >/dev/null 2>&1 || missing+=(util-linux)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || fail "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run this as root"
  log "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y "${missing[@]}" >&2 || { apt-get update -qq >&2 && apt-get install -y "${missing[@]}" >&2; }
  # Debian's packages may start their own nginx on port 80 and redis-server on 6379; this script uses neither.
}

# wait_for_port PORT PID WHAT: 0 once PORT listens; 1 if the process exited first (a port taken meanwhile, say).
wait_for_port() {
  local port=$1 pid=$2 what=$3 i
  for ((i = 0; i < 300; i++)); do
    port_in_use "$port" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$what exited before listening on $port: $(tail -n 3 "$work"/*.log 2>/dev/null | tr '\n' ' ')"
      wait "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.1
  done
  fail "$what did not listen on $port within 30 s"
}

# start_herald STREAMS PORT LAYOUT: the packaged Herald through bin/herald, its heap sized for STREAMS. LAYOUT is
# shared (both cores), pinned (CPU 0, one event loop where Herald has the option), or a broker: memory, pubsub or
# streams (through the private redis-server). Every stream and publish of the harness comes from 127.0.0.1, so the
# per-address limits are lifted.
start_herald() {
  local streams=$1 port=$2 layout=$3 prefix=() options=()
  case $layout in
    pinned) prefix=(taskset -c 0); options=("${herald_loop_options[@]}") ;;
    pubsub | streams) options=(--redis "redis://127.0.0.1:$redis_port" --redis-mode "$layout") ;;
    unbounded) options=(--publish-backlog 0) ;;
  esac
  HERALD_MAX_CONNECTIONS=$streams "${prefix[@]}" bin/herald --host 127.0.0.1 --port "$port" \
    --max-streams-per-client "$streams" --publish-rate 1000000 "${options[@]}" >"$work/herald.log" 2>&1 &
  server_pid=$!
  wait_for_port "$port" "$server_pid" Herald
}

# start_nchan PORT LAYOUT: nginx with a worker per core (shared) or one worker on CPU 0 (pinned), Nchan's
# subscriber and publisher locations.
start_nchan() {
  local port=$1 layout=$2 workers=auto prefix=()
  if [ "$layout" = pinned ]; then workers=1; prefix=(taskset -c 0); fi
  mkdir -p "$work/nginx"
  cat >"$work/nginx/nginx.conf" <<CONF
load_module $nchan_module;
worker_processes $workers;
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
    location ~ ^/sub/(.+)\$ {
      nchan_subscriber eventsource;
      nchan_channel_id \$1;
      nchan_eventsource_event bench;
      nchan_eventsource_ping_interval 15;
      nchan_subscriber_timeout 0;
    }
    location = /pub {
      nchan_publisher;
      nchan_channel_id \$arg_id;
      nchan_message_buffer_length 200000;
      nchan_message_timeout 1h;
    }
  }
}
CONF
  "${prefix[@]}" nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' >"$work/nginx.log" 2>&1 &
  server_pid=$!
  wait_for_port "$port" "$server_pid" nginx
}

# start_server API STREAMS LAYOUT: a fresh server on a free port; sets server_pid and port.
start_server() {
  local api=$1 streams=$2 layout=$3 attempt
  for attempt in 1 2 3; do
    port=$(free_port)
    if [ "$api" = herald ]; then start_herald "$streams" "$port" "$layout" && return 0
    else start_nchan "$port" "$layout" && return 0; fi
    server_pid=""
  done
  fail "$api did not start in 3 attempts"
}

stop_server() {
  stop "$server_pid"
  server_pid=""
}

# harness LABEL API STREAMS LAYOUT HARNESS_OPTIONS...: one run against the running server; its JSON line, with the
# round added, goes to the results file and to the variable line. When the harness fails, a line saying so (with
# its last error) goes there instead, and the harness's status is returned.
harness() {
  local label=$1 api=$2 streams=$3 layout=$4 prefix=() status=0 reason
  shift 4
  [ "$layout" = pinned ] && prefix=(taskset -c 1)
  log "round $round, $label, $api $* (pid $server_pid, port $port)"
  line=$(timeout "$harness_limit_s" "${prefix[@]}" java -jar "$bench_jar" --api "$api" --url "http://127.0.0.1:$port" \
      --subscribers "$streams" --pid "$server_pid" --label "$label" "$@" 2> >(tee "$work/harness.err" >&2)) || status=$?
  if [ "$status" -ne 0 ]; then
    sleep 0.2 # for tee to write the harness's last words
    reason=$(grep '^herald-bench:' "$work/harness.err" 2>/dev/null | tail -n 1 | sed 's/^herald-bench: //' | tr -d '"\\' | cut -c 1-200)
    [ -n "$reason" ] || reason="exit status $status$([ "$status" -ne 124 ] || echo ", stopped after $harness_limit_s s")"
    local rate=0 previous="" option
    for option in "$@"; do
      [ "$previous" = --rate ] && rate=$option
      previous=$option
    done
    line="{\"round\":$round,\"label\":\"$label\",\"api\":\"$api\",\"subscribers\":$streams,\"rate\":$rate,\"failed\":\"$reason\"}"
    echo "$line" >>"$results"
    log "$label against $api failed: $reason"
    return "$status"
  fi
  line="{\"round\":$round,${line#\{}"
  echo "$line" >>"$results"
}

# run LABEL API STREAMS LAYOUT HARNESS_OPTIONS...: one scenario against a fresh server. A failed run is recorded as
# such and the script goes on: the report shows it, and a half-hour run is not lost to one scenario.
run() {
  local label=$1 api=$2 streams=$3 layout=$4
  start_server "$api" "$streams" "$layout"
  harness "$@" || true
  stop_server
}

# sustained LABEL API STREAMS RATE...: one fresh server, then the rates in turn (each step on a channel of its own,
# so that no step reads what an earlier one left in the channel's history) until a step breaks twice in a row
# (once more only once per series) or the ladder ends. The first step warms a fresh server up longer, so that a
# cold JIT does not end the series. A step whose harness fails breaks.
sustained() {
  local label=$1 api=$2 streams=$3 confirmed=0 step=0 rate verdict
  shift 3
  start_server "$api" "$streams" shared
  for rate in "$@"; do
    while true; do
      step=$((step + 1))
      if ! harness "$label" "$api" "$streams" shared --rate "$rate" --max-in-flight "$open_loop_in_flight" \
          --warmup "$([ "$step" -eq 1 ] && echo "$first_step_warmup_s" || echo "$step_warmup_s")" \
          --duration "$step_s" --channel "bench-$round-$step"; then
        if ! kill -0 "$server_pid" 2>/dev/null; then
          log "$api exited during $label"
          server_pid=""
          return 0
        fi
      fi
      if verdict=$(java -cp "$bench_jar" dev.herald.bench.compare.SustainedRate "$line"); then
        log "  $rate msg/s sustained"
        break
      fi
      log "  $rate msg/s broke: $verdict"
      if [ "$confirmed" -eq 1 ]; then
        stop_server
        return 0
      fi
      confirmed=1
      log "  running $rate msg/s once more to confirm"
    done
  done
  stop_server
}

# through_redis MODE: Herald alone with the in-memory broker or through a fresh private redis-server.
through_redis() {
  local mode=$1
  [ "$mode" = memory ] || start_redis
  run "redis-$mode-inflight$redis_in_flight" herald "$few" "$mode" --rate 0 --max-in-flight "$redis_in_flight" \
      --warmup "$warmup_s" --duration "$window_s"
  if [ -n "$redis_pid" ]; then stop "$redis_pid"; redis_pid=""; rm -f "$work/redis.log"; fi
}

# inflight_only: the runs of BENCH_ONLY=inflight, then their table on stdout (and beside the results).
inflight_only() {
  local in_flight variant
  results=bench/results/inflight-$date.jsonl
  [ "$quick" = 1 ] && results=$out/inflight-$date.jsonl
  mkdir -p "$(dirname "$results")"
  : >"$results"
  log "about $((rounds * 3 + 1)) minutes: $rounds round(s) of 9 runs, and the build; results: $results"
  log "building the jars"
  mvn -B -q -DskipTests -pl herald-server,herald-bench -am package
  started=$SECONDS
  for round in $(seq 1 "$rounds"); do
    for in_flight in $in_flights; do
      for variant in herald unbounded nchan paced; do
        case $variant in
          herald) run "fanout-1k-inflight$in_flight" herald "$few" shared --rate 0 --max-in-flight "$in_flight" \
              --warmup "$warmup_s" --duration "$window_s" ;;
          unbounded) run "fanout-1k-inflight$in_flight-unbounded" herald "$few" unbounded --rate 0 \
              --max-in-flight "$in_flight" --warmup "$warmup_s" --duration "$window_s" ;;
          nchan) run "fanout-1k-inflight$in_flight" nchan "$few" shared --rate 0 --max-in-flight "$in_flight" \
              --warmup "$warmup_s" --duration "$window_s"
            nchan_pace=$(sed -n 's/.*"publishedPerS":\([0-9]*\).*/\1/p' <<<"$line") ;;
          paced) if [ "$in_flight" = 1 ] && [ "${nchan_pace:-0}" -gt 0 ]; then
              run "fanout-1k-inflight$in_flight-paced" herald "$few" shared --rate "$nchan_pace" \
                --max-in-flight "$in_flight" --warmup "$warmup_s" --duration "$window_s"
            fi ;;
        esac
      done
    done
    log "round $round done after $(((SECONDS - started) / 60)) min"
  done
  java -cp "$bench_jar" dev.herald.bench.compare.InflightReport "$results" | tee "${results%.jsonl}.md"
  log "done; results in $results, table in ${results%.jsonl}.md"
}

install_missing
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((most_streams + 300)) ] || fail "the open-file limit $(ulimit -n) is too low for $most_streams streams"
[ "$(nproc)" -ge 2 ] || fail "the pinned runs need 2 CPUs (server on CPU 0, harness on CPU 1); this machine has $(nproc)"
if [ "$only" = inflight ]; then
  inflight_only
  exit 0
fi
log "about $((rounds * round_minutes + 1)) minutes: $rounds round(s) of about $round_minutes, and the build"
log "results: $results; document: $doc; charts: $charts"
log "building the jars"
mvn -B -q -DskipTests package
server_help=$(java -jar "$server_jar" --help 2>&1 || true)
if grep -q -- '--event-loops' <<<"$server_help"; then
  herald_loop_options=(--event-loops 1)
  pinned_herald="one event loop (\`--event-loops 1\`)"
else
  log "this Herald has no --event-loops option; pinned Herald runs with its default event loops"
  pinned_herald="its default event loops (this build has no \`--event-loops\`)"
fi
mkdir -p "$(dirname "$results")" "$charts"
: >"$results"
started=$SECONDS

for round in $(seq 1 "$rounds"); do
  for in_flight in 1 2 8 32; do
    for api in herald nchan; do
      run "fanout-1k-inflight$in_flight" "$api" "$few" shared --rate 0 --max-in-flight "$in_flight" \
          --warmup "$warmup_s" --duration "$window_s"
    done
  done
  for in_flight in 1 8; do
    for api in herald nchan; do
      run "pinned-1k-inflight$in_flight" "$api" "$few" pinned --rate 0 --max-in-flight "$in_flight" \
          --warmup "$warmup_s" --duration "$window_s"
    done
  done
  for api in herald nchan; do sustained sustained-1k "$api" "$few" "${ladder_few[@]:0:$max_steps}"; done
  for api in herald nchan; do sustained sustained-10k "$api" "$many" "${ladder_many[@]:0:$max_steps}"; done
  for api in herald nchan; do
    run rate100-1k "$api" "$few" shared --rate 100 --warmup "$warmup_s" --duration "$window_s"
  done
  for api in herald nchan; do
    run rate10-10k "$api" "$many" shared --rate 10 --warmup "$warmup_s" --duration "$window_s"
  done
  for api in herald nchan; do
    run idle-10k "$api" "$many" shared --hold "$idle_hold_s" --rate 10 --warmup 0 --duration 2
  done
  # Held past one 15 s heartbeat (a quick run holds less).
  for api in herald nchan; do
    run hold-19500 "$api" "$most_streams" shared --hold "$long_hold_s" --rate 10 --warmup 0 --duration 5
  done
  for api in herald nchan; do
    run storm-19500 "$api" "$most_streams" shared --max-connecting "$most_streams" --rate 10 --warmup 0 --duration 1
  done
  for mode in memory pubsub streams; do through_redis "$mode"; done
  log "round $round done after $(((SECONDS - started) / 60)) min"
done

memory_gib=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
java_version=$(java -version 2>&1 | head -n 1)
nginx_version=$(nginx -v 2>&1 | sed 's|nginx version: ||')
nchan_version=$(dpkg-query -W -f='${Version}' libnginx-mod-nchan 2>/dev/null || echo unknown)
redis_version=$(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')
machine="$(nproc) cores, $memory_gib GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $java_version, $nginx_version with Nchan $nchan_version, Redis $redis_version; servers and harness on the same machine"
setup="Herald as \`HERALD_MAX_CONNECTIONS=<streams of the scenario> bin/herald\` (heap 64 MiB + 12 KiB per stream, serial GC, defaults otherwise: 15 s heartbeats, history 1,000), pinned with $pinned_herald. nginx with \`worker_processes auto\` (one worker per core; one worker when pinned), Nchan's \`nchan_subscriber eventsource\` with \`nchan_eventsource_event bench\` and a 15 s ping, a publisher location keeping 200,000 messages for 1 h (so that Nchan never drops a message a slow subscriber still needs), access log off. Through Redis: \`bin/herald --redis redis://127.0.0.1:<port> --redis-mode pubsub|streams\` against a private \`redis-server\` without persistence, started afresh for each run."
command="bench/compare-nchan.sh $rounds"
[ "$quick" = 1 ] && command="BENCH_QUICK=1 $command"
[ -f "$doc" ] || cp docs/BENCHMARKS.md "$doc"
java -cp "$bench_jar" dev.herald.bench.compare.ComparisonReport --results "$results" --doc "$doc" \
    --charts "$charts" --chart-link bench --command "$command" --setup "$setup" \
    --machine "$machine" --date "$date"
gnuplot -e "dir='$charts'" bench/charts.gp
log "done after $(((SECONDS - started) / 60)) min; results in $results; $doc and $charts/*.png updated"
