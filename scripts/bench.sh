#!/usr/bin/env bash
# Runs every benchmark and writes BENCHMARKS.md at the repository root.
#
#   scripts/bench.sh                 # full run (about 15-25 minutes on 2 cores)
#   scripts/bench.sh --quick         # smoke run: short JMH iterations, 3 s wrk sides
#   scripts/bench.sh --no-build      # reuse benchmarks/target/benchmarks.jar
#   scripts/bench.sh --only REGEX    # JMH benchmarks matching REGEX only (skips load, burst and flood)
#
# Overridable through the environment:
#   JMH_OPTS      JMH settings           (default "-f 1 -wi 5 -w 2s -i 5 -r 2s"; quick "-f 1 -wi 2 -w 1s -i 3 -r 1s")
#   JMH_PROF      JMH profiler           (default "gc": gc.alloc.rate.norm is reported as bytes/op)
#   WRK_THREADS   wrk threads            (default 2)
#   WRK_CONNS     wrk connections        (default 2)
#   WRK_SECONDS   seconds per wrk side   (default 10; quick 3), after a warm-up of WRK_WARMUP (default 5; quick 2)
#   WRK_ROUNDS    measured rounds, alternating open/filtered (default 2; quick 1)
#   OUT           results directory      (default benchmarks/target/bench-results)
#   REPORT        report file            (default BENCHMARKS.md)
#   JWTSEC_BENCH_REDIS_URL     Redis for the shared-store rows, e.g. redis://127.0.0.1:6379 (default: a throw-away
#                              redis-server on a free loopback port, if installed; otherwise those rows are left out)
#   JWTSEC_BENCH_POSTGRES_URL  PostgreSQL for the shared-store rows, a JDBC URL with user (default: a throw-away
#                              cluster on a free loopback port, if the postgresql package is installed)
#
# Benchmarks never run in ./mvnw verify; this script is the only way they run. Everything listens on 127.0.0.1 only
# and every process it starts is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

COMMAND="scripts/bench.sh${*:+ $*}"
QUICK=0
BUILD=1
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-build) BUILD=0 ;;
    --only) ONLY="$2"; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$QUICK" = 1 ]; then
  JMH_OPTS="${JMH_OPTS:--f 1 -wi 2 -w 1s -i 3 -r 1s}"
  WRK_SECONDS="${WRK_SECONDS:-3}"
  WRK_WARMUP="${WRK_WARMUP:-2}"
  WRK_ROUNDS="${WRK_ROUNDS:-1}"
else
  JMH_OPTS="${JMH_OPTS:--f 1 -wi 5 -w 2s -i 5 -r 2s}"
  WRK_SECONDS="${WRK_SECONDS:-10}"
  WRK_WARMUP="${WRK_WARMUP:-5}"
  WRK_ROUNDS="${WRK_ROUNDS:-2}"
fi
JMH_PROF="${JMH_PROF:-gc}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNS="${WRK_CONNS:-2}"
OUT="${OUT:-benchmarks/target/bench-results}"
REPORT="${REPORT:-BENCHMARKS.md}"
JAR=benchmarks/target/benchmarks.jar

PIDS=()
STOPS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  for c in "${STOPS[@]:-}"; do
    [ -n "$c" ] && eval "$c" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Servers for the shared-store rows (SharedStoreBenchmark), unless given: loopback only, persistence off.
start_bench_servers() {
  if [ -z "${JWTSEC_BENCH_REDIS_URL:-}" ] && command -v redis-server >/dev/null 2>&1; then
    local dir port
    dir=$(mktemp -d /tmp/jwtsec-bench-redis.XXXXXX)
    port=$(free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    STOPS+=("kill \$(cat $dir/redis.pid); rm -rf $dir")
    for _ in $(seq 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    export JWTSEC_BENCH_REDIS_URL="redis://127.0.0.1:$port"
  fi
  if [ -z "${JWTSEC_BENCH_POSTGRES_URL:-}" ] && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    local pgbin dir port
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    dir=$(mktemp -d /tmp/jwtsec-bench-pg.XXXXXX)
    port=$(free_port)
    chown postgres:postgres "$dir" 2>/dev/null || true
    as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
    as_pg "$pgbin/initdb -D $dir/data -A trust -U postgres -E UTF8 --no-locale" >/dev/null
    as_pg "$pgbin/pg_ctl -D $dir/data -l $dir/log -w -t 60 \
      -o '-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off' start" >/dev/null
    if [ "$(id -u)" = 0 ]; then
      STOPS+=("su postgres -s /bin/sh -c '$pgbin/pg_ctl -D $dir/data -m immediate stop'; rm -rf $dir")
    else
      STOPS+=("$pgbin/pg_ctl -D $dir/data -m immediate stop; rm -rf $dir")
    fi
    export JWTSEC_BENCH_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
  fi
  echo "== shared-store servers: redis=${JWTSEC_BENCH_REDIS_URL:-none} postgres=${JWTSEC_BENCH_POSTGRES_URL:-none}"
}

START="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

if [ "$BUILD" = 1 ]; then
  echo "== build"
  ./mvnw -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
fi
[ -f "$JAR" ] || { echo "missing $JAR; run without --no-build" >&2; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT"
# Other work on the machine skews every number: the report shows the load average around the run.
cat /proc/loadavg > "$OUT/loadavg-start" 2>/dev/null || true

start_bench_servers

echo "== JMH ($JMH_OPTS -prof $JMH_PROF)"
# shellcheck disable=SC2086
java -jar "$JAR" $JMH_OPTS -prof "$JMH_PROF" -rf json -rff "$OUT/jmh.json" ${ONLY:+"$ONLY"} | tee "$OUT/jmh.txt"

if [ -z "$ONLY" ]; then
  echo "== loopback load (wrk, 127.0.0.1)"
  if ! command -v wrk >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq wrk
  fi
  java -Xms256m -Xmx256m -cp "$JAR" dev.jwtsecurity.benchmarks.e2e.LoopbackServer \
      "$OUT/e2e.port" "$OUT/e2e.token" 900 > "$OUT/e2e-server.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 150); do [ -s "$OUT/e2e.port" ] && break; sleep 0.2; done
  [ -s "$OUT/e2e.port" ] || { cat "$OUT/e2e-server.log"; echo "server did not start" >&2; exit 1; }
  PORT="$(cat "$OUT/e2e.port")"
  TOKEN="$(cat "$OUT/e2e.token")"
  run_wrk() { # side seconds outfile
    wrk -t"$WRK_THREADS" -c"$WRK_CONNS" -d"$2"s --latency -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$PORT/$1/hello" > "$3"
  }
  run_wrk open "$WRK_WARMUP" "$OUT/wrk-warmup-open.txt"
  run_wrk api "$WRK_WARMUP" "$OUT/wrk-warmup-api.txt"
  for r in $(seq "$WRK_ROUNDS"); do
    run_wrk open "$WRK_SECONDS" "$OUT/wrk-open-$r.txt"
    run_wrk api "$WRK_SECONDS" "$OUT/wrk-api-$r.txt"
  done
  kill "${PIDS[-1]}" 2>/dev/null || true
  wait "${PIDS[-1]}" 2>/dev/null || true

  echo "== password burst and throttle flood"
  mem() { # name output [env...]
    local main="$1" json="$2"; shift 2
    env "$@" java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -cp "$JAR" \
        "dev.jwtsecurity.benchmarks.mem.$main" "$OUT/$json.json" | tee "$OUT/$json.txt"
  }
  mem PasswordBurst PasswordBurst
  # Diagnostic: the same burst with glibc's mmap threshold fixed (no arena retention of the 19 MiB blocks).
  mem PasswordBurst PasswordBurstMmap MALLOC_MMAP_THRESHOLD_=1048576
  mem ThrottleFlood ThrottleFlood
fi

cat /proc/loadavg > "$OUT/loadavg-end" 2>/dev/null || true
echo "== report"
python3 benchmarks/report.py --out "$OUT" --report "$REPORT" --command "$COMMAND" --started "$START" \
    --jmh-opts "$JMH_OPTS -prof $JMH_PROF" \
    --wrk "wrk -t$WRK_THREADS -c$WRK_CONNS -d${WRK_SECONDS}s x $WRK_ROUNDS rounds per side after ${WRK_WARMUP}s warm-up"
echo "wrote $REPORT"
