#!/usr/bin/env bash
# Prints a markdown table of the last run of each target from logs/<target>.log; the
# corpus columns count work/corpus/<target>/ (after `cargo fuzz cmin`, if you ran it).
cd "$(dirname "$0")"
echo "| target | execs | seconds | exec/s | coverage (cov / ft) | corpus (files / bytes) | crashes |"
echo "| --- | ---: | ---: | ---: | --- | --- | --- |"
for log in logs/*.log; do
  case "$(basename "$log")" in cmin-*) continue ;; esac
  t=$(basename "$log" .log)
  done_line=$(grep -a -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  runs=$(echo "$done_line" | awk '{print $2}')
  secs=$(echo "$done_line" | awk '{print $5}')
  cov=$(grep -a -E '^#[0-9]+' "$log" | tail -1 | grep -o 'cov: [0-9]* ft: [0-9]*' | sed 's/cov: //; s/ ft: / \/ /')
  files=$(find "work/corpus/$t" -type f 2>/dev/null | wc -l)
  bytes=$(find "work/corpus/$t" -type f -printf '%s\n' 2>/dev/null | awk '{s+=$1} END {print s+0}')
  crash=$(grep -a -c 'panicked\|ERROR: libFuzzer\|ERROR: AddressSanitizer' "$log")
  [ -n "$runs" ] && eps=$((runs / secs)) || eps=""
  echo "| $t | ${runs:-–} | ${secs:-–} | ${eps:-–} | ${cov:-–} | $files / $bytes | $([ "$crash" = 0 ] && echo none || echo "see log") |"
done
