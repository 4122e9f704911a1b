#!/usr/bin/env bash
# History's memory budget under a steady publisher: one client publishing 60 KB events on 8 channels at 100 a second
# (the former default --publish-rate; 1,000 now) for a bounded time, against a node started by bin/herald with a small fixed heap and
# the default --history-memory (64 MiB, half of that heap). One subscriber reads all 8 channels.
#
#   bench/history-soak.sh [SECONDS] [HEAP]      (defaults: 60 and 132m, the smallest heap the node accepts for the
#                                               default budget: the JVM counts one survivor space out of -Xmx)
#
# Prints one summary: the publishes by HTTP status (no 500 expected), OutOfMemoryErrors in the node's log (none), the
# live heap after each full collection (flat once the budget is reached), the share of time spent collecting, the
# resident memory sampled every 5 s, and whether the node still answers /health and a publish at the end.
# Everything listens on 127.0.0.1; every wait and transfer is bounded in time; the node is stopped however the
# script ends.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
heap=${2:-132m}
rate=100
channels=8
event_bytes=60000
jar=herald-server/target/herald.jar

if ! [[ $seconds =~ ^[0-9]{1,4}$ ]] || [ "$seconds" -lt 5 ]; then
  echo "history-soak: SECONDS must be a whole number from 5 to 9999, got '$seconds'" >&2
  exit 2
fi
[ -f "$jar" ] || { echo "history-soak: $jar is missing; build it with: mvn -B -q -DskipTests package" >&2; exit 2; }

work=$(mktemp -d)
herald_pid=""
subscriber_pid=""
log() { echo "history-soak: $*" >&2; }

. bench/processes.sh
cleanup() {
  if [ -n "$subscriber_pid" ]; then stop "$subscriber_pid"; fi
  if [ -n "$herald_pid" ]; then stop "$herald_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A fixed heap of HEAP (overriding bin/herald's own sizing), and the collector's log to read the live heap from.
HERALD_MAX_CONNECTIONS=1000 HERALD_JAVA_OPTS="-Xms$heap -Xmx$heap -Xlog:gc:file=$work/gc.log" \
    bin/herald --host 127.0.0.1 --port 0 >"$work/herald.log" 2>&1 &
herald_pid=$!
base=""
for ((i = 0; i < 300; i++)); do
  base=$(grep -o 'Herald listening on http://127.0.0.1:[0-9]*/' "$work/herald.log" 2>/dev/null | sed 's/Herald listening on //' || true)
  [ -n "$base" ] && break
  kill -0 "$herald_pid" 2>/dev/null || { cat "$work/herald.log" >&2; log "the node did not start"; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { log "the node did not start within 30 s"; exit 1; }
log "node $herald_pid at $base, heap $heap, $seconds s of $rate publishes/s of $event_bytes-byte events on $channels channels"

# The bodies, one per channel, and the publisher's curl config: one request per line group, $rate a second.
data=$(head -c "$event_bytes" /dev/zero | tr '\0' 'x')
query=""
for ((c = 0; c < channels; c++)); do
  printf '{"channel":"soak-%d","data":"%s"}' "$c" "$data" >"$work/body-$c.json"
  query+="${query:+&}channel=soak-$c"
done
total=$((rate * seconds))
for ((n = 0; n < total; n++)); do
  # options hold for one request each: "next" starts the next one afresh
  printf 'url = "%spublish"\nheader = "Content-Type: application/json"\ndata-binary = "@%s/body-%d.json"\n' \
      "$base" "$work" $((n % channels))
  printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nnext\n'

done >"$work/requests.conf"

curl -sN --max-time $((seconds + 10)) -o /dev/null -w '%{size_download}' "${base}stream?$query" \
    >"$work/subscriber.bytes" 2>/dev/null &
subscriber_pid=$!

# Resident memory every 5 s while the publisher runs.
(
  for ((t = 0; t <= seconds + 5; t += 5)); do
    echo "$t $(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$herald_pid/status" 2>/dev/null || echo -)"
    sleep 5
  done
) >"$work/rss.txt" &
sampler_pid=$!

started=$(date +%s.%N)
timeout $((seconds + 60)) curl -s --rate "$rate/s" --max-time 5 -K "$work/requests.conf" >"$work/codes.txt" 2>/dev/null \
    || true
finished=$(date +%s.%N)
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true

health=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${base}health" || echo none)
after=$(curl -s --max-time 5 -H 'Content-Type: application/json' -d '{"channel":"soak-0","data":"after"}' \
    -o /dev/null -w '%{http_code}' "${base}publish" || echo none)
gc_seconds=$(jstat -gcutil "$herald_pid" | awk 'NR == 2 { print $NF }')
uptime_seconds=$(jcmd "$herald_pid" VM.uptime 2>/dev/null | awk '/s$/ { print $(NF-1) }' | tail -1)
wait "$subscriber_pid" 2>/dev/null || true # ends by its --max-time
subscriber_pid=""

echo "publishes by status: $(sort "$work/codes.txt" | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')(of $total, in $(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.1f", b - a }') s)"
echo "OutOfMemoryErrors in the node's log: $(grep -c OutOfMemoryError "$work/herald.log" || true)"
echo "live heap after each full collection (MiB): $(grep 'Pause Full' "$work/gc.log" | sed -E 's/.*->([0-9]+)M.*/\1/' | tr '\n' ' ')"
echo "heap after the last 5 young collections (MiB): $(grep 'Pause Young' "$work/gc.log" | tail -5 | sed -E 's/.*->([0-9]+)M.*/\1/' | tr '\n' ' ')"
echo "collections: $(grep -c 'Pause Young' "$work/gc.log" || true) young, $(grep -c 'Pause Full' "$work/gc.log" || true) full; ${gc_seconds} s collecting of ${uptime_seconds} s up"
echo "resident memory every 5 s (MiB): $(awk '{ print $2 }' "$work/rss.txt" | tr '\n' ' ')"
echo "subscriber read: $(( $(cat "$work/subscriber.bytes" 2>/dev/null || true)0 / 10485760 )) MiB"
echo "at the end: /health $health, a publish $after"
