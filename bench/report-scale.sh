#!/usr/bin/env bash
# Usage: bench/report-scale.sh [ROWS]   (default 10000000)
#
# A month of ROWS calls on PostgreSQL: the CDRs are written straight into the cdr table by SQL
# (the HTTP and CdrStore paths are measured by bench/run), the server then fills its report
# slots from them at start, and the same calls report is timed twice over HTTP in the same
# run: answered from the slots (groupby=qtable,qnm,P1D), and forced onto a scan of every CDR
# by a filter the slots do not carry (ctype=in,out, which keeps every call). Prints both,
# best of three, and their ratio. Needs the postgresql package (scripts/with-postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-10000000}
if [[ -z "${OPENDIALLER_TEST_PG_URL:-}" ]]; then
    exec scripts/with-postgres "$0" "$@"
fi
./opendialler --help >/dev/null
PORT=18123
DATA=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$DATA"' EXIT
hostport=${OPENDIALLER_TEST_PG_URL#jdbc:postgresql://}
PSQL=(psql -q -v ON_ERROR_STOP=1 "postgresql://$OPENDIALLER_TEST_PG_USER:$OPENDIALLER_TEST_PG_PASSWORD@$hostport")
export OPENDIALLER_BOOTSTRAP_USER=bench OPENDIALLER_BOOTSTRAP_PASSWORD=bench-password
export OPENDIALLER_DB_PASSWORD=$OPENDIALLER_TEST_PG_PASSWORD

serve() {
    ./opendialler serve --port $PORT --host 127.0.0.1 --data "$DATA" \
        --db "$OPENDIALLER_TEST_PG_URL" --db-user "$OPENDIALLER_TEST_PG_USER" \
        > "$DATA/server.log" 2>&1 &
    SERVER=$!
    until curl -sf "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.5; done
}

serve   # migrates and makes the centre
kill "$SERVER"; wait "$SERVER" || true
ccid=$("${PSQL[@]}" -At -c "SELECT ccid FROM centres ORDER BY ccid LIMIT 1")

echo "writing $ROWS CDRs of March 2026 (Europe/London) by SQL..." >&2
start=$(date +%s)
"${PSQL[@]}" <<SQL
INSERT INTO cdr (callid, ccid, qid, qtable, qtype, qnm, ctype, dtype, cres, ocid, oc_complete,
                 oc_sale, t_init_ms, t_answ_ms, ms_dur, ms_talk, ms_wrap, ms_que, ms_wait,
                 cost_cust, loc_minute, loc_month)
SELECT 1000000000 + i, $ccid, 700 + i % 20, 'table' || (i % 4), 'outbound', 'Queue ' || (700 + i % 20),
       CASE WHEN i % 5 = 0 THEN 'in' ELSE 'out' END,
       (ARRAY['in', 'out', 'man', 'tpt', 'out'])[1 + i % 5],
       CASE WHEN i % 3 = 0 THEN 'No Answer' ELSE 'Answered' END,
       CASE WHEN i % 2 = 0 THEN 500200 ELSE 0 END, i % 4 = 0, i % 8 = 0,
       t, CASE WHEN i % 3 = 0 THEN NULL ELSE t + i % 20000 END, i % 600000, i % 300000,
       i % 30000, i % 40000, i % 9000, (i % 1000) / 10000.0,
       t / 60000 + CASE WHEN t >= 1774746000000 THEN 60 ELSE 0 END,
       CASE WHEN t >= 1775001600000 - 3600000 THEN 202604 ELSE 202603 END
FROM (SELECT i, 1772323200000 + (i::bigint * 2678400000 / $ROWS) AS t
      FROM generate_series(0, $ROWS - 1) AS i) AS g;
ANALYZE cdr;
SQL
echo "CDRs written in $(( $(date +%s) - start )) s" >&2

start=$(date +%s)
serve   # fills the report slots from the CDRs
echo "server up (slots filled) in $(( $(date +%s) - start )) s;" \
    "$("${PSQL[@]}" -At -c "SELECT count(*) FROM cdr_slots") slot rows" >&2

T=$(curl -s "http://127.0.0.1:$PORT/token.php?action=get&username=bench&password=bench-password" \
    | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
FIELDS=qtable,qnm,P1D,nc_all,nc_in,nc_out,nc_out_all,nc_man,nc_tpt,nc_ans,nc_ans_in,nc_con
FIELDS=$FIELDS,nc_que,nc_wait,nc_wrap,sec_dur,sec_talk,sec_tpt,sec_call,sec_ans,oc_sale,oc_cmpli
FIELDS=$FIELDS,cost_cust
best() {   # best of three wall times in ms of a calls report; $1 more parameters
    local b=999999999 stop=1775001600 t0 t1 ms
    for _ in 1 2 3; do
        stop=$((stop - 1))   # a new range each time: no engine may answer from a cache
        t0=$(date +%s%N)
        curl -sf "http://127.0.0.1:$PORT/reporting.php?token=$T&method=calls&format=json&groupby=qtable,qnm,P1D&fields=$FIELDS&range=1772323200:$stop$1" \
            > "$DATA/answer.json"
        t1=$(date +%s%N)
        ms=$(( (t1 - t0) / 1000000 ))
        (( ms < b )) && b=$ms
    done
    echo "$b"
}
slots=$(best "")
cp "$DATA/answer.json" "$DATA/slots.json"
groups_slots=$(grep -o '"total":[0-9]*' "$DATA/answer.json")
scan=$(best "&ctype=in,out")
groups_scan=$(grep -o '"total":[0-9]*' "$DATA/answer.json")
# The two answers of the last (same) range must agree group by group, metric by metric.
same=$(python3 -c 'import json,sys; a,b=(json.load(open(f))["list"] for f in sys.argv[1:]); print("same answers" if a==b else "ANSWERS DIFFER")' "$DATA/slots.json" "$DATA/answer.json")
echo "report over $ROWS CDRs, groupby=qtable,qnm,P1D, 20 metrics, best of 3 ($(nproc) cores," \
    "load $(cut -d' ' -f1 /proc/loadavg)):"
echo "  from the slots: $slots ms ($groups_slots)"
echo "  scanning cdr:   $scan ms ($groups_scan, $same)"
awk -v a="$slots" -v b="$scan" 'BEGIN { printf "  ratio slots/scan: %.3f\n", a / b }'
