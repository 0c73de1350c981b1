#!/usr/bin/env bash
# The dashboard page loaded as the browser loads it (6 API routes, in parallel where the page is), with 200 ms injected
# latency on every Cloudflare and Hetzner route.
# Usage: functions/bench/dashboard.sh [loads] [servers] [apps] [latency-ms]   (default 20 10 50 200; loopback only)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests -pl functions/bench -am package
exec java -cp "functions/bench/target/classes:$(cat functions/bench/target/classpath.txt)" dev.xanthus.bench.DashboardBench \
  "${1:-20}" "${2:-10}" "${3:-50}" "${4:-200}"
