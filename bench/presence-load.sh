#!/bin/bash
# Runs the load harness against a fresh Herald (memory broker) without and with --presence-channels.
cd "$(dirname "$0")/.."
for mode in without with; do
  extra=()
  [ "$mode" = with ] && extra=(--presence-channels '*')
  java -jar herald-server/target/herald.jar --port 18781 --max-streams 20000 --max-streams-per-client 20000 --publish-rate 100000 "${extra[@]}" > /tmp/herald-$mode.log 2>&1 &
  pid=$!
  for i in $(seq 1 50); do curl -s -o /dev/null http://127.0.0.1:18781/health && break; sleep 0.2; done
  timeout 120 java -jar herald-bench/target/herald-bench.jar --url http://127.0.0.1:18781 --subscribers 2000 --rate 500 --duration 10 --pid $pid --label "presence-$mode" > /tmp/load-$mode.json 2>/tmp/load-$mode.err
  kill $pid; wait $pid 2>/dev/null
done
