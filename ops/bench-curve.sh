#!/usr/bin/env bash
# The curves of ops/BENCHMARKS.md, one bench run a row: names/s against batch size (1 to 500),
# against TS consumers (1, 2, 4) and with 2 RS. Prints a Markdown table.
# Usage, from the repository root after `mvn -q -DskipTests package`:
#   ops/bench-curve.sh                 # in-process roles
#   ops/bench-curve.sh --processes     # RS and TS as separate processes
# Extra arguments go to every run (not options a row sets already: picocli refuses an option
# given twice). JAVA_OPTS goes to the bench JVM; by default the collector of ops/Dockerfile.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/dns-broker.jar
[ -f "$JAR" ] || { echo "no $JAR: run mvn -q -DskipTests package first" >&2; exit 2; }

row() {
  local label=$1; shift
  local out
  out=$(java ${JAVA_OPTS:--XX:+UseParallelGC} -jar "$JAR" bench --no-ceiling "$@" 2>/dev/null) || { echo "| $label | bench failed | | | | | | |"; return; }
  local rate p50 p99 msgs cpu broker check
  rate=$(sed -nE 's/^resolved .*: ([0-9]+) names\/s/\1/p' <<<"$out")
  p50=$(sed -nE 's/^latency +p50 ([0-9.]+ ms).*/\1/p' <<<"$out")
  p99=$(sed -nE 's/^latency .* p99 ([0-9.]+ ms) .*/\1/p' <<<"$out")
  msgs=$(sed -nE 's/^broker .*: ([0-9.]+) per name/\1/p' <<<"$out")
  # Resolver CPU per name: the bench JVM, plus the role processes when they run apart.
  cpu=$(sed -nE 's/^cpu +(.*), broker .*/\1/p' <<<"$out" | grep -oE '[0-9.]+ µs' | awk '{s += $1} END {if (NR) printf "%.1f", s}')
  broker=$(sed -nE 's/^cpu .*, broker ([0-9.]+) µs.*/\1/p' <<<"$out")
  check=$(sed -nE 's/^check +//p' <<<"$out")
  echo "| $label | ${rate:-?} | ${p50:-?} | ${p99:-?} | ${msgs:-?} | ${cpu:-?} | ${broker:-?} | ${check:-?} |"
}

echo "| run | names/s | p50 | p99 | messages/name | resolver CPU µs/name | broker CPU µs/name | check |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
row "batch 1, inflight 500"     --batch 1   --inflight 500   --queries 60000   --warm-up 20000  "$@"
row "batch 10, inflight 2000"   --batch 10  --inflight 2000  --queries 200000  --warm-up 50000  "$@"
row "batch 50, inflight 5000"   --batch 50  --inflight 5000  --queries 500000  --warm-up 300000 "$@"
row "batch 100, inflight 5000"  --batch 100 --inflight 5000  --queries 500000  --warm-up 300000 "$@"
row "batch 500, inflight 10000" --batch 500 --inflight 10000 --queries 1000000 --warm-up 500000 "$@"
row "batch 500, 2 TS consumers" --batch 500 --inflight 10000 --queries 1000000 --warm-up 500000 --consumers 2 "$@"
row "batch 500, 4 TS consumers" --batch 500 --inflight 10000 --queries 1000000 --warm-up 500000 --consumers 4 "$@"
row "batch 500, 2 RS"           --batch 500 --inflight 10000 --queries 1000000 --warm-up 500000 --root-servers 2 "$@"
row "batch 1, 2 TS consumers"   --batch 1   --inflight 500   --queries 60000   --warm-up 20000  --consumers 2 "$@"
row "batch 1, 2 RS"             --batch 1   --inflight 500   --queries 60000   --warm-up 20000  --root-servers 2 "$@"
