#!/usr/bin/env bash
# Usage: bench/reporting.sh [ROWS] [--pg]
# Inserts ROWS CDRs (default 200000) of one centre over a month and times the calls report
# grouped by queue and day against a plain SQL GROUP BY and a Java streaming aggregation.
# With --pg it runs on H2 and then on a throwaway PostgreSQL (scripts/with-postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-200000}
RUN=()
if [[ "${2:-}" == "--pg" ]]; then RUN=(scripts/with-postgres); fi
"${RUN[@]}" mvn -B -q test -Dtest=ReportingBench -Dopendialler.bench=true \
    -Dbench.rows="$ROWS" -Dsurefire.failIfNoSpecifiedTests=false >/dev/null || true
for f in server/target/surefire-reports/*ReportingBench-output.txt \
         server/target/surefire-reports-pg/*ReportingBench-output.txt; do
    [[ -f "$f" ]] && grep -A5 '^ReportingBench' "$f"
done
