#!/usr/bin/env bash
# Whippet against Apache Kafka on this machine, same workloads, back to back, ratios printed.
#
#   bench/compare-kafka.sh [workload ...]      default: pp1000 pc1000 fsync8 pp100
#
# workloads (every one closed loop, 1 partition per actor, one batch in flight per actor):
#   pp1000   1 producer,  batches of 1000 x 1000 B            Kafka acks=1 / Whippet default
#   pc1000   1 consumer reading back 1000 x 1000 B batches     (what pp1000 wrote, or seeded)
#   fsync8   8 producers, 1000 x 1000 B, fsync before the ack   Kafka flush.messages=1 acks=all /
#            Whippet enforce_fsync (group commit)
#   pp100    1 producer,  batches of 1000 x 100 B
#
# Kafka comes from Maven Central (bench/kafka/pom.xml, no tarball), runs as a KRaft single node on
# 127.0.0.1 with a 2 GiB heap (as in shared/bench/peers); the Whippet server runs with bin/whippet's default heap
# (512 MiB) and a GC log whose pauses are summarised at the end. Both run on the same JDK (25).
# Every process started here is stopped by its PID, also on error.
#
# env: BATCHES (2000 per actor; 1000 for fsync8)  RUNS (1)  KAFKA_VERSION (4.3.1)
#      KAFKA_HEAP (-Xms2g -Xmx2g)  WORK (${TMPDIR:-/tmp}/whippet-compare)  KAFKA_PORT (19092)
#      WHIPPET_TCP_PORT (18090)  RUN_TIMEOUT (900 s per bench run)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
# shellcheck source=bin/java-home.sh
. "$root/bin/java-home.sh"
JAVA="$JAVA_HOME/bin/java"

BATCHES=${BATCHES:-2000}
RUNS=${RUNS:-1}
KAFKA_VERSION=${KAFKA_VERSION:-4.3.1}
KAFKA_HEAP=${KAFKA_HEAP:--Xms2g -Xmx2g}
WORK=${WORK:-${TMPDIR:-/tmp}/whippet-compare}
KAFKA_PORT=${KAFKA_PORT:-19092}
WHIPPET_TCP_PORT=${WHIPPET_TCP_PORT:-18090}
RUN_TIMEOUT=${RUN_TIMEOUT:-900}
LIB=${KAFKA_LIB:-$HOME/.cache/whippet/kafka-$KAFKA_VERSION}
WORKLOADS=("$@")
[ ${#WORKLOADS[@]} -eq 0 ] && WORKLOADS=(pp1000 pc1000 fsync8 pp100)

mkdir -p "$WORK"
RESULTS=$WORK/results.txt
: >"$RESULTS"
log() { echo "# $*" >&2; }

# On a VM whose host backs guest memory lazily (this Firecracker kind: the first write of 2 GB to
# the page cache ran at 174 MB/s, the next one at 684 MB/s), whoever writes first pays for fresh
# pages. Both systems get the same treatment: before each producing workload, write and delete as
# many bytes as it will write.
prewarm() { # megabytes
  dd if=/dev/zero of="$WORK/prewarm" bs=1M count="$1" status=none
  rm -f "$WORK/prewarm"
}

# ---- Kafka ------------------------------------------------------------------------------------
if [ ! -f "$LIB/.complete" ]; then
  log "fetching Kafka $KAFKA_VERSION from Maven Central into $LIB"
  mkdir -p "$LIB"
  (cd "$root" && ./mvnw -q -B -f bench/kafka/pom.xml -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DoutputDirectory="$LIB" >&2)
  touch "$LIB/.complete"
fi

PIDS=()
stop_pid() { # pid: TERM, wait up to 30 s, then KILL
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() { for pid in "${PIDS[@]}"; do stop_pid "$pid"; done; }
trap cleanup EXIT

wait_port() { # port pid logfile
  for _ in $(seq 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "process $2 died, see $3" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.5
  done
  echo "port $1 did not open, see $3" >&2
  exit 1
}

start_kafka() {
  local dir=$WORK/kafka
  rm -rf "$dir"
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((KAFKA_PORT + 1))
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$((KAFKA_PORT + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.segment.bytes=1073741824
EOF
  cat >"$dir/log4j2.properties" <<'EOF'
rootLogger.level=WARN
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
EOF
  local jopts=(-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -Djava.awt.headless=true "-Dlog4j2.configurationFile=$dir/log4j2.properties")
  "$JAVA" -cp "$LIB/*" "${jopts[@]}" kafka.tools.StorageTool format -t "$("$JAVA" -cp "$LIB/*" \
    "${jopts[@]}" kafka.tools.StorageTool random-uuid)" -c "$dir/server.properties" >"$dir/format.log" 2>&1
  # shellcheck disable=SC2086
  "$JAVA" $KAFKA_HEAP "${jopts[@]}" -cp "$LIB/*" kafka.Kafka "$dir/server.properties" >"$dir/broker.log" 2>&1 &
  KAFKA_PID=$!
  PIDS+=("$KAFKA_PID")
  wait_port "$KAFKA_PORT" "$KAFKA_PID" "$dir/broker.log"
  sleep 2
  log "kafka $KAFKA_VERSION pid $KAFKA_PID on 127.0.0.1:$KAFKA_PORT ($KAFKA_HEAP)"
}

kafka_bench() { # label args...
  timeout "$RUN_TIMEOUT" "$JAVA" -Xmx1g -cp "$LIB/*" -Dlog4j2.configurationFile="$WORK/kafka/log4j2.properties" \
    "$root/bench/kafka/KafkaPeerBench.java" --bootstrap "127.0.0.1:$KAFKA_PORT" --label "$@" 2>>"$WORK/kafka/bench.log" \
    | grep '^RESULT' | tee -a "$RESULTS"
}

run_kafka() {
  start_kafka
  for w in "${WORKLOADS[@]}"; do
    case $w in
      pp1000) prewarm "$BATCHES"; kafka_bench pp1000 --mode produce --topic-prefix p1000 --batches "$BATCHES" ;;
      pc1000) kafka_bench pc1000 --mode consume --topic-prefix p1000 --batches "$BATCHES" ;;
      fsync8) prewarm "$((BATCHES / 2))"; kafka_bench fsync8 --mode produce --topic-prefix fs --actors 8 --acks all --fsync --batches "$((BATCHES / 2 / 8 > 0 ? BATCHES / 2 / 8 : 1))" ;;
      pp100) prewarm "$((BATCHES / 10))"; kafka_bench pp100 --mode produce --topic-prefix p100 --message-size 100 --batches "$BATCHES" ;;
      *) echo "unknown workload $w" >&2; exit 2 ;;
    esac
  done
  stop_pid "$KAFKA_PID"
  rm -rf "$WORK/kafka/data"
}

# ---- Whippet ----------------------------------------------------------------------------------
start_whippet() { # name [env assignments...]
  local name=$1
  shift
  local dir=$WORK/whippet-$name
  rm -rf "$dir"
  mkdir -p "$dir"
  env "$@" IGGY_SYSTEM_PATH="$dir/data" IGGY_TCP_ADDRESS="127.0.0.1:$WHIPPET_TCP_PORT" \
    IGGY_HTTP_ENABLED=false IGGY_QUIC_ENABLED=false \
    WHIPPET_JAVA_OPTS="${WHIPPET_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseZGC} -Xlog:gc,gc+phases:file=$dir/gc.log" \
    "$root/bin/whippet" server --with-default-root-credentials >"$dir/server.log" 2>&1 &
  WHIPPET_PID=$!
  PIDS+=("$WHIPPET_PID")
  wait_port "$WHIPPET_TCP_PORT" "$WHIPPET_PID" "$dir/server.log"
  log "whippet ($name) pid $WHIPPET_PID on 127.0.0.1:$WHIPPET_TCP_PORT"
}

# Turns the bench's console summary into a RESULT line like KafkaPeerBench's.
whippet_bench() { # label kind args...
  local label=$1
  shift
  local out
  out=$(timeout "$RUN_TIMEOUT" "$root/bin/whippet" bench "$@" --server-address "127.0.0.1:$WHIPPET_TCP_PORT" \
    -o "$WORK/reports" 2>>"$WORK/whippet-bench.log" | tee -a "$WORK/whippet-bench.log")
  awk -v label="$label" '
    /^(Producers|Consumers) \(/ { n = $2; gsub(/[():]/, "", n); mb = $4; msgs = $6 }
    /latency per (batch|poll)/ {
      for (i = 1; i <= NF; i++) { if ($i == "p50") p50 = $(i+1); if ($i == "p99") p99 = $(i+1); if ($i == "p999") p999 = $(i+1); if ($i == "max") mx = $(i+1) }
      gsub(/,/, "", p50); gsub(/,/, "", p99); gsub(/,/, "", p999); gsub(/,/, "", mx)
    }
    END { printf "RESULT whippet %s actors=%s MB_per_s=%s msgs_per_s=%s p50_ms=%s p99_ms=%s p999_ms=%s max_ms=%s\n", label, n, mb, msgs, p50, p99, p999, mx }
  ' <<<"$out" | tee -a "$RESULTS"
}

gc_summary() { # name
  local gclog=$WORK/whippet-$1/gc.log
  [ -f "$gclog" ] || return 0
  awk -v name="$1" '/Pause/ && /ms$/ { v = $NF; sub(/ms/, "", v); n++; s += v; if (v > m) m = v; if (v > 10) over++ }
    END { printf "GC whippet-%s pauses=%d total_ms=%.1f max_ms=%.2f over_10ms=%d\n", name, n, s, m, over + 0 }' "$gclog" | tee -a "$RESULTS"
}

run_whippet() {
  local plain=() fsync=()
  for w in "${WORKLOADS[@]}"; do
    case $w in fsync8) fsync+=("$w") ;; *) plain+=("$w") ;; esac
  done
  if [ ${#plain[@]} -gt 0 ]; then
    start_whippet default
    for w in "${plain[@]}"; do
      case $w in
        pp1000) prewarm "$BATCHES"; whippet_bench pp1000 pinned-producer --producers 1 -b "$BATCHES" ;;
        pc1000) whippet_bench pc1000 pinned-consumer --consumers 1 -b "$BATCHES" --reuse-streams ;;
        pp100) prewarm "$((BATCHES / 10))"; whippet_bench pp100 pinned-producer --producers 1 -m 100 -b "$BATCHES" ;;
      esac
    done
    stop_pid "$WHIPPET_PID"
    gc_summary default
  fi
  if [ ${#fsync[@]} -gt 0 ]; then
    start_whippet fsync IGGY_SYSTEM_PARTITION_ENFORCE_FSYNC=true
    prewarm "$((BATCHES / 2))"
    whippet_bench fsync8 pinned-producer --producers 8 -b "$((BATCHES / 2 / 8 > 0 ? BATCHES / 2 / 8 : 1))"
    stop_pid "$WHIPPET_PID"
    gc_summary fsync
  fi
}

# Build first so that compile time never lands inside a measurement.
"$root/bin/whippet" bench --help >/dev/null 2>&1
"$root/bin/whippet" help >/dev/null 2>&1
log "machine: $(nproc) cpus, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg), java $("$JAVA" -version 2>&1 | head -1)"
for run in $(seq "$RUNS"); do
  log "run $run of $RUNS"
  run_kafka
  run_whippet
done

# ---- Table: medians over runs, ratios Whippet / Kafka --------------------------------------------
echo
awk '
  /^RESULT/ {
    sys = $2; w = $3
    for (i = 4; i <= NF; i++) { split($i, kv, "="); v[sys, w, kv[1], ++c[sys, w, kv[1]]] = kv[2] }
    if (!(w in seen)) { seen[w] = 1; order[++nw] = w }
  }
  /^GC/ { gc[++ng] = $0 }
  function med(sys, w, k,    n, i, j, t, a) {
    n = c[sys, w, k]; if (n == 0) return 0
    for (i = 1; i <= n; i++) a[i] = v[sys, w, k, i] + 0
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return a[int((n + 1) / 2)]
  }
  END {
    printf "| workload | Kafka MB/s | Whippet MB/s | ratio | Kafka msg/s | Whippet msg/s | Kafka p99 ms | Whippet p99 ms | p99 ratio (Kafka/Whippet) |\n"
    printf "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= nw; i++) {
      w = order[i]
      km = med("kafka", w, "MB_per_s"); wm = med("whippet", w, "MB_per_s")
      kn = med("kafka", w, "msgs_per_s"); wn = med("whippet", w, "msgs_per_s")
      kp = med("kafka", w, "p99_ms"); wp = med("whippet", w, "p99_ms")
      printf "| %s | %.1f | %.1f | %.2fx | %.0f | %.0f | %.2f | %.2f | %.1fx |\n", w, km, wm, (km > 0 ? wm / km : 0), kn, wn, kp, wp, (wp > 0 ? kp / wp : 0)
    }
    for (i = 1; i <= ng; i++) print gc[i]
  }
' "$RESULTS"
echo "raw results: $RESULTS"
