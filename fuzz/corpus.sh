#!/usr/bin/env bash
# The fuzz corpus is committed as one archive per target, corpus/<target>.tar.gz; fuzzing
# works on unpacked copies in work/corpus/<target>/ (ignored by git).
#   ./corpus.sh unpack [target ...]   unpack the archives whose work folder does not exist yet
#   ./corpus.sh pack [target ...]     write corpus/<target>.tar.gz from work/corpus/<target>/
# Default targets: every archive (unpack) or every work folder (pack). The archives are
# reproducible: sorted names, fixed owner and time, gzip without a name or time stamp.
set -eu
cd "$(dirname "$0")"
cmd="${1:-}"
[ $# -gt 0 ] && shift
targets=("$@")
case "$cmd" in
  unpack)
    if [ ${#targets[@]} -eq 0 ]; then
      for a in corpus/*.tar.gz; do [ -e "$a" ] && targets+=("$(basename "$a" .tar.gz)"); done
    fi
    mkdir -p work/corpus
    for t in "${targets[@]}"; do
      if [ -d "work/corpus/$t" ]; then
        echo "$t: work/corpus/$t exists, kept"
      elif [ -f "corpus/$t.tar.gz" ]; then
        tar -xzf "corpus/$t.tar.gz" -C work/corpus
        echo "$t: $(find "work/corpus/$t" -type f | wc -l) files unpacked into work/corpus/$t"
      else
        mkdir -p "work/corpus/$t"
        echo "$t: no corpus/$t.tar.gz, starting from an empty work/corpus/$t"
      fi
    done
    ;;
  pack)
    if [ ${#targets[@]} -eq 0 ]; then
      for d in work/corpus/*/; do [ -d "$d" ] && targets+=("$(basename "$d")"); done
    fi
    for t in "${targets[@]}"; do
      [ -d "work/corpus/$t" ] || { echo "$t: no work/corpus/$t" >&2; exit 1; }
      tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
        -C work/corpus -cf - "$t" | gzip -n -9 >"corpus/$t.tar.gz"
      echo "$t: $(find "work/corpus/$t" -type f | wc -l) files -> corpus/$t.tar.gz ($(stat -c %s "corpus/$t.tar.gz") B)"
    done
    ;;
  *)
    echo "usage: $0 unpack|pack [target ...]" >&2
    exit 2
    ;;
esac
