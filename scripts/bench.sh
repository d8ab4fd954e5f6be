#!/usr/bin/env bash
# make bench: throughput, incremental rerun, memory and single-draft latency of reportlint, with the baselines
# measured in the same run on the same corpus (issue 5, issue 4 item 6). Everything goes to bench-out/ (git-ignored).
#
#   BENCH_N=10000   reports in the corpus (half .txt, half .html; ../shared/bench/gen_corpus.py)
#   BENCH_JOBS=2    parallel jobs for every tool
#   BENCH_LATENCY_RUNS=41  runs for the single-draft latency medians
#   BENCH_RUNS=5    rounds of the timed steps (each step's median is reported)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${BENCH_N:-10000}
JOBS=${BENCH_JOBS:-2}
RUNS=${BENCH_LATENCY_RUNS:-41}
REPEAT=${BENCH_RUNS:-5}
BIN=$ROOT/.build/release/reportlint
SHARED=${SHARED_DIR:-$ROOT/../shared}
GEN=$SHARED/bench/gen_corpus.py
PEER=$SHARED/bench/peer.py
OUT=$ROOT/bench-out
CORPUS=$OUT/corpus-$N
SMALL=$OUT/corpus-1000
mkdir -p "$OUT"

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench: needs $1 ($2)" >&2; exit 1; }; }
need python3 "apt-get install python3"
need xmllint "apt-get install libxml2-utils"
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench: build first (make build)" >&2; exit 1; }
[ -f "$GEN" ] || { echo "bench: $GEN not found (set SHARED_DIR)" >&2; exit 1; }
python3 -c 'import lxml' 2>/dev/null || python3 -m pip install -q lxml

gen() {  # gen N DIR: deterministic corpus, regenerated only when missing or incomplete
  local n=$1 dir=$2
  if [ "$(find "$dir" -maxdepth 1 -type f 2>/dev/null | wc -l)" != "$n" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    python3 "$GEN" -n "$n" -j "$JOBS" "$dir" >/dev/null
  fi
}
gen "$N" "$CORPUS"
gen 1000 "$SMALL"

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.3f}')"; }
bytes_of() { find "$1" -type f ${2:+-name "$2"} -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
rate() { python3 -c "print(f'{$1 / $2:,.0f}')"; }
mbps() { python3 -c "print(f'{$1 / 1e6 / $2:.1f}')"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
peak_kb() { awk '/Maximum resident set size/ {print $6}' "$1"; }
# warm DIR: reads DIR's files into the page cache. The kernel may drop cold file pages even with memory free
# (proactive reclaim such as DAMON runs on this machine), and a step that reads part of the corpus from disk
# measures the disk: every tool gets the same warm cache before every timed run.
warm() { cat "$1"/* >/dev/null; }
TOTAL_BYTES=$(bytes_of "$CORPUS")
HTML_BYTES=$(bytes_of "$CORPUS" '*.html')
NHTML=$(find "$CORPUS" -maxdepth 1 -name '*.html' | wc -l)
echo "corpus: $N reports ($NHTML html), $(python3 -c "print(f'{$TOTAL_BYTES/1e6:.1f}')") MB; html half $(python3 -c "print(f'{$HTML_BYTES/1e6:.1f}')") MB; $JOBS jobs; $(nproc) cores"
echo

# 1. Full check (JSONL to a file), its HTML half, and the baselines, in rounds: every step once per round, in turn,
# so a machine that speeds up or slows down while the bench runs (other tenants, proactive reclaim) weighs on
# reportlint and on its baselines alike. Each step's time is its median over the rounds.
declare -A TIMES
# round_step LABEL CMD...: one timed run of CMD (output discarded), added to LABEL's times. It starts with the corpus
# in the page cache and the disk caught up (sync): otherwise one step's output still being written back slows the
# next step's fsyncs.
round_step() {
  local label=$1 t0 t1; shift
  warm "$CORPUS"; sync
  t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
  TIMES[$label]+="$(secs "$t0" "$t1") "
}
median_of() { printf '%s\n' ${TIMES[$1]} | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for _ in $(seq "$REPEAT"); do
  round_step full "$BIN" check "$CORPUS" --jobs "$JOBS" --format jsonl -o "$OUT/full.jsonl" --fail-on never
  # One process: the quoted pattern is expanded by reportlint itself (xargs would split 5,000 paths into several
  # sequential runs, each overwriting the output).
  round_step html "$BIN" check "$CORPUS/*.html" --jobs "$JOBS" --format jsonl -o "$OUT/html.jsonl" --fail-on never
  round_step peer python3 "$PEER" "$CORPUS" -j "$JOBS" -o "$OUT/peer.jsonl"
  round_step xmllint bash -c 'find "$1" -maxdepth 1 -name "*.html" -print0 | xargs -0 -n 50 -P "$2" xmllint --html --noout' _ "$CORPUS" "$JOBS"
  round_step cat bash -c 'cat "$1"/*' _ "$CORPUS"
done
FULL=$(median_of full); FULL_HTML=$(median_of html); PEERT=$(median_of peer); XMLT=$(median_of xmllint); CATT=$(median_of cat)
# 1c. Cold run filling a cache with all three batch outputs.
rm -f "$OUT/cache.db" "$OUT/cache.db-wal" "$OUT/cache.db-shm"; rm -rf "$OUT/work"; cp -r "$CORPUS" "$OUT/work"
warm "$OUT/work"; sync
t0=$(now); "$BIN" check "$OUT/work" --jobs "$JOBS" --cache "$OUT/cache.db" --output-dir "$OUT/batch" --fail-on never 2>/dev/null || true; t1=$(now)
COLD=$(secs "$t0" "$t1")
# 2. Warm rerun with 1% of the files changed (each of the $REPEAT runs changes the same 1% again).
change_one_percent() {
  python3 - "$OUT/work" <<'EOF'
import os, sys
d = sys.argv[1]
names = sorted(os.listdir(d))
for name in names[::100]:
    p = os.path.join(d, name)
    with open(p, "ab") as f:
        f.write(b"\n<!-- changed -->\n" if name.endswith(".html") else b"\n\xe6\x9b\xb4\xe6\x96\xb0\n")
EOF
}
# Each round also times a full check right after its rerun: the rerun's share of the full check is the median of
# these pairs, so a drift of the machine's speed between the two parts of the bench does not bias it.
# Two untimed reruns first. A rerun writes its output over the file the run before last left (the output and its
# spare take turns), and the two left by an earlier bench have long left the page cache: writing 93 MB into fresh
# pages cost this virtual machine 0.1-0.15 s of system time per rerun (the host backs pages the guest gave back
# only when they are touched again). The full check's rounds get the same warm-up from each other; both are
# printed, so nothing is hidden.
WARMUPS=()
for _ in 1 2; do
  change_one_percent
  sleep 2.1
  warm "$OUT/work"; cat "$OUT/cache.db" >/dev/null; sync
  t0=$(now); /usr/bin/time -f '%U %S' -o "$OUT/warm.time" "$BIN" check "$OUT/work" --jobs "$JOBS" --cache "$OUT/cache.db" --format jsonl -o "$OUT/warm.jsonl" --fail-on never 2>/dev/null || true; t1=$(now)
  read -r wu ws < "$OUT/warm.time"; WARMUPS+=("$(secs "$t0" "$t1") s (user $wu, sys $ws)")
done
WARMS=(); WARM_PCTS=(); WARM_DETAIL=()
for _ in $(seq "$REPEAT"); do
  change_one_percent
  sleep 2.1  # past the cache's "recently modified" window, as a nightly rerun would be
  warm "$OUT/work"; cat "$OUT/cache.db" >/dev/null; sync
  t0=$(now); /usr/bin/time -f '%U %S %F %w %c' -o "$OUT/warm.time" "$BIN" check "$OUT/work" --jobs "$JOBS" --cache "$OUT/cache.db" --format jsonl -o "$OUT/warm.jsonl" --fail-on never 2>"$OUT/warm.err" || true; t1=$(now)
  w=$(secs "$t0" "$t1"); WARMS+=("$w")
  read -r wu ws wmaj wvol winv < "$OUT/warm.time"; WARM_DETAIL+=("$w s: user $wu, sys $ws, major faults $wmaj, waits $wvol, preempted $winv; $(grep -o 'cache: [^;]*' "$OUT/warm.err")")
  TIMES[pair]=""; round_step pair "$BIN" check "$CORPUS" --jobs "$JOBS" --format jsonl -o "$OUT/full.jsonl" --fail-on never
  WARM_PCTS+=("$(python3 -c "print(f'{$w / ${TIMES[pair]} * 100:.1f}')")")
done
WARM=$(printf '%s\n' "${WARMS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
WARM_PCT=$(printf '%s\n' "${WARM_PCTS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
warm "$OUT/work"; cat "$OUT/cache.db" >/dev/null; sync
t0=$(now); "$BIN" check "$OUT/work" --jobs "$JOBS" --cache "$OUT/cache.db" --output-dir "$OUT/batch" --fail-on never 2>"$OUT/warm3.err" || true; t1=$(now)
WARM3=$(secs "$t0" "$t1")

# 3. Peak RSS, 1,000 and N reports (JSONL output; and all three batch outputs).
/usr/bin/time -v "$BIN" check "$SMALL" --jobs "$JOBS" --format jsonl -o "$OUT/rss1k.jsonl" --fail-on never 2>"$OUT/rss1k.time" >/dev/null || true
/usr/bin/time -v "$BIN" check "$CORPUS" --jobs "$JOBS" --format jsonl -o "$OUT/rssN.jsonl" --fail-on never 2>"$OUT/rssN.time" >/dev/null || true
/usr/bin/time -v "$BIN" check "$SMALL" --jobs "$JOBS" --output-dir "$OUT/rss1k-dir" --fail-on never 2>"$OUT/rss1k3.time" >/dev/null || true
/usr/bin/time -v "$BIN" check "$CORPUS" --jobs "$JOBS" --output-dir "$OUT/rssN-dir" --fail-on never 2>"$OUT/rssN3.time" >/dev/null || true
RSS1K=$(peak_kb "$OUT/rss1k.time"); RSSN=$(peak_kb "$OUT/rssN.time")
RSS1K3=$(peak_kb "$OUT/rss1k3.time"); RSSN3=$(peak_kb "$OUT/rssN3.time")

# 5. Single-draft latency (issue 4 item 6): median of many runs on one ~10 KB sample, beside `true`.
SAMPLE=$(ls -S "$ROOT"/Samples/*.txt | awk -v min=8000 '{ cmd="stat -c %s \"" $0 "\""; cmd | getline s; close(cmd); if (s >= min) print $0 }' | tail -1)
[ -n "$SAMPLE" ] || SAMPLE=$(ls "$ROOT"/Samples/*.txt | head -1)
median_ms() {  # median_ms CMD...: median wall time of $RUNS runs, in ms
  python3 - "$RUNS" "$@" <<'EOF'
import subprocess, sys, time, statistics
runs = int(sys.argv[1]); cmd = sys.argv[2:]
ts = []
for _ in range(runs):
    t = time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); ts.append(time.perf_counter() - t)
print(f"{statistics.median(ts) * 1000:.1f}")
EOF
}
LAT=$(median_ms "$BIN" check "$SAMPLE" --fail-on never)
LATTRUE=$(median_ms true)

echo "timed steps: median of $REPEAT rounds (every step once per round, in turn), disk synced before each run"
echo "reportlint full check ($JOBS jobs):    $FULL s   $(rate "$N" "$FULL") reports/s   $(mbps "$TOTAL_BYTES" "$FULL") MB/s   [rounds: ${TIMES[full]}]"
echo "  html half only:                     $FULL_HTML s   $(rate "$NHTML" "$FULL_HTML") reports/s   $(mbps "$HTML_BYTES" "$FULL_HTML") MB/s"
echo "  cold, --cache + --output-dir:       $COLD s   $(rate "$N" "$COLD") reports/s"
echo "warm rerun, 1% changed (jsonl):       $WARM s   = $(python3 -c "print(f'{$WARM / $COLD * 100:.1f}')")% of the cold cached run; $WARM_PCT% of a full check timed right after it (median of $REPEAT pairs: ${WARM_PCTS[*]})   [$(grep -o 'cache: [^;]*' "$OUT/warm.err")]"
printf '  rerun %s\n' "${WARM_DETAIL[@]}"
echo "  (before them, untimed: two reruns writing over output files an earlier bench left: ${WARMUPS[0]}, ${WARMUPS[1]})"
echo "warm rerun, --output-dir (3 outputs): $WARM3 s   [$(grep -o 'cache: [^;]*' "$OUT/warm3.err")]"
echo "peak RSS, jsonl:        1,000 reports $((RSS1K / 1024)) MB   $N reports $((RSSN / 1024)) MB   (ratio $(ratio "$RSSN" "$RSS1K"))"
echo "peak RSS, --output-dir: 1,000 reports $((RSS1K3 / 1024)) MB   $N reports $((RSSN3 / 1024)) MB   (ratio $(ratio "$RSSN3" "$RSS1K3"))"
echo
echo "baselines (same corpus, same run)                     time      throughput          reportlint speed-up"
echo "  peer.py -j $JOBS (Python + lxml, same checks)          $PEERT s   $(rate "$N" "$PEERT") reports/s   $(ratio "$PEERT" "$FULL")x   [rounds: ${TIMES[peer]}]"
echo "  xmllint --html --noout, html half, xargs -P $JOBS        $XMLT s   $(mbps "$HTML_BYTES" "$XMLT") MB/s          $(ratio "$XMLT" "$FULL_HTML")x (reportlint html half vs parse-only floor)"
echo "  cat (I/O floor)                                      $CATT s   $(mbps "$TOTAL_BYTES" "$CATT") MB/s        $(ratio "$CATT" "$FULL")x"
echo
echo "single draft ($(basename "$SAMPLE"), $(stat -c %s "$SAMPLE") bytes), median of $RUNS runs: reportlint check $LAT ms; true $LATTRUE ms"
