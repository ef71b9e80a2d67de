#!/usr/bin/env bash
# Runs the fuzz targets, two at a time, each for $SECS seconds (default 600), and
# writes logs/<target>.log. Usage: fuzz/run.sh [target ...]   (default: every target)
# Each target fuzzes work/corpus/<target>/ (ignored by git), unpacked from the committed
# corpus/<target>.tar.gz when it does not exist yet; ./corpus.sh pack writes it back.
set -u
cd "$(dirname "$0")"
SECS="${SECS:-600}"
JOBS="${JOBS:-2}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
mkdir -p logs
./corpus.sh unpack "${targets[@]}" || exit 1
cargo +nightly fuzz build >/dev/null 2>&1 || { echo "build failed"; exit 1; }
run_one() {
  t="$1"
  nice cargo +nightly fuzz run "$t" "work/corpus/$t" -- \
    -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    >"logs/$t.log" 2>&1
  echo "$t exit=$? $(grep -E '^Done' "logs/$t.log" | tail -1)"
}
export -f run_one
export SECS
printf '%s\n' "${targets[@]}" | xargs -P "$JOBS" -I{} bash -c 'run_one {}'
