#!/usr/bin/env bash
# The DNS gateway against NSD, measured in one run with the same dnsperf command: both serve the
# same two tables (NSD as zones made from them) on loopback ports, dnsperf replays the same query
# file of known names at each, and the figures come out as a Markdown table for ops/BENCHMARKS.md.
#
# Needs: java 17, mvn (to build the jar when absent), dnsperf, nsd, dig, curl, a RabbitMQ at AMQP_URI
# with its management API at MGMT_URI (to delete the run's namespace afterwards).
# Settings (environment): DURATION seconds per measured run (default 20), WARMUP seconds of
# unmeasured load on the gateway first, for the JIT (default 10), OUTSTANDING queries dnsperf keeps
# in flight (default 100), CLIENTS dnsperf clients (default 4), GATEWAY_PORT (default 5391),
# NSD_PORT (default 5392), JAVA_OPTS for the gateway JVM, TABLES (default "ts1=tables/PROJ2-DNSTS1.txt ts2=tables/PROJ2-DNSTS2.txt").
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
OUTSTANDING=${OUTSTANDING:-100}
CLIENTS=${CLIENTS:-4}
GATEWAY_PORT=${GATEWAY_PORT:-5391}
NSD_PORT=${NSD_PORT:-5392}
TABLES=${TABLES:-"ts1=tables/PROJ2-DNSTS1.txt ts2=tables/PROJ2-DNSTS2.txt"}
AMQP_URI=${AMQP_URI:-amqp://guest:guest@127.0.0.1:5672}
MGMT_URI=${MGMT_URI:-http://guest:guest@127.0.0.1:15672}
NAMESPACE="bench-gw-$$"

for tool in java dnsperf nsd dig curl; do
  command -v "$tool" >/dev/null || { echo "bench-gateway: $tool is missing (apt-get install dnsperf nsd bind9-dnsutils curl)" >&2; exit 2; }
done
[ -f target/dns-broker.jar ] || mvn -B -q -DskipTests package

work=$(mktemp -d)
gateway_pid=""
nsd_pid=""
cleanup() {
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null || true
  [ -n "$nsd_pid" ] && kill "$nsd_pid" 2>/dev/null && wait "$nsd_pid" 2>/dev/null || true
  for queue in "$NAMESPACE.rs" "$NAMESPACE.dlq" $(for t in $TABLES; do echo "$NAMESPACE.ts.${t%%=*}"; done); do
    curl -s -o /dev/null -X DELETE "$MGMT_URI/api/queues/%2F/$queue" || true
  done
  for exchange in "$NAMESPACE.ts" "$NAMESPACE.dlx"; do
    curl -s -o /dev/null -X DELETE "$MGMT_URI/api/exchanges/%2F/$exchange" || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

# Zones and queries from the tables. Table lines: name value [type] [ttl], or name pref exchange MX [ttl].
files=()
table_args=()
for t in $TABLES; do
  files+=("${t#*=}")
  table_args+=(--table "$t")
done
awk -v dir="$work" '
  { sub(/#.*/, "") }
  NF < 2 { next }
  {
    name = $1; sub(/\.$/, "", name)
    if (NF >= 4 && toupper($4) == "MX") { type = "MX"; data = $2 " " $3 "."; ttl = (NF >= 5 ? $5 : 300) }
    else { type = (NF >= 3 ? toupper($3) : "A"); data = $2; ttl = (NF >= 4 ? $4 : 300)
           if (type == "CNAME" || type == "NS") { sub(/\.$/, "", data); data = data "." } }
    n = split(name, labels, "."); tld = tolower(labels[n])
    print name ". " ttl " IN " type " " data >> (dir "/" tld ".zone")
    zones[tld] = 1
    key = tolower(name) " " type
    if (!(key in asked)) { asked[key] = 1; print name " " type >> (dir "/queries.txt") }
  }
  END { for (z in zones) print z > (dir "/zones.txt") }
' "${files[@]}"

{
  cat <<CONF
server:
  ip-address: 127.0.0.1
  port: $NSD_PORT
  server-count: 1
  username: ""
  chroot: ""
  zonesdir: "$work"
  pidfile: "$work/nsd.pid"
  database: ""
  zonelistfile: "$work/zone.list"
  xfrdfile: "$work/xfrd.state"
  logfile: "$work/nsd.log"
  # Response rate limiting would drop most of a benchmark's answers from one address.
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
remote-control:
  control-enable: no
CONF
  while read -r zone; do
    { printf '$ORIGIN %s.\n@ 300 IN SOA ns.%s. hostmaster.%s. 1 3600 600 86400 300\n@ 300 IN NS ns.%s.\n' "$zone" "$zone" "$zone" "$zone"
      cat "$work/$zone.zone"; } > "$work/$zone.zone.full"
    mv "$work/$zone.zone.full" "$work/$zone.zone"
    printf 'zone:\n  name: %s\n  zonefile: %s.zone\n' "$zone" "$zone"
  done < "$work/zones.txt"
} > "$work/nsd.conf"

wait_for() {
  local port=$1 name=$2 pid=$3 log=$4
  for _ in $(seq 1 60); do
    dig @127.0.0.1 -p "$port" +tries=1 +timeout=1 "$name" 2>/dev/null | grep -q "status: NOERROR" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  echo "bench-gateway: nothing answers on port $port; its log ends:" >&2
  tail -5 "$log" >&2
  exit 1
}

first_name=$(head -1 "$work/queries.txt" | cut -d' ' -f1)
java ${JAVA_OPTS:-} -jar target/dns-broker.jar run --amqp "$AMQP_URI" --namespace "$NAMESPACE" "${table_args[@]}" \
  --in /dev/null --out /dev/null --gateway "127.0.0.1:$GATEWAY_PORT" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
nsd -c "$work/nsd.conf" -d > "$work/nsd.out" 2>&1 &
nsd_pid=$!
wait_for "$GATEWAY_PORT" "$first_name" "$gateway_pid" "$work/gateway.log"
wait_for "$NSD_PORT" "$first_name" "$nsd_pid" "$work/nsd.out"

perf() {
  dnsperf -s 127.0.0.1 -p "$1" -d "$work/queries.txt" -l "$2" -c "$CLIENTS" -q "$OUTSTANDING"
}
field() {
  grep "$1" | sed -E 's/.*:[[:space:]]+//; s/ .*//'
}
row() {
  local label=$1 out=$2
  printf '| %s | %s | %s | %s | %.2f |\n' "$label" "$(field 'Queries completed' <<<"$out")" \
    "$(field 'Queries lost' <<<"$out")" "$(field 'Queries per second' <<<"$out" | cut -d. -f1)" \
    "$(awk '{print $1 * 1000}' <<<"$(field 'Average Latency' <<<"$out")")"
}

echo "bench-gateway: $(wc -l < "$work/queries.txt") names in the query file, ${DURATION}s a run, $CLIENTS clients, $OUTSTANDING outstanding" >&2
perf "$GATEWAY_PORT" "$WARMUP" > /dev/null
gateway_out=$(perf "$GATEWAY_PORT" "$DURATION")
nsd_out=$(perf "$NSD_PORT" "$DURATION")

echo "| server | queries completed | lost | queries/s | average latency (ms) |"
echo "| --- | --- | --- | --- | --- |"
row "dns-broker gateway (RS and TS over RabbitMQ)" "$gateway_out"
row "NSD $(nsd -v 2>&1 | head -1 | awk '{print $3}')" "$nsd_out"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
kill "$gateway_pid" && wait "$gateway_pid" 2>/dev/null || true
gateway_pid=""
echo "gateway's own count, warm-up included: $(grep -o 'gateway stopped: .*' "$work/gateway.log" | cut -d' ' -f3-)"
if [ -n "${VERBOSE:-}" ]; then
  printf '\n--- gateway\n%s\n--- nsd\n%s\n' "$gateway_out" "$nsd_out"
fi
