#!/usr/bin/env bash
# Cold-start benchmark: every function handler vs a minimal Spring Boot + container app and a plain handler.
# Usage: functions/bench/cold-start.sh [runs]   (default 5; loopback only: a dynalite on a free port)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests -pl functions/bench -am package
exec java -cp "functions/bench/target/classes:$(cat functions/bench/target/classpath.txt)" dev.xanthus.bench.ColdStartBench "${1:-5}"
