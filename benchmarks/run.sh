#!/usr/bin/env bash
# Builds the service jar and the benchmarks jar, then runs every benchmark (baseline and docverify alternately,
# several rounds) and prints the table. Options are passed on: --rounds N, --only get,latency,upload,heap,coldstart,
# --profile (JFR recordings), --quick (smoke settings), --out DIR. Results: benchmarks/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -pl app-grpc,benchmarks -am package -DskipTests
exec java -jar benchmarks/target/benchmarks.jar "$@"
