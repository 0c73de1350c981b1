#!/usr/bin/env bash
# Authenticated GET /api/auth/me: p50/p99 and upstream calls per request, beside GET /health in the same run.
# Usage: functions/bench/auth-me.sh [requests] [clients]   (default 2000 2; loopback only)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests -pl functions/bench -am package
exec java -cp "functions/bench/target/classes:$(cat functions/bench/target/classpath.txt)" dev.xanthus.bench.AuthMeBench \
  "${1:-2000}" "${2:-2}"
