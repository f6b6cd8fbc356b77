#!/usr/bin/env bash
# The load benchmark: the sample order service (default profile, H2) with tracing off, on at
# 100% sampling and on at 10%, each exporting OTLP/HTTP to a local counting receiver, under the
# same wrk load on loopback, taken in turns in short slices. Prints throughput, p50/p99 latency, start-up time to the first
# successful request and heap used after a full GC, the medians over ROUNDS interleaved rounds,
# and the ratios against tracing off. Stops by itself.
#
#   benchmarks/load/run.sh
#
# Needs JDK 17 (java, jcmd), Maven, curl and wrk (installed with apt-get when missing and root).
# Settings (environment): ROUNDS=3 WARMUP=200 (seconds of load per service before measuring,
# in slices of WARMUP_SLICE=25) SLICES=8 SLICE=5 (measured: SLICES x SLICE seconds per service
# and round, each after SETTLE=2 seconds without load) CONNECTIONS=8 MODES="off on-100 on-10"
# LOAD_JAVA_OPTS="-Xms512m -Xmx512m" (add e.g. -XX:StartFlightRecording to profile)
# LOAD_SKIP_BUILD=1 reuses the jars already built. Results: benchmarks/target/load/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-200}
WARMUP_SLICE=${WARMUP_SLICE:-25}
SLICES=${SLICES:-8}
SLICE=${SLICE:-5}
SETTLE=${SETTLE:-2}
CONNECTIONS=${CONNECTIONS:-8}
MODES=${MODES:-"off on-100 on-10"}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:-"-Xms512m -Xmx512m"}
SEEDED=${LOAD_SEEDED_ORDERS:-20}
OUT="$ROOT/benchmarks/target/load"
SAMPLE_JAR="$ROOT/sample-order-service/target/sample-order-service-0.1.0-SNAPSHOT.jar"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
LUA="$ROOT/benchmarks/load/orders.lua"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

for tool in java jcmd curl; do
	command -v "$tool" >/dev/null || fail "$tool is required"
done
if ! command -v wrk >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		log "installing wrk"
		apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	else
		fail "wrk is required (Debian: apt-get install wrk)"
	fi
fi

if [ "${LOAD_SKIP_BUILD:-0}" != 1 ]; then
	log "building the sample and the benchmarks module"
	(cd "$ROOT" && mvn -B -q -pl sample-order-service,benchmarks -am package -DskipTests)
fi
[ -f "$SAMPLE_JAR" ] || fail "missing $SAMPLE_JAR"
[ -f "$BENCH_JAR" ] || fail "missing $BENCH_JAR"

mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
printf 'round\tmode\tstartup_ms\trps\tp50_us\tp99_us\theap_kb\tspans\terrors\tpending\twarm_rps\tdropped\n' >"$RESULTS"

RECEIVER_PID=""
cleanup() {
	local pid
	for pid in "${APP_PID[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	[ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null || true
}
trap cleanup EXIT

free_port() {
	local port
	for _ in $(seq 1 50); do
		port=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
	fail "no free port"
}

rm -f "$OUT/receiver.port"
java -Xmx128m -cp "$BENCH_JAR" dev.tracing.benchmarks.load.CountingOtlpReceiver "$OUT/receiver.port" \
	>"$OUT/receiver.log" 2>&1 &
RECEIVER_PID=$!
for _ in $(seq 1 100); do [ -s "$OUT/receiver.port" ] && break; sleep 0.1; done
[ -s "$OUT/receiver.port" ] || fail "the OTLP receiver did not start (see $OUT/receiver.log)"
RECEIVER="http://127.0.0.1:$(cat "$OUT/receiver.port")"
log "OTLP receiver at $RECEIVER"

declare -A APP_PID PORT STARTUP

# Starts the service in MODE and times it to its first successful answer.
start_app() {
	local mode=$1 port start_ns now_ns
	# The local trace viewer, a development tool the default profile switches on, is off, as in
	# the prod profile: spans go to the OTLP receiver only.
	local -a env=(TRACING_EXPORTER_TYPE=otlp TRACING_EXPORTER_ENDPOINT="$RECEIVER/$mode" TRACING_VIEWER_ENABLED=false
		LOGGING_LEVEL_ROOT=WARN)
	case "$mode" in
		off) env+=(TRACING_ENABLED=false) ;;
		on-100) env+=(TRACING_SAMPLING_RATIO=1.0) ;;
		on-10) env+=(TRACING_SAMPLING_RATIO=0.1) ;;
		*) fail "unknown mode $mode" ;;
	esac
	port=$(free_port)
	start_ns=$(date +%s%N)
	# shellcheck disable=SC2086
	env "${env[@]}" java $LOAD_JAVA_OPTS -jar "$SAMPLE_JAR" --server.port="$port" >"$OUT/app-$round-$mode.log" 2>&1 &
	APP_PID[$mode]=$!
	PORT[$mode]=$port
	while [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/orders" || true)" != 200 ]; do
		kill -0 "${APP_PID[$mode]}" 2>/dev/null || fail "the service stopped (see $OUT/app-$round-$mode.log)"
		now_ns=$(date +%s%N)
		[ $(((now_ns - start_ns) / 1000000000)) -lt 180 ] || fail "the service did not answer within 180 s"
		sleep 0.05
	done
	now_ns=$(date +%s%N)
	STARTUP[$mode]=$(((now_ns - start_ns) / 1000000))
	for i in $(seq 1 "$SEEDED"); do
		curl -s -o /dev/null -f -X POST "http://127.0.0.1:$port/api/orders" -H 'Content-Type: application/json' \
			-d "{\"product_name\":\"Seed $i\",\"amount\":\"$i.50\",\"payment_method\":\"paypal\"}" || fail "seeding failed"
	done
}

# Deletes what the load created and left (the last few orders of a slice), outside the measured time.
clean_up() {
	local base="http://127.0.0.1:${PORT[$1]}" id
	for id in $(curl -s "$base/api/orders" | grep -o '"id":[0-9]*' | cut -d: -f2); do
		[ "$id" -gt "$SEEDED" ] && curl -s -o /dev/null -X DELETE "$base/api/orders/$id"
	done
	return 0
}

# One slice of load against MODE; appends wrk's RESULT line to the mode's file.
slice() {
	local mode=$1 seconds=$2 file=$3
	LOAD_SEEDED_ORDERS=$SEEDED wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" -s "$LUA" --latency \
		"http://127.0.0.1:${PORT[$mode]}" >>"$OUT/wrk-$round-$mode.txt"
	grep '^RESULT' "$OUT/wrk-$round-$mode.txt" | tail -1 >>"$file" || fail "no result from wrk"
	clean_up "$mode"
}

# Prints the N-th order of the modes. Rotations alternate with reversed rotations, so that over
# six slices every mode comes first, and follows every other mode, equally often: whatever one
# service leaves behind (its last spans to export, the receiver decoding them, a GC) does not
# always fall on the same next service.
ordered() {
	local n=$1 count=${#mode_list[@]} k
	local -a list=()
	for k in $(seq 0 $((count - 1))); do
		list+=("${mode_list[$(((k + n) % count))]}")
	done
	if [ $((n % 2)) = 1 ]; then
		for ((k = count - 1; k >= 0; k--)); do printf '%s ' "${list[$k]}"; done
	else
		printf '%s ' "${list[@]}"
	fi
}

log "load average: $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds of: $MODES; warm-up ${WARMUP}s, measured ${SLICES} x ${SLICE}s, $CONNECTIONS connections"
printf 'round\tmode\tstartup_ms\trps\tp50_us\tp99_us\theap_kb\tspans\terrors\tpending\twarm_rps\tdropped\n' >&2
read -r -a mode_list <<<"$MODES"
for round in $(seq 1 "$ROUNDS"); do
	# The services run side by side and take the load in turns, in short slices whose order
	# rotates, so that whatever else the machine does falls on every mode alike.
	for mode in $(ordered $((round - 1))); do
		rm -f "$OUT/wrk-$round-$mode.txt" "$OUT/slices-$round-$mode.txt" "$OUT/warmup-$round-$mode.txt"
		start_app "$mode"
	done
	# The JIT compiler goes on working for minutes under this load (throughput still rises
	# after two minutes on 2 cores), so every service gets a long warm-up, also in turns.
	for w in $(seq 1 $(((WARMUP + WARMUP_SLICE - 1) / WARMUP_SLICE))); do
		for mode in $(ordered $((round + w))); do
			slice "$mode" "$WARMUP_SLICE" "$OUT/warmup-$round-$mode.txt"
		done
	done
	curl -s -o /dev/null -X POST "$RECEIVER/reset"
	for s in $(seq 1 "$SLICES"); do
		for mode in $(ordered $((round + s))); do
			sleep "$SETTLE"
			slice "$mode" "$SLICE" "$OUT/slices-$round-$mode.txt"
		done
	done
	# Let background processing and the last export (5 s schedule delay) finish.
	sleep 6
	for mode in "${mode_list[@]}"; do
		pid=${APP_PID[$mode]}
		spans=$(curl -s "$RECEIVER/stats/$mode" | sed -E 's/spans=([0-9]+).*/\1/')
		pending=$(curl -s "http://127.0.0.1:${PORT[$mode]}/api/orders" | grep -o '"status":"pending"' | wc -l || true)
		jcmd "$pid" GC.run >/dev/null
		heap_kb=$(jcmd "$pid" GC.heap_info | sed -nE 's/.*heap +total [0-9]+K, used ([0-9]+)K.*/\1/p' | head -1)
		# Throughput of the last warm-up slice: close to the measured one once the JIT has settled.
		warm_rps=$(tail -1 "$OUT/warmup-$round-$mode.txt" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
			printf "%.0f", v["requests"] / (v["duration_us"] / 1e6) }')
		# Spans the export queue dropped since start-up, from the starter's rate-limited warning.
		dropped=$(grep -oE '\([0-9]+ since start-up\)' "$OUT/app-$round-$mode.log" | tail -1 | grep -oE '[0-9]+' || true)
		[ -n "$dropped" ] || dropped=$(grep -oE 'dropped [0-9]+ spans' "$OUT/app-$round-$mode.log" | head -1 | grep -oE '[0-9]+' || true)
		dropped=${dropped:-0}
		awk -v round="$round" -v mode="$mode" -v startup="${STARTUP[$mode]}" -v heap="$heap_kb" -v spans="$spans" \
			-v pending="$pending" -v warm="$warm_rps" -v dropped="$dropped" '
			function median(a, n,    i, j, t) {
				for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
				return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
			}
			{
				for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
				n++; requests += v["requests"]; duration += v["duration_us"]; p50[n] = v["p50_us"]; p99[n] = v["p99_us"]
				errors += v["errors"] + v["non_2xx"]
			}
			END {
				printf "%s\t%s\t%s\t%.1f\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", round, mode, startup, requests / (duration / 1e6),
					median(p50, n), median(p99, n), heap, spans, errors, pending, warm, dropped
			}' "$OUT/slices-$round-$mode.txt" | tee -a "$RESULTS" >&2
	done
	for mode in "${mode_list[@]}"; do
		kill "${APP_PID[$mode]}"
	done
	for mode in "${mode_list[@]}"; do
		wait "${APP_PID[$mode]}" 2>/dev/null || true
	done
	APP_PID=()
done
log "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

awk -F'\t' '
	function median(mode, column,    n, i, j, t, a) {
		n = 0
		for (i = 1; i <= rows; i++) if (m[i] == mode) a[++n] = val[i, column] + 0
		for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
		if (n == 0) return 0
		return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	NR == 1 { for (c = 1; c <= NF; c++) col[$c] = c; next }
	{ rows++; m[rows] = $2; for (c = 1; c <= NF; c++) val[rows, c] = $c; if (!(($2) in seen)) { seen[$2] = 1; order[++modes] = $2 } }
	END {
		printf "\nMedians of %d rounds\n", rows / modes
		printf "%-8s %10s %10s %10s %12s %10s %12s %9s %9s\n", "mode", "req/s", "p50 ms", "p99 ms", "start-up s", "heap MB", "spans/s", "dropped", "errors"
		for (k = 1; k <= modes; k++) {
			md = order[k]
			rps[md] = median(md, col["rps"]); p50[md] = median(md, col["p50_us"]); p99[md] = median(md, col["p99_us"])
			st[md] = median(md, col["startup_ms"]); hp[md] = median(md, col["heap_kb"])
			printf "%-8s %10.0f %10.2f %10.2f %12.2f %10.1f %12.0f %9d %9d\n", md, rps[md], p50[md] / 1000, p99[md] / 1000,
				st[md] / 1000, hp[md] / 1024, median(md, col["spans"]) / dur, median(md, col["dropped"]), median(md, col["errors"])
		}
		if (!("off" in rps)) exit
		printf "\nAgainst tracing off\n"
		printf "%-8s %12s %12s %12s %14s %12s\n", "mode", "throughput", "p50", "p99", "start-up", "heap"
		for (k = 1; k <= modes; k++) {
			md = order[k]; if (md == "off") continue
			printf "%-8s %11.1f%% %+11.1f%% %+11.1f%% %+12.2f s %+9.1f MB\n", md, 100 * rps[md] / rps["off"],
				100 * (p50[md] / p50["off"] - 1), 100 * (p99[md] / p99["off"] - 1), (st[md] - st["off"]) / 1000,
				(hp[md] - hp["off"]) / 1024
		}
		printf "\nBudgets: on-100 throughput >= 97%% and p50 <= +3%%; on-10 within 1%%; start-up <= +0.5 s; heap <= +30 MB\n"
	}' dur="$((SLICES * SLICE))" "$RESULTS" | tee "$OUT/summary.txt"
