#!/usr/bin/env bash
# JMH benchmark of the line parser on recorded fixtures (src/test/java/dev/stracewb/bench/LineParserBenchmark.java).
# Prints ns per fixture pass and ns per line. Usage: src/test/scripts/bench-parser.sh [JMH options...]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$ROOT"
mvn -B -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath >&2
CP=target/test-classes:target/classes:$(cat target/test.classpath)
java -cp "$CP" org.openjdk.jmh.Main LineParserBenchmark -rf json -rff target/jmh-parser.json "$@"
python3 - <<'PY'
import json
for r in json.load(open("target/jmh-parser.json")):
    f = r["params"]["fixture"]
    lines = sum(1 for _ in open("src/test/resources/fixtures/core/" + f, "rb"))
    s = r["primaryMetric"]["score"]
    print(f"{f:30s} {s / 1000:10.1f} us/pass  {s / lines:7.1f} ns/line  ({lines} lines)")
PY
