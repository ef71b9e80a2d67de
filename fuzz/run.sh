#!/usr/bin/env bash
# Runs the fuzz targets, two at a time, each for $SECS seconds (default 600), and
# writes logs/<target>.log. Usage: fuzz/run.sh [target ...]   (default: every target)
set -u
cd "$(dirname "$0")"
SECS="${SECS:-600}"
JOBS="${JOBS:-2}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
mkdir -p logs
cargo +nightly fuzz build >/dev/null 2>&1 || { echo "build failed"; exit 1; }
run_one() {
  t="$1"
  mkdir -p "corpus/$t"
  nice cargo +nightly fuzz run "$t" "corpus/$t" -- \
    -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    >"logs/$t.log" 2>&1
  echo "$t exit=$? $(grep -E '^Done' "logs/$t.log" | tail -1)"
}
export -f run_one
export SECS
printf '%s\n' "${targets[@]}" | xargs -P "$JOBS" -I{} bash -c 'run_one {}'
