#!/usr/bin/env bash
# Herald against nginx + Nchan, side by side on this machine, and docs/BENCHMARKS.md rewritten from the result:
#
#   bench/compare-nchan.sh [ROUNDS]        (default 2; each round runs every scenario against both servers)
#
# Installs what is missing (nginx-light, libnginx-mod-nchan and gnuplot-nox from Debian, as root), builds the
# jars, then runs each scenario against a freshly started Herald and then a freshly started nginx + Nchan, round
# after round (A B A B). Every JSON line of the harness goes to bench/results/compare-nchan-<date>.jsonl; the
# medians, ratios and charts go to docs/BENCHMARKS.md and docs/bench/. Everything listens on 127.0.0.1 on free
# ports, every run is bounded by the harness and by a timeout here, and the servers are stopped however the
# script ends. Takes about 8 minutes a round.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-2}
if ! [[ $rounds =~ ^[1-9]$ ]]; then
  echo "compare-nchan: ROUNDS must be 1 to 9, got '$rounds'" >&2
  exit 2
fi
date=$(date +%F)
results=bench/results/compare-nchan-$date.jsonl
server_jar=herald-server/target/herald.jar
bench_jar=herald-bench/target/herald-bench.jar
nchan_module=/usr/lib/nginx/modules/ngx_nchan_module.so
harness_limit_s=300
# Idle streams for the largest scenario: the open-file limit less room for the processes' own files.
most_streams=19500

work=$(mktemp -d)
server_pid=""

log() { echo "compare-nchan: $*" >&2; }
fail() { log "$*"; exit 1; }

stop() {
  local pid=$1 i
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 200; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  if [ -n "$server_pid" ]; then stop "$server_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_missing() {
  local missing=()
  command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
  [ -f "$nchan_module" ] || missing+=(libnginx-mod-nchan)
  command -v gnuplot >/dev/null 2>&1 || missing+=(gnuplot-nox)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || fail "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run this as root"
  log "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y "${missing[@]}" >&2 || { apt-get update -qq >&2 && apt-get install -y "${missing[@]}" >&2; }
  # Debian's package may start its own nginx on port 80; this script never uses it.
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port below Linux's ephemeral range (32768 and up by default), so that no client socket holds it.
free_port() {
  local port attempt
  for attempt in $(seq 1 50); do
    port=$((20000 + RANDOM % 12000))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  fail "found no free loopback port"
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

# start_herald STREAMS PORT: the packaged Herald through bin/herald, its heap sized for STREAMS. Every stream and
# publish of the harness comes from 127.0.0.1, so the per-address limits are lifted.
start_herald() {
  HERALD_MAX_CONNECTIONS=$1 bin/herald --host 127.0.0.1 --port "$2" --max-streams-per-client "$1" \
    --publish-rate 1000000 >"$work/herald.log" 2>&1 &
  server_pid=$!
  wait_for_port "$2" "$server_pid" Herald
}

# start_nchan PORT: nginx with two workers (one per core), Nchan's subscriber and publisher locations.
start_nchan() {
  mkdir -p "$work/nginx"
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
    listen 127.0.0.1:$1;
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
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' >"$work/nginx.log" 2>&1 &
  server_pid=$!
  wait_for_port "$1" "$server_pid" nginx
}

# run LABEL API STREAMS HARNESS_OPTIONS...: one scenario against a fresh server of API.
run() {
  local label=$1 api=$2 streams=$3 port line attempt
  shift 3
  for attempt in 1 2 3; do
    port=$(free_port)
    if [ "$api" = herald ]; then start_herald "$streams" "$port" && break; else start_nchan "$port" && break; fi
    server_pid=""
    [ "$attempt" -lt 3 ] || fail "$api did not start in 3 attempts"
  done
  log "round $round, $label, $api (pid $server_pid, port $port)"
  line=$(timeout "$harness_limit_s" java -jar "$bench_jar" --api "$api" --url "http://127.0.0.1:$port" \
      --subscribers "$streams" --pid "$server_pid" --label "$label" "$@") || fail "$label against $api failed"
  echo "$line" >>"$results"
  stop "$server_pid"
  server_pid=""
}

install_missing
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((most_streams + 300)) ] || fail "the open-file limit $(ulimit -n) is too low for $most_streams streams"
log "building the jars"
mvn -B -q -DskipTests package
mkdir -p bench/results docs/bench
: >"$results"

for round in $(seq 1 "$rounds"); do
  for api in herald nchan; do run idle-10k "$api" 10000 --hold 10 --rate 10 --warmup 0 --duration 2; done
  for api in herald nchan; do run fanout-1k-inflight8 "$api" 1000 --rate 0 --max-in-flight 8 --duration 10; done
  for api in herald nchan; do run fanout-1k-inflight32 "$api" 1000 --rate 0 --max-in-flight 32 --duration 10; done
  for api in herald nchan; do run rate100-1k "$api" 1000 --rate 100 --duration 10; done
  for api in herald nchan; do run rate10-10k "$api" 10000 --rate 10 --duration 10; done
  for api in herald nchan; do run hold-19500 "$api" "$most_streams" --hold 60 --rate 10 --warmup 0 --duration 5; done
done

memory_gib=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
java_version=$(java -version 2>&1 | head -n 1)
nginx_version=$(nginx -v 2>&1 | sed 's|nginx version: ||')
nchan_version=$(dpkg-query -W -f='${Version}' libnginx-mod-nchan 2>/dev/null || echo unknown)
machine="$(nproc) cores, $memory_gib GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), $java_version, $nginx_version with Nchan $nchan_version; servers and harness on the same machine"
setup="Herald as \`HERALD_MAX_CONNECTIONS=<streams of the scenario> bin/herald\` (heap 64 MiB + 12 KiB per stream, serial GC, defaults otherwise: one event loop for HTTP, 15 s heartbeats, history 1,000). nginx with \`worker_processes auto\` (one worker per core), Nchan's \`nchan_subscriber eventsource\` with \`nchan_eventsource_event bench\` and a 15 s ping, a publisher location keeping 200,000 messages for 1 h (so that Nchan never drops a message a slow subscriber still needs), access log off."
java -cp "$bench_jar" dev.herald.bench.compare.ComparisonReport --results "$results" --doc docs/BENCHMARKS.md \
    --charts docs/bench --chart-link bench --command "bench/compare-nchan.sh $rounds" --setup "$setup" \
    --machine "$machine" --date "$date"
gnuplot -e "dir='docs/bench'" bench/charts.gp
log "results in $results; docs/BENCHMARKS.md and docs/bench/*.png updated"
