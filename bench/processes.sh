# Sourced by the bench scripts (after they define log and cd to the repository's root): process helpers.

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
