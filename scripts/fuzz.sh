#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (ASan + libFuzzer, release) and runs each for FUZZ_SECONDS (default 60)
# from a seed corpus built from Samples/ and Rules/. Usage: scripts/fuzz.sh [TARGET ...]
# Env: FUZZ_SECONDS, FUZZ_TIMEOUT (seconds per input, default 10), FUZZ_RSS_MB (default 2048),
#      FUZZ_OUT (default fuzz-out/). Crashes, timeouts, leaks and OOMs are written to $FUZZ_OUT/<target>/artifacts/;
#      keep each as a regression input under Tests/SecurityTests/Regressions/<target>/ once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
TIMEOUT=${FUZZ_TIMEOUT:-10}
RSS=${FUZZ_RSS_MB:-2048}
OUT=${FUZZ_OUT:-$ROOT/fuzz-out}
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(html text docx docx-xml pack rules)
SWIFT=${SWIFT:-swift}

echo "fuzz: building (release, -sanitize=fuzzer,address) …"
# SwiftPM keeps the build plan of the path dependency (the main package) and misses source files added to it
# since the last fuzz build: drop the plan (objects stay, so the rebuild is still incremental).
rm -f "$ROOT"/.build-fuzz/*.yaml "$ROOT"/.build-fuzz/*/release/description.json
# REPORTLINT_VERIFY_UTF8: every String made from bytes promised valid is checked (String(knownValidUTF8:)).
FLAGS=(-c release --package-path Fuzz --scratch-path "$ROOT/.build-fuzz" --sanitize=fuzzer --sanitize=address
       -Xswiftc -DREPORTLINT_VERIFY_UTF8)
$SWIFT build "${FLAGS[@]}" --product reportlint-fuzz >&2
BIN="$($SWIFT build "${FLAGS[@]}" --show-bin-path)/reportlint-fuzz"

# Seed corpora: samples by format, small pack files, plus the regression inputs already kept.
seed() { # target dir
  local t=$1 d=$2
  mkdir -p "$d"
  case $t in
    html) cp Samples/*.html "$d/" ;;
    text|rules) cp Samples/*.txt "$d/" ;;
    docx) cp Samples/*.docx "$d/" ;;
    docx-xml)
      for f in Samples/*.docx; do
        python3 -c 'import sys,zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml"))' \
          "$f" > "$d/$(basename "$f" .docx).document.xml"
      done ;;
    pack)
      find Rules -name '*.yml' -size -16k | while read -r f; do cp "$f" "$d/$(echo "$f" | tr / _)"; done ;;
  esac
  if [ -d "Tests/SecurityTests/Regressions/$t" ]; then cp Tests/SecurityTests/Regressions/$t/* "$d/" 2>/dev/null || true; fi
}

DICT_ARGS=()
status=0
summary=""
for t in "${TARGETS[@]}"; do
  dir="$OUT/$t"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  seed "$t" "$dir/seeds"
  dict="Fuzz/dictionaries/$t.dict"
  DICT_ARGS=()
  [ -f "$dict" ] && DICT_ARGS=(-dict="$dict")
  echo "fuzz: $t for ${SECONDS_PER_TARGET}s" >&2
  set +e
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
  LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/Fuzz/lsan.supp} \
  REPORTLINT_FUZZ_TARGET="$t" "$BIN" -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" -rss_limit_mb="$RSS" \
    -max_len=262144 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" "${DICT_ARGS[@]}" \
    "$dir/corpus" "$dir/seeds" > "$dir/log.txt" 2>&1
  rc=$?
  set -e
  execs=$(grep -E '^stat::number_of_executed_units' "$dir/log.txt" | awk '{print $2}' | tail -1)
  speed=$(grep -E '^stat::average_exec_per_sec' "$dir/log.txt" | awk '{print $2}' | tail -1)
  line="$t: rc=$rc executions=${execs:-?} exec/s=${speed:-?} corpus=$(ls "$dir/corpus" | wc -l) artifacts=$(ls "$dir/artifacts" | wc -l)"
  echo "fuzz: $line" >&2
  summary+="$line"$'\n'
  [ $rc -ne 0 ] && status=1
done
printf '%s' "$summary" | tee "$OUT/summary.txt"
exit $status
