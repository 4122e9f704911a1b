# Sourced by the bench scripts (after they define log and fail, and cd to the repository's root): process and port
# helpers, and a private redis-server (start_redis, which also wants $work, the script's own temporary folder).

# stop PID [GRACE_SECONDS]: SIGTERM, up to GRACE_SECONDS (20) for it to exit, then SIGKILL with a log line; reaps it.
stop() {
  local pid=$1 grace_s=${2:-20} i
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace_s * 10; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "process $pid still running ${grace_s} s after SIGTERM; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port: a free loopback port below Linux's ephemeral range (32768 and up by default), so that no client socket
# holds it; never 6379.
free_port() {
  local candidate attempt
  for attempt in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 12000))
    if [ "$candidate" -ne 6379 ] && ! port_in_use "$candidate"; then echo "$candidate"; return 0; fi
  done
  fail "found no free loopback port"
}

# start_redis: a private redis-server on a free loopback port, no persistence, its files in $work; sets redis_pid and
# redis_port. Another port is tried (5 at most) when it does not start, as when another process took the port first.
start_redis() {
  local attempt i
  for attempt in 1 2 3 4 5; do
    redis_port=$(free_port)
    rm -f "$work/redis.log"
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
        --logfile "$work/redis.log" >/dev/null 2>&1 &
    redis_pid=$!
    for ((i = 0; i < 100; i++)); do
      if grep -q 'Ready to accept connections' "$work/redis.log" 2>/dev/null; then
        log "redis-server $redis_pid on 127.0.0.1:$redis_port"
        return 0
      fi
      kill -0 "$redis_pid" 2>/dev/null || break
      sleep 0.1
    done
    stop "$redis_pid" 5
    redis_pid=""
    log "redis-server did not start on port $redis_port (attempt $attempt): $(tail -n 3 "$work/redis.log" 2>/dev/null)"
  done
  fail "could not start redis-server"
}
