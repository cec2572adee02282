# Shared helpers for the service scripts. Everything lives under the repository:
#   .cache/  downloaded or built binaries (kept between runs)
#   .data/   server data
#   .run/    pid files, ports, logs and the env file that points the catalog at the services
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
DATA="$ROOT/.data"
RUN="$ROOT/.run"
mkdir -p "$CACHE" "$DATA" "$RUN"

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] error: %s\n' "$*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# wait_for NAME PORT SECONDS LOGFILE
wait_for() {
  local name=$1 port=$2 secs=$3 logf=$4 i
  for ((i = 0; i < secs * 4; i++)); do
    port_open "$port" && return 0
    sleep 0.25
  done
  tail -n 30 "$logf" >&2 || true
  die "$name did not open port $port within ${secs}s (log: $logf)"
}

stop_pid() {
  local name=$1 pidf=$2 i
  if alive "$pidf"; then
    kill -TERM "$(cat "$pidf")" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do alive "$pidf" || break; sleep 0.25; done
    alive "$pidf" && kill -KILL "$(cat "$pidf")" 2>/dev/null || true
    log "$name stopped"
  fi
  rm -f "$pidf"
}
