#!/usr/bin/env bash
# What presence and pattern subscriptions cost the fan-out (issue 19), each against the same run without it, A/B
# interleaved so that a noisy machine hits every variant alike:
#
#   bench/part11-cost.sh [rounds]      (default 5 rounds; about 90 s a round)
#
# Each round runs, in an order rotated from round to round:
#   - the load harness against a fresh Herald (memory broker) with SUBSCRIBERS streams (default 2000) and publishes as
#     fast as it answers (MAX_IN_FLIGHT at once, default 8) for DURATION_S seconds (default 8), in three variants:
#     base (streams on channel bench.a), presence (the same with --presence-channels '*', every stream counted and its
#     channel announced) and pattern (streams on the pattern bench.*, events published on bench.a);
#   - JMH's PatternFanOutBenchmark (1,000 streams, exact name against pattern, no other patterns) and
#     PresenceBenchmark (a stream's open and close on a channel of 1,000: hub only, counted, announced), one short fork.
# Then it prints every run and, per figure, the median of the rounds and its ratio to the base. Raw lines go to
# bench/results/part11-cost-<time>.txt. Needs the jars (built here when missing, with mvn package; never install).
# Everything listens on 127.0.0.1, every run is bounded in count and time, and Herald is stopped however the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-5}
subscribers=${SUBSCRIBERS:-2000}
max_in_flight=${MAX_IN_FLIGHT:-8}
duration_s=${DURATION_S:-8}
server_jar=herald-server/target/herald.jar
bench_jar=herald-bench/target/herald-bench.jar
harness_limit_s=180
jmh_limit_s=300
case "$rounds" in (*[!0-9]*|'') echo "part11-cost: rounds must be a whole number, got '$rounds'" >&2; exit 2;; esac
[ "$rounds" -ge 1 ] && [ "$rounds" -le 20 ] || { echo "part11-cost: rounds must be 1 to 20, got $rounds" >&2; exit 2; }

work=$(mktemp -d)
herald_pid=""
herald_port=""
mkdir -p bench/results
raw="bench/results/part11-cost-$(date -u +%Y%m%dT%H%M%SZ).txt"

log() { echo "part11-cost: $*" >&2; }
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
  mvn -B -q -o -DskipTests package -pl herald-server,herald-bench -am
fi

# start_herald VARIANT: a fresh server on a free port of its choosing.
start_herald() {
  local variant=$1 out="$work/herald-$1.log" i
  local args=(--host 127.0.0.1 --port 0 --max-streams "$((subscribers + 100))" --max-streams-per-client "$subscribers"
      --publish-rate 1000000)
  [ "$variant" = presence ] && args+=(--presence-channels '*')
  java -Xms256m -Xmx256m -jar "$server_jar" "${args[@]}" >"$out" 2>&1 &
  herald_pid=$!
  for ((i = 0; i < 300; i++)); do
    if grep -q 'Herald listening on' "$out"; then
      herald_port=$(sed -n 's|^Herald listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out")
      return 0
    fi
    kill -0 "$herald_pid" 2>/dev/null || { cat "$out" >&2; fail "Herald ($variant) exited before listening"; }
    sleep 0.1
  done
  fail "Herald ($variant) did not say it was listening within 30 s"
}

field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" <<<"$2"; }

# load VARIANT ROUND: one harness run; appends "load VARIANT ROUND deliveries/s deliveries-per-server-CPU-s p50-ms".
load() {
  local variant=$1 round=$2 line stream=(--stream-channel bench.a) dps cpu p50
  [ "$variant" = pattern ] && stream=(--stream-channel 'bench.*')
  start_herald "$variant"
  line=$(timeout "$harness_limit_s" java -jar "$bench_jar" --url "http://127.0.0.1:$herald_port" \
      --subscribers "$subscribers" --channel bench.a "${stream[@]}" --rate 0 --max-in-flight "$max_in_flight" \
      --duration "$duration_s" --pid "$herald_pid" --label "part11-$variant-$round" 2>"$work/harness.err") \
      || { cat "$work/harness.err" >&2; fail "the harness failed ($variant, round $round)"; }
  stop "$herald_pid"
  herald_pid=""
  dps=$(field deliveriesPerS "$line")
  cpu=$(field serverCpuS "$line")
  p50=$(field p50Ms "$line")
  [ "$(field lost "$line")" = 0 ] || log "round $round, $variant: events lost: $(field lost "$line")"
  echo "load $variant $round $dps $(awk -v d="$dps" -v s="$duration_s" -v c="$cpu" 'BEGIN { printf "%.0f", d * s / c }') $p50" \
      | tee -a "$raw"
}

# jmh ROUND: both benchmarks, one short fork; appends "jmh <benchmark>/<param> ROUND score".
jmh() {
  local round=$1 csv="$work/jmh.csv"
  timeout "$jmh_limit_s" java -cp "$bench_jar" org.openjdk.jmh.Main \
      'PatternFanOutBenchmark|PresenceBenchmark' -p otherPatterns=0 -p subscribers=1000 \
      -f 1 -wi 2 -w 1s -i 3 -r 1s -rf csv -rff "$csv" >"$work/jmh.out" 2>&1 \
      || { tail -n 20 "$work/jmh.out" >&2; fail "JMH failed (round $round)"; }
  # "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: ...", one line a benchmark
  awk -F, -v r="$round" 'NR > 1 {
      gsub(/["\r]/, ""); kind = ($1 ~ /PatternFanOut/) ? "pattern" : "presence"; param = "?";
      for (i = 8; i <= NF; i++) if ($i ~ /^(exact|pattern|off|counted|announced)$/) param = $i;
      printf "jmh %s/%s %s %s\n", kind, param, r, $5 }' "$csv" \
      | tee -a "$raw"
}

variants=(base presence pattern)
for ((round = 1; round <= rounds; round++)); do
  log "round $round of $rounds"
  for ((k = 0; k < 3; k++)); do
    load "${variants[$(((round - 1 + k) % 3))]}" "$round"
  done
  jmh "$round"
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
load_median() { awk -v v="$1" -v c="$2" '$1 == "load" && $2 == v { print $c }' "$raw" | median; }
jmh_median() { awk -v b="$1" '$1 == "jmh" && $2 == b { print $4 }' "$raw" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# paired KIND A B COLUMN: the median over rounds of A's figure over B's in the same round (load: column 4, 5 or 6).
paired() {
  awk -v k="$1" -v a="$2" -v b="$3" -v c="$4" '$1 == k && $2 == a { x[$3] = $c } $1 == k && $2 == b { y[$3] = $c }
      END { for (r in x) if (r in y && y[r] > 0) printf "%.3f\n", x[r] / y[r] }' "$raw" | median
}

echo
echo "load harness: $subscribers streams on one channel, publishes as fast as answered ($max_in_flight in flight),"
echo "${duration_s} s each, $rounds rounds, medians (ratio to base):"
echo "[median of each round's own ratio to that round's base]"
printf '%-9s %24s %34s %22s\n' variant deliveries/s "deliveries per server CPU s" "p50 ms"
base_dps=$(load_median base 4); base_cpu=$(load_median base 5); base_p50=$(load_median base 6)
for variant in "${variants[@]}"; do
  dps=$(load_median "$variant" 4); cpu=$(load_median "$variant" 5); p50=$(load_median "$variant" 6)
  printf '%-9s %10s (%s) [%s] %20s (%s) [%s] %8s (%s) [%s]\n' "$variant" \
      "$dps" "$(ratio "$dps" "$base_dps")" "$(paired load "$variant" base 4)" \
      "$cpu" "$(ratio "$cpu" "$base_cpu")" "$(paired load "$variant" base 5)" \
      "$p50" "$(ratio "$p50" "$base_p50")" "$(paired load "$variant" base 6)"
done
echo
echo "JMH, $rounds forks, medians:"
exact=$(jmh_median pattern/exact); pattern=$(jmh_median pattern/pattern)
echo "  PatternFanOutBenchmark, 1,000 streams, events/s (x 1,000 = deliveries/s): exact $exact, pattern $pattern ($(ratio "$pattern" "$exact")) [$(paired jmh pattern/pattern pattern/exact 4)]"
off=$(jmh_median presence/off); counted=$(jmh_median presence/counted); announced=$(jmh_median presence/announced)
echo "  PresenceBenchmark, a stream's open and close on a channel of 1,000, us: hub only $off, counted $counted ($(ratio "$counted" "$off")) [$(paired jmh presence/counted presence/off 4)], announced $announced ($(ratio "$announced" "$off")) [$(paired jmh presence/announced presence/off 4)]"
echo
echo "every run: $raw; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
