#!/usr/bin/env bash
# Benchmark (not a test): raw `ssh -tt`, WeTTY 3.2.0, Peer B (ws + node-pty + ssh, the Coolify design) and the Xanthus
# relay, all against one throwaway OpenSSH sshd on 127.0.0.1, driven by the same client (bench.js) as the baselines in
# shared/reference/terminal-baselines.md. Needs root, /usr/sbin/sshd, node/npm, Java 17 and Maven.
#   WARMUP=4 RUNS=3 ECHO_N=1000 MEM_N=1000 PEER_MEM_N=100 terminal-relay/bench/run.sh   (SKIP_MEM=1: throughput and echo only)
# WARMUP rounds (throughput + echo on every path, interleaved like the runs) come first and are reported apart: the
# first is each server's first sessions after start ("cold"); the JVM's C2 compiler is still busy through the second
# to fourth 2,000-keystroke echo runs, and on 2 vCPUs a compile competes with the keystroke path.
#   PATHS="relay" MEM_PATHS="relay" narrow a run to some paths (default: all four, interleaved).
# Builds this module's jar with the sibling modules it needs from the same tree (-am), so it runs from a fresh clone
# (it needed them installed in ~/.m2 before); never `mvn install`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WARMUP=${WARMUP:-4}
RUNS=${RUNS:-3}
ECHO_N=${ECHO_N:-1000}
MEM_N=${MEM_N:-1000}
PEER_MEM_N=${PEER_MEM_N:-100}
PATHS=${PATHS:-raw wetty peerb relay}
MEM_PATHS=${MEM_PATHS:-relay raw wetty peerb}
SSH_PORT=${SSH_PORT:-2322}
DYN_PORT=${DYN_PORT:-8790}
RELAY_PORT=${RELAY_PORT:-8791}
TICKET_PORT=${TICKET_PORT:-8792}
WETTY_PORT=${WETTY_PORT:-8793}
PEERB_PORT=${PEERB_PORT:-8794}
# The relay's JVM and its flags: the Dockerfile runs the same JDK major (FROM eclipse-temurin:<major>-jre) with the same
# flags and MALLOC_ARENA_MAX, so the figures are the image's (infra-cdk's RelayDockerfileTest compares them).
RELAY_JAVA=${RELAY_JAVA:-java}
RELAY_JDK_MAJOR=${RELAY_JDK_MAJOR:-17}
RELAY_JAVA_OPTS=${RELAY_JAVA_OPTS:--XX:+UseSerialGC -Xms16m -Xmx512m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -Xss256k -XX:ReservedCodeCacheSize=48m}

measured_major=$("$RELAY_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "$measured_major" = "$RELAY_JDK_MAJOR" ] || {
  echo "$RELAY_JAVA is Java $measured_major; the relay image runs Java $RELAY_JDK_MAJOR (set RELAY_JAVA)" >&2; exit 2; }
[ -x /usr/sbin/sshd ] || { echo "needs /usr/sbin/sshd (apt-get install -y openssh-server)" >&2; exit 2; }
for port in $SSH_PORT $DYN_PORT $RELAY_PORT $TICKET_PORT $WETTY_PORT $PEERB_PORT; do
  if ss -ltn "sport = :$port" | grep -q LISTEN; then echo "port $port is taken" >&2; exit 2; fi
done

WORK=$(mktemp -d /tmp/relay-bench.XXXXXX)
RESULTS="$WORK/results.jsonl"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

wait_port() {
  for _ in $(seq 1 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on $1" >&2; return 1
}

echo "== build" >&2
(cd "$ROOT" && mvn -B -q -pl terminal-relay -am package -DskipTests)
(cd "$ROOT/functions/sandbox" && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; })
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
JAR="$ROOT/terminal-relay/target/xanthus-terminal-relay.jar"
javac -d "$WORK/classes" -cp "$JAR" "$HERE/BenchRelay.java"

echo "== sshd on 127.0.0.1:$SSH_PORT" >&2
mkdir -p /run/sshd
cd "$WORK"
ssh-keygen -q -t ed25519 -N '' -f hostkey
ssh-keygen -q -t ed25519 -N '' -f key
cp key.pub authorized_keys
cat > sshd_config <<CFG
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $WORK/hostkey
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/authorized_keys
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
StrictModes no
PermitRootLogin prohibit-password
PrintMotd no
PrintLastLog no
MaxStartups 2000:30:4000
MaxSessions 2000
CFG
/usr/sbin/sshd -t -f sshd_config
/usr/sbin/sshd -D -f sshd_config -E sshd.log &
PIDS+=($!)
wait_port "$SSH_PORT"
ssh -p "$SSH_PORT" -i key -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile="$WORK/kh" -o BatchMode=yes root@127.0.0.1 true
FINGERPRINT=$(ssh-keygen -l -E sha256 -f hostkey.pub | awk '{print $2}')

echo "== dynalite" >&2
mkfifo dyn.in
exec 9<>dyn.in
node "$ROOT/functions/sandbox/dynalite-child.js" 127.0.0.1 "$DYN_PORT" <&9 >dynalite.out 2>&1 &
PIDS+=($!)
wait_port "$DYN_PORT"

start_relay() {
  # shellcheck disable=SC2086
  MALLOC_ARENA_MAX=2 "$RELAY_JAVA" $RELAY_JAVA_OPTS -cp "$JAR:$WORK/classes" BenchRelay "http://127.0.0.1:$DYN_PORT" "$SSH_PORT" "$WORK/key" \
    "$FINGERPRINT" "$RELAY_PORT" "$TICKET_PORT" >>relay.log 2>&1 &
  RELAY_PID=$!
  PIDS+=($RELAY_PID)
  wait_port "$TICKET_PORT"
}
start_wetty() {
  node "$HERE/node_modules/wetty/build/main.js" --host 127.0.0.1 --port "$WETTY_PORT" --ssh-host 127.0.0.1 \
    --ssh-port "$SSH_PORT" --ssh-user root --ssh-auth publickey --ssh-key "$WORK/key" --known-hosts "$WORK/kh" \
    --force-ssh >>wetty.log 2>&1 &
  WETTY_PID=$!
  PIDS+=($WETTY_PID)
  wait_port "$WETTY_PORT"
}
start_peerb() {
  node "$HERE/peerb.js" "$PEERB_PORT" "$SSH_PORT" "$WORK/key" "$WORK/kh" >>peerb.log 2>&1 &
  PEERB_PID=$!
  PIDS+=($PEERB_PID)
  wait_port "$PEERB_PORT"
}
restart() { kill "$1"; wait "$1" 2>/dev/null || true; }
start_relay
start_wetty
start_peerb

export SSH_PORT SSH_KEY="$WORK/key" KNOWN_HOSTS="$WORK/kh" WETTY_PORT PEERB_PORT RELAY_PORT TICKET_PORT
BENCH="node $HERE/bench.js"
# one round: throughput then echo on every path; $1 tags warm-up rounds ("warmup":N) so the report keeps them apart
round() {
  local tag=$1 n=$2 p out
  for p in $PATHS; do
    for t in tput echo; do
      out=$(HARD_MS=210000 $BENCH $p $t $([ $t = echo ] && echo "$n") || echo "{\"path\":\"$p\",\"test\":\"$t\",\"failed\":true}")
      echo "${out/#\{/\{$tag}" >>"$RESULTS"
    done
  done
}
for r in $(seq 1 "$WARMUP"); do
  echo "== warm-up $r/$WARMUP: $PATHS" >&2
  round "\"warmup\":$r," 2000
done
for r in $(seq 1 "$RUNS"); do
  echo "== run $r/$RUNS: $PATHS" >&2
  round "" "$ECHO_N"
done

if [ "${SKIP_MEM:-0}" = 1 ]; then
  cp "$RESULTS" "$HERE/last-results.jsonl"
  node "$HERE/report.js" "$RESULTS"
  exit 0
fi
echo "== memory (fresh servers)" >&2
restart "$RELAY_PID"; start_relay
restart "$WETTY_PID"; start_wetty
restart "$PEERB_PID"; start_peerb
sleep 3
for p in $MEM_PATHS; do
  case $p in
    relay) HARD_MS=900000 $BENCH relay mem "$MEM_N" "$RELAY_PID" >>"$RESULTS" || echo '{"path":"relay","test":"mem","failed":true}' >>"$RESULTS" ;;
    raw) HARD_MS=600000 $BENCH raw mem "$PEER_MEM_N" >>"$RESULTS" || true ;;
    wetty) HARD_MS=600000 $BENCH wetty mem "$PEER_MEM_N" "$WETTY_PID" >>"$RESULTS" || true ;;
    peerb) HARD_MS=600000 $BENCH peerb mem "$PEER_MEM_N" "$PEERB_PID" >>"$RESULTS" || true ;;
  esac
  sleep 5
done

cp "$RESULTS" "$HERE/last-results.jsonl"
node "$HERE/report.js" "$RESULTS"
