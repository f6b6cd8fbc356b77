#!/usr/bin/env bash
# The side-by-side load benchmark: the sample order service in every mode at once, each its own
# JVM, tracing off, traced by our starter at 100% and 10% sampling, and traced by the
# OpenTelemetry Java agent at 100% and 10% (our starter off), all exporting OTLP/HTTP to one
# counting receiver. The JVMs take the same wrk load in turns: a warm-up of minutes each in
# rotating slices, then measured slices in balanced order. Per slice and mode: the requests
# served, the process's own CPU time (utime + stime from /proc) per request, throughput, p50
# and p99; once per run: start-up time and heap used after a full GC. Prints the medians, the
# ratios against tracing off and ours against the agent. Loopback only; stops by itself.
#
#   benchmarks/load/run.sh                    # light workload, all five modes, ~25 minutes
#   WORKLOAD=mix benchmarks/load/run.sh       # the realistic mix on PostgreSQL and Redis, ~26 minutes
#   WORKLOAD=all benchmarks/load/run.sh       # both, one after the other
#
# Settings (environment; docs/benchmarks.md explains each):
#   WORKLOAD=light|mix|all  MODES="off ours-100 ours-10 agent-100 agent-10" (ours-<percent>,
#   agent-<percent>)  WARMUP=160 WARMUP_SLICE=20 (seconds per JVM)  SLICES=10 SLICE=8 SETTLE=1
#   TAIL=1 (seconds)  LIGHT_THREADS=2 LIGHT_CONNECTIONS=16 LIGHT_ORDERS=10  MIX_CONNECTIONS=8
#   MIX_ORDERS=20 MIX_MAX_BACKLOG (unset: the sample's 500)  LOAD_JAVA_OPTS="-Xms512m -Xmx512m"
#   PROFILE=1 (a flight recording of every mode over the measured slices, and its breakdown)
#   PROFILE_PERIOD=10 (ms between Java method samples)
#   AGENT_VERSION=2.31.1  PGHOST=127.0.0.1 PGPORT=5432 PGDATABASE=postgres PGUSER=postgres
#   REDIS_HOST=127.0.0.1 REDIS_PORT=6379  LOAD_SKIP_BUILD=1 reuses the jars.
# Needs JDK 17 (java, jcmd), Maven, curl, wrk (installed with apt-get when missing and root);
# for the mix, psql and redis-cli and the services. Results: benchmarks/target/load/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORKLOAD=${WORKLOAD:-light}
MODES=${MODES:-"off ours-100 ours-10 agent-100 agent-10"}
WARMUP=${WARMUP:-160}
WARMUP_SLICE=${WARMUP_SLICE:-20}
SLICES=${SLICES:-10}
SLICE=${SLICE:-8}
SETTLE=${SETTLE:-1}
TAIL=${TAIL:-1}
LIGHT_THREADS=${LIGHT_THREADS:-2}
LIGHT_CONNECTIONS=${LIGHT_CONNECTIONS:-16}
LIGHT_ORDERS=${LIGHT_ORDERS:-10}
MIX_CONNECTIONS=${MIX_CONNECTIONS:-8}
MIX_ORDERS=${MIX_ORDERS:-20}
MIX_MAX_BACKLOG=${MIX_MAX_BACKLOG:-}
LOAD_JAVA_OPTS=${LOAD_JAVA_OPTS:-"-Xms512m -Xmx512m"}
PROFILE=${PROFILE:-0}
PROFILE_PERIOD=${PROFILE_PERIOD:-10}
AGENT_VERSION=${AGENT_VERSION:-2.31.1}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGDATABASE=${PGDATABASE:-postgres}
PGUSER=${PGUSER:-postgres}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}
OUT="$ROOT/benchmarks/target/load"
SAMPLE_JAR="$ROOT/sample-order-service/target/sample-order-service-0.1.0-SNAPSHOT.jar"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
AGENT_JAR="$ROOT/benchmarks/target/agent/opentelemetry-javaagent-$AGENT_VERSION.jar"
CLK_TCK=$(getconf CLK_TCK)
RUN_ID=$$

# Each mode gets its own settings and nothing else: tracing, OpenTelemetry or Spring settings
# of the calling shell would reach every JVM (and the agent) alike.
while read -r variable; do
	unset "$variable"
done < <(compgen -e | grep -E '^(OTEL_|TRACING_|SPRING_|ORDER_SERVICE_|JAVA_TOOL_OPTIONS$|JDK_JAVA_OPTIONS$)' || true)

# psql on the benchmark's database, quiet: no NOTICE for a schema that is not there yet.
sql() { PGOPTIONS='--client-min-messages=warning' psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$PGDATABASE" -qAt -v ON_ERROR_STOP=1 -c "$1"; }
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

case "$WORKLOAD" in
	light | mix) WORKLOADS=("$WORKLOAD") ;;
	all) WORKLOADS=(light mix) ;;
	*) fail "WORKLOAD is '$WORKLOAD'; use light, mix or all" ;;
esac
read -r -a mode_list <<<"$MODES"
[ "${#mode_list[@]}" -gt 0 ] || fail "MODES is empty"
uses_agent=0
for mode in "${mode_list[@]}"; do
	case "$mode" in
		off) ;;
		ours-[0-9]* | agent-[0-9]*)
			[[ "${mode#*-}" =~ ^[0-9]+$ ]] && [ "${mode#*-}" -ge 1 ] && [ "${mode#*-}" -le 100 ] \
				|| fail "mode $mode: the percentage must be a whole number from 1 to 100"
			[[ "$mode" == agent-* ]] && uses_agent=1
			;;
		*) fail "unknown mode '$mode'; use off, ours-<percent>, agent-<percent>" ;;
	esac
done
for setting in PROFILE_PERIOD WARMUP WARMUP_SLICE SLICES SLICE SETTLE TAIL LIGHT_THREADS LIGHT_CONNECTIONS LIGHT_ORDERS MIX_CONNECTIONS MIX_ORDERS; do
	[[ "${!setting}" =~ ^[0-9]+$ ]] || fail "$setting is '${!setting}'; use a whole number"
done
[ "$WARMUP_SLICE" -ge 1 ] && [ "$SLICES" -ge 1 ] && [ "$SLICE" -ge 1 ] || fail "WARMUP_SLICE, SLICES and SLICE must be at least 1"
[ "$LIGHT_ORDERS" -ge 1 ] && [ "$MIX_ORDERS" -ge 1 ] || fail "LIGHT_ORDERS and MIX_ORDERS must be at least 1"

for tool in java jcmd curl getconf; do
	command -v "$tool" >/dev/null || fail "$tool is required"
done
if [[ " ${WORKLOADS[*]} " == *" mix "* ]]; then
	for tool in psql redis-cli; do
		command -v "$tool" >/dev/null || fail "$tool is required for the mix workload"
	done
	sql 'select 1' >/dev/null \
		|| fail "PostgreSQL is not reachable at $PGHOST:$PGPORT/$PGDATABASE as $PGUSER"
	[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping)" = PONG ] || fail "Redis is not reachable at $REDIS_HOST:$REDIS_PORT"
fi
if ! command -v wrk >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		log "installing wrk"
		apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	else
		fail "wrk is required (Debian: apt-get install wrk)"
	fi
fi

# The expected duration, from the settings: start-up ~25 s per JVM, the warm-up and measured
# slices, the clean-up between mix slices (~1 s), and ~10 s per JVM at the end (heap, checks).
modes=${#mode_list[@]}
warm_turns=$(((WARMUP + WARMUP_SLICE - 1) / WARMUP_SLICE))
expected=0
for workload in "${WORKLOADS[@]}"; do
	per_slice=$((SLICE + SETTLE + TAIL))
	[ "$workload" = mix ] && per_slice=$((per_slice + 1))
	seconds=$((modes * 25 + warm_turns * WARMUP_SLICE * modes + SLICES * modes * per_slice + modes * 10 + 10))
	log "$workload: about $(((seconds + 59) / 60)) minutes ($modes JVMs; warm-up $warm_turns x ${WARMUP_SLICE}s each; measured $SLICES x ${SLICE}s each)"
	expected=$((expected + seconds))
done
log "expected duration: about $(((expected + 59) / 60)) minutes, plus the build"

if [ "${LOAD_SKIP_BUILD:-0}" != 1 ]; then
	log "building the sample and the benchmarks module"
	(cd "$ROOT" && mvn -B -q -pl sample-order-service,benchmarks -am package -DskipTests)
fi
[ -f "$SAMPLE_JAR" ] || fail "missing $SAMPLE_JAR"
[ -f "$BENCH_JAR" ] || fail "missing $BENCH_JAR"
if [ "$uses_agent" = 1 ] && [ ! -f "$AGENT_JAR" ]; then
	log "fetching the OpenTelemetry Java agent $AGENT_VERSION"
	(cd "$ROOT" && mvn -B -q -N dependency:copy -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$AGENT_VERSION" \
		-DoutputDirectory="$(dirname "$AGENT_JAR")")
	[ -f "$AGENT_JAR" ] || fail "missing $AGENT_JAR"
fi

mkdir -p "$OUT"
if [ "$PROFILE" = 1 ]; then
	# The JDK's profile settings, with Java method sampling every PROFILE_PERIOD ms (10 in the original).
	java_home=$(java -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java.home = (.*)$/\1/p')
	[ -f "$java_home/lib/jfr/profile.jfc" ] || fail "no $java_home/lib/jfr/profile.jfc"
	sed -E "s|(control=\"method-sampling-java-interval\">)[^<]*<|\1$PROFILE_PERIOD ms<|" "$java_home/lib/jfr/profile.jfc" >"$OUT/profile.jfc"
	grep -q "method-sampling-java-interval\">$PROFILE_PERIOD ms<" "$OUT/profile.jfc" || fail "could not set the sampling period in $OUT/profile.jfc"
fi
rm -f "$OUT"/app-*.log "$OUT"/wrk-*.txt "$OUT"/*.jfr "$OUT"/profile-*.txt "$OUT"/summary.txt
SLICES_TSV="$OUT/slices.tsv"
MODES_TSV="$OUT/modes.tsv"
NOTES="$OUT/notes.txt"
printf 'workload\tphase\tslice\tmode\tseconds\trequests\tduration_us\tp50_us\tp99_us\terrors\tnon_2xx\tcpu_us\tgc_us\tjit_us\n' >"$SLICES_TSV"
printf 'workload\tmode\tstartup_ms\theap_kb\tspans\tserver_spans\texports\tdropped\tpending\ttracer_providers\n' >"$MODES_TSV"
: >"$NOTES"

declare -A APP_PID PORT STARTUP
RECEIVER_PID=""
SCHEMAS=()
cleanup() {
	local pid schema
	for pid in "${APP_PID[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${APP_PID[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	[ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null || true
	for schema in "${SCHEMAS[@]}"; do
		sql "drop schema if exists $schema cascade" >/dev/null 2>&1 || true
	done
	if [ "${#SCHEMAS[@]}" -gt 0 ]; then
		redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --scan --pattern "load-$RUN_ID-*" 2>/dev/null \
			| xargs -r redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" del >/dev/null 2>&1 || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

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

# The sampling ratio of a mode: ours-10 -> 0.1.
ratio_of() { awk -v p="${1#*-}" 'BEGIN { printf "%g", p / 100 }'; }

# The CPU time of a process as the kernel accounts it, in clock ticks: the whole process
# (every thread, alive or ended), then its garbage collector's and JIT compilers' threads.
cpu_ticks() {
	local pid=$1 line comm total gc=0 jit=0 f
	read -r line <"/proc/$pid/stat"
	# shellcheck disable=SC2086
	set -- ${line##*) }
	total=$((${12} + ${13}))
	for f in /proc/"$pid"/task/*/stat; do
		# A thread may end between the listing and the read.
		{ read -r line <"$f"; } 2>/dev/null || continue
		comm=${line#*(}
		comm=${comm%)*}
		# shellcheck disable=SC2086
		set -- ${line##*) }
		case "$comm" in
			"GC Thread"* | "G1 "*) gc=$((gc + ${12} + ${13})) ;;
			"C1 Compiler"* | "C2 Compiler"*) jit=$((jit + ${12} + ${13})) ;;
		esac
	done
	echo "$total $gc $jit"
}

ticks_to_us() { echo $(($1 * 1000000 / CLK_TCK)); }

# Starts MODE of WORKLOAD and times it to its first successful answer, then seeds the orders.
start_app() {
	local mode=$1 port start_ns now_ns ratio schema i
	local -a env=(LOGGING_LEVEL_ROOT=WARN TRACING_VIEWER_ENABLED=false) opts=() args=()
	ratio=$(ratio_of "$mode")
	case "$mode" in
		off) env+=(TRACING_ENABLED=false) ;;
		ours-*)
			env+=(TRACING_EXPORTER_TYPE=otlp TRACING_EXPORTER_ENDPOINT="$RECEIVER/$mode" TRACING_SAMPLING_RATIO="$ratio"
				TRACING_SAMPLING_PARENT_BASED=true)
			;;
		agent-*)
			# Our starter off (its switch: no SDK, no instrumentation of ours or the engine's), the agent on.
			env+=(TRACING_ENABLED=false OTEL_SERVICE_NAME=order-service OTEL_TRACES_EXPORTER=otlp
				OTEL_EXPORTER_OTLP_ENDPOINT="$RECEIVER/$mode" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
				OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none OTEL_TRACES_SAMPLER=parentbased_traceidratio
				OTEL_TRACES_SAMPLER_ARG="$ratio")
			opts+=("-javaagent:$AGENT_JAR")
			;;
	esac
	[ "$PROFILE" = 1 ] && opts+=(-XX:FlightRecorderOptions=stackdepth=256)
	if [ "$workload" = mix ]; then
		# Each JVM its own schema and cache keys: no JVM reads what another wrote.
		schema="load_${RUN_ID}_${mode//-/_}"
		sql "drop schema if exists $schema cascade; create schema $schema" >/dev/null
		SCHEMAS+=("$schema")
		env+=(SPRING_PROFILES_ACTIVE=postgres,redis SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE"
			SPRING_DATASOURCE_USERNAME="$PGUSER" SPRING_DATA_REDIS_HOST="$REDIS_HOST" SPRING_DATA_REDIS_PORT="$REDIS_PORT")
		args+=(--spring.jpa.properties.hibernate.default_schema="$schema" --spring.cache.redis.key-prefix="load-$RUN_ID-$mode::")
		[ -n "$MIX_MAX_BACKLOG" ] && args+=(--order-service.processing.max-backlog="$MIX_MAX_BACKLOG")
	fi
	port=$(free_port)
	start_ns=$(date +%s%N)
	# shellcheck disable=SC2086
	env "${env[@]}" java $LOAD_JAVA_OPTS "${opts[@]}" -jar "$SAMPLE_JAR" --server.port="$port" "${args[@]}" \
		>"$OUT/app-$workload-$mode.log" 2>&1 &
	APP_PID[$mode]=$!
	PORT[$mode]=$port
	while [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/orders" || true)" != 200 ]; do
		kill -0 "${APP_PID[$mode]}" 2>/dev/null || fail "$mode stopped (see $OUT/app-$workload-$mode.log)"
		now_ns=$(date +%s%N)
		[ $(((now_ns - start_ns) / 1000000000)) -lt 240 ] || fail "$mode did not answer within 240 s"
		sleep 0.05
	done
	now_ns=$(date +%s%N)
	STARTUP[$mode]=$(((now_ns - start_ns) / 1000000))
	for i in $(seq 1 "$SEEDED"); do
		curl -s -o /dev/null -f -X POST "http://127.0.0.1:$port/api/orders" -H 'Content-Type: application/json' \
			-d "{\"product_name\":\"Seed $i\",\"amount\":\"$i.50\",\"payment_method\":\"paypal\"}" || fail "seeding $mode failed"
	done
	# orders.lua reads the seeded orders by id, 1 to SEEDED.
	curl -s -o /dev/null -f "http://127.0.0.1:$port/api/orders/$SEEDED" || fail "$mode: order $SEEDED does not exist after seeding"
	log "$workload $mode: pid ${APP_PID[$mode]}, port $port, first 200 after ${STARTUP[$mode]} ms"
}

# Deletes what the mix created and left (the last few orders of a slice), outside the measured time.
clean_up() {
	local base="http://127.0.0.1:${PORT[$1]}" id
	for id in $(curl -s "$base/api/orders" | grep -o '"id":[0-9]*' | cut -d: -f2); do
		[ "$id" -gt "$SEEDED" ] && curl -s -o /dev/null -X DELETE "$base/api/orders/$id"
	done
	return 0
}

# One slice of load against MODE; appends a row to slices.tsv.
slice() {
	local mode=$1 seconds=$2 phase=$3 index=$4 pid=${APP_PID[$1]} before after result
	local -a wrk_args
	if [ "$workload" = light ]; then
		wrk_args=(-t"$LIGHT_THREADS" -c"$LIGHT_CONNECTIONS" -s "$ROOT/benchmarks/load/list.lua" "http://127.0.0.1:${PORT[$mode]}/api/orders")
	else
		wrk_args=(-t1 -c"$MIX_CONNECTIONS" -s "$ROOT/benchmarks/load/orders.lua" "http://127.0.0.1:${PORT[$mode]}")
	fi
	[ "$phase" = measure ] && sleep "$SETTLE"
	read -r -a before <<<"$(cpu_ticks "$pid")"
	result=$(LOAD_SEEDED_ORDERS=$SEEDED wrk -d"${seconds}s" --latency "${wrk_args[@]}" | tee -a "$OUT/wrk-$workload-$mode.txt" | grep '^RESULT') \
		|| fail "no result from wrk against $mode"
	# The work a slice leaves behind (its last spans to export, orders still processing) is its own.
	[ "$phase" = measure ] && sleep "$TAIL"
	read -r -a after <<<"$(cpu_ticks "$pid")"
	awk -v workload="$workload" -v phase="$phase" -v slice_index="$index" -v mode="$mode" -v seconds="$seconds" \
		-v cpu="$(ticks_to_us $((after[0] - before[0])))" -v gc="$(ticks_to_us $((after[1] - before[1])))" \
		-v jit="$(ticks_to_us $((after[2] - before[2])))" '{
			for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
			printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", workload, phase, slice_index, mode, seconds,
				v["requests"], v["duration_us"], v["p50_us"], v["p99_us"], v["errors"], v["non_2xx"], cpu, gc, jit
		}' <<<"$result" >>"$SLICES_TSV"
	[ "$workload" = mix ] && clean_up "$mode"
	return 0
}

# Prints the N-th order of the modes. Rotations alternate with reversed rotations, so that over
# 2 x (number of modes) slices every mode comes first, and follows every other mode, equally
# often: whatever one JVM leaves behind (its last spans to export, a collection) does not always
# fall on the same next one.
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

jfr() { jcmd "${APP_PID[$1]}" "${@:2}" >/dev/null || log "WARN: jcmd ${*:2} failed for $1"; }

log "load average $(cut -d' ' -f1-3 /proc/loadavg); modes: $MODES; workloads: ${WORKLOADS[*]}"
for workload in "${WORKLOADS[@]}"; do
	if [ "$workload" = light ]; then SEEDED=$LIGHT_ORDERS; else SEEDED=$MIX_ORDERS; fi
	for mode in "${mode_list[@]}"; do
		start_app "$mode"
	done
	# The JIT compiler goes on working for minutes under this load on 2 cores, so every JVM
	# gets a long warm-up, also in turns.
	for w in $(seq 1 "$warm_turns"); do
		if [ "$PROFILE" = 1 ] && [ "$w" = $(((warm_turns + 1) / 2)) ]; then
			# Flight recording's own start-up (classes, compilation) happens here, not in a measured slice.
			for mode in "${mode_list[@]}"; do jfr "$mode" JFR.start name=warm-up settings="$OUT/profile.jfc"; done
		fi
		for mode in $(ordered "$w"); do
			slice "$mode" "$WARMUP_SLICE" warmup "$w"
		done
	done
	log "$workload: warm-up done, measuring"
	if [ "$PROFILE" = 1 ]; then
		for mode in "${mode_list[@]}"; do
			jfr "$mode" JFR.stop name=warm-up
			jfr "$mode" JFR.start name=side-by-side settings="$OUT/profile.jfc"
		done
	fi
	curl -s -o /dev/null -X POST "$RECEIVER/reset"
	read -r -a receiver_before <<<"$(cpu_ticks "$RECEIVER_PID")"
	for s in $(seq 1 "$SLICES"); do
		for mode in $(ordered "$s"); do
			slice "$mode" "$SLICE" measure "$s"
		done
	done
	# The last exports (5 s schedule delay) and background processing.
	sleep 6
	read -r -a receiver_after <<<"$(cpu_ticks "$RECEIVER_PID")"
	printf '%s: the OTLP receiver used %s ms of CPU during the measured slices\n' "$workload" \
		"$(($(ticks_to_us $((receiver_after[0] - receiver_before[0]))) / 1000))" >>"$NOTES"
	profiles=()
	for mode in "${mode_list[@]}"; do
		pid=${APP_PID[$mode]}
		if [ "$PROFILE" = 1 ]; then
			jfr "$mode" JFR.dump name=side-by-side filename="$OUT/$workload-$mode.jfr"
			jfr "$mode" JFR.stop name=side-by-side
			requests=$(awk -F'\t' -v w="$workload" -v m="$mode" '$1 == w && $2 == "measure" && $4 == m { n += $6 } END { print n + 0 }' "$SLICES_TSV")
			profiles+=("$mode=$OUT/$workload-$mode.jfr:$requests")
		fi
		read -r spans server_spans exports < <(curl -s "$RECEIVER/stats/$mode" \
			| sed -E 's/spans=([0-9]+) server_spans=([0-9]+) exports=([0-9]+).*/\1 \2 \3/')
		pending=$(curl -s "http://127.0.0.1:${PORT[$mode]}/api/orders" | grep -o '"status":"pending"' | wc -l || true)
		# Spans our export queue dropped, from the starter's rate-limited warning (the agent does not say).
		dropped=-
		if [[ "$mode" == ours-* ]]; then
			dropped=$(grep -oE '\([0-9]+ since start-up\)' "$OUT/app-$workload-$mode.log" | tail -1 | grep -oE '[0-9]+' || true)
			[ -n "$dropped" ] || dropped=$(grep -oE 'dropped [0-9]+ spans' "$OUT/app-$workload-$mode.log" | head -1 | grep -oE '[0-9]+' || true)
			dropped=${dropped:-0}
		fi
		jcmd "$pid" GC.run >/dev/null
		heap_kb=$(jcmd "$pid" GC.heap_info | sed -nE 's/.*heap +total [0-9]+K, used ([0-9]+)K.*/\1/p' | head -1)
		# One tracer provider per traced JVM: two under the agent would mean our starter runs too.
		providers=$(jcmd "$pid" GC.class_histogram | awk '$4 == "io.opentelemetry.sdk.trace.SdkTracerProvider" { n += $2 } END { print n + 0 }')
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$workload" "$mode" "${STARTUP[$mode]}" "$heap_kb" "${spans:-0}" \
			"${server_spans:-0}" "${exports:-0}" "$dropped" "$pending" "$providers" >>"$MODES_TSV"
	done
	for mode in "${mode_list[@]}"; do
		kill "${APP_PID[$mode]}"
	done
	for mode in "${mode_list[@]}"; do
		wait "${APP_PID[$mode]}" 2>/dev/null || true
	done
	APP_PID=()
	if [ "$PROFILE" = 1 ]; then
		java -cp "$BENCH_JAR" dev.tracing.benchmarks.load.ProfileBreakdown "${profiles[@]}" >"$OUT/profile-$workload.txt" \
			|| log "WARN: the profile breakdown failed"
	fi
	log "$workload: done"
done
log "load average $(cut -d' ' -f1-3 /proc/loadavg)"

{
	printf 'Side-by-side load run, %s; %s, %s cores; %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" \
		"$(java -version 2>&1 | head -1)" "$(nproc)" "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
	printf 'modes: %s; warm-up %s x %ss per JVM; measured %s x %ss per JVM (settle %ss, tail %ss); JVM options %s%s\n' \
		"$MODES" "$warm_turns" "$WARMUP_SLICE" "$SLICES" "$SLICE" "$SETTLE" "$TAIL" "$LOAD_JAVA_OPTS" \
		"$([ "$PROFILE" = 1 ] && echo "; PROFILE=1, samples every $PROFILE_PERIOD ms (flight recordings on: not for publication)")"
	printf 'light: GET /api/orders (%s orders, H2), wrk -t%s -c%s; mix: orders.lua (%s orders, postgres,redis), wrk -t1 -c%s%s\n' \
		"$LIGHT_ORDERS" "$LIGHT_THREADS" "$LIGHT_CONNECTIONS" "$MIX_ORDERS" "$MIX_CONNECTIONS" \
		"$([ -n "$MIX_MAX_BACKLOG" ] && echo ", max-backlog $MIX_MAX_BACKLOG")"
	java -cp "$BENCH_JAR" dev.tracing.benchmarks.load.SideBySideSummary "$SLICES_TSV" "$MODES_TSV"
	echo
	cat "$NOTES"
	for workload in "${WORKLOADS[@]}"; do
		if [ -s "$OUT/profile-$workload.txt" ]; then
			printf '\n== %s: profile of the measured slices ==\n' "$workload"
			cat "$OUT/profile-$workload.txt"
		fi
	done
} | tee "$OUT/summary.txt"
