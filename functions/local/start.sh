#!/usr/bin/env bash
# Builds whatever is missing or stale, then runs the Xanthus local stack (sandbox mode) in the foreground.
# Ports and folders: see "Configuration" in README.md. Ctrl-C stops every process it started.
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=functions/local/target/xanthus-local.jar
stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find pom.xml functions frontend terminal-relay -newer "$jar" \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' -o -name '*.yaml' -o -name '*.yml' \
         -o -name 'package-lock.json' -o -name '*.js' -o -name '*.mjs' -o -name '*.ts' -o -name '*.svelte' \
         -o -name '*.css' -o -name '*.html' -o -name '*.svg' \) \
      -not -path '*/target/*' -not -path '*/node_modules/*' -not -path '*/build/*' -not -path '*/.svelte-kit/*' \
      -not -path '*/e2e/*' \
      -print -quit 2>/dev/null)" ]
}
if stale; then
  echo "xanthus: building (first run, or sources changed since the last build)…"
  # -am reaches the frontend too (functions/local depends on it), so frontend/build is rebuilt with the jar.
  # The old jar goes first: when functions/local's own classes are unchanged the jar plugin keeps it, and Spring
  # Boot's repackage then skips an already repackaged jar, keeping the old copies of the other modules inside.
  rm -f "$jar"
  mvn -B -q -DskipTests -Dmaven.test.skip.exec=true -pl functions/local -am package
fi
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" "$@"
