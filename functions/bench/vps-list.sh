#!/usr/bin/env bash
# GET /api/v1/vps with 20 servers and 200 ms injected latency on every Cloudflare and Hetzner route.
# Usage: functions/bench/vps-list.sh [requests] [servers] [latency-ms]   (default 50 20 200; loopback only)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests -pl functions/bench -am package
exec java -cp "functions/bench/target/classes:$(cat functions/bench/target/classpath.txt)" dev.xanthus.bench.VpsListBench \
  "${1:-50}" "${2:-20}" "${3:-200}"
