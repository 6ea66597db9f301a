#!/usr/bin/env bash
# Starts each demo from the jar the README runs (after ./mvnw -B -DskipTests package or verify) on a free loopback
# port and checks that it answers: the page, and 401 for the API without a token. Stops each demo it started.
set -euo pipefail
cd "$(dirname "$0")/.."

# The HTTP status of a GET, 000 when nothing answers (python3 rather than curl: CI installs no curl).
status() {
  python3 - "$1" <<'PY'
import sys, urllib.request, urllib.error
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=5).status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception:
    print("000")
PY
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

smoke() {
  local jar=$1 port pid code i
  [ -f "$jar" ] || { echo "missing $jar" >&2; return 1; }
  port=$(free_port)
  PORT=$port java -jar "$jar" >"$jar.smoke.log" 2>&1 &
  pid=$!
  code=000
  for i in $(seq 1 120); do
    code=$(status "http://127.0.0.1:$port/api/todos")
    [ "$code" != 000 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  local page
  page=$(status "http://127.0.0.1:$port/")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ "$code" != 401 ] || [ "$page" != 200 ]; then
    echo "$jar on port $port: GET /api/todos -> $code (want 401), GET / -> $page (want 200)" >&2
    cat "$jar.smoke.log" >&2
    return 1
  fi
  echo "== $jar: answers on PORT=$port (page 200, API without token 401)"
}

smoke examples/target/jwt-security-demo.jar
smoke spring-demo/target/jwt-security-spring-demo.jar
