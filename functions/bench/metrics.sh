#!/usr/bin/env bash
# GET /api/v1/vps/{id}/metrics (24h, 1h, 7d) on a sandbox server running the real sysstat, beside GET /api/v1/vps/{id}
# and GET /api/v1/vps/{id}/status of the same run: latency, upstream calls, answer size.
# Usage: functions/bench/metrics.sh [requests] [collect-seconds]   (default 30 120; loopback only)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests -pl functions/bench -am package
exec java -cp "functions/bench/target/classes:$(cat functions/bench/target/classpath.txt)" dev.xanthus.bench.MetricsBench \
  "${1:-30}" "${2:-120}"
