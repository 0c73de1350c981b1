#!/usr/bin/env bash
# GET /api/v1/applications with 50 apps in KV and 200 ms injected latency on every Cloudflare route (KV included).
# Usage: functions/bench/apps-list.sh [requests] [apps] [latency-ms]   (default 50 50 200; loopback only)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests -pl functions/bench -am package
exec java -cp "functions/bench/target/classes:$(cat functions/bench/target/classpath.txt)" dev.xanthus.bench.AppsListBench \
  "${1:-50}" "${2:-50}" "${3:-200}"
