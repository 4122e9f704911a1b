#!/usr/bin/env bash
# Runs LaunchDarkly's SSE contract tests (github.com/launchdarkly/sse-contract-tests) against herald-client, through
# the test service ContractTestService (src/test/java/dev/herald/client/contract). The harness is a Go program the
# build does not fetch: build it from that repository (go build) and give its path as the first argument.
#   herald-client/contract-tests.sh /path/to/sse-contract-tests [harness options, e.g. --run reconnection]
set -euo pipefail
cd "$(dirname "$0")/.."
harness=${1:?usage: $0 /path/to/sse-contract-tests [harness options]}
shift
port=${CONTRACT_SERVICE_PORT:-8000}

mvn -B -q -pl herald-client -am test-compile
classpath_file=$(mktemp)
mvn -B -q -pl herald-client dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
classpath="herald-client/target/test-classes:herald-client/target/classes:herald-sse/target/classes:$(cat "$classpath_file")"
rm -f "$classpath_file"

java -cp "$classpath" dev.herald.client.contract.ContractTestService "$port" &
service=$!
trap 'kill "$service" 2>/dev/null || true' EXIT
until curl -sf "http://localhost:$port/" >/dev/null; do sleep 0.2; done
"$harness" --url "http://localhost:$port" --stop-service-at-end "$@"
