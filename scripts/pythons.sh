#!/usr/bin/env bash
# Prints the CPython interpreters to test on, one path per line: for each minor version from
# 3.10 on, and each build kind (default, free-threaded "t"), the newest release found, so
# that a machine with 3.13.0 from pyenv and 3.13.15 built by hand tests 3.13.15.
#
# Where it looks:
#   - pyenv's versions ($(pyenv root)/versions/X.Y.Z and X.Y.Zt);
#   - python3.X and python3.Xt on PATH (every one of them, not only the first);
#   - ASYNCITERTOOLS_PYTHONS: more interpreters, paths separated by spaces or colons.
# Fails when no CPython 3.11 or 3.13 (default build) is found: CI needs both.
#
#   scripts/pythons.sh            # the paths
#   scripts/pythons.sh --table    # version, build kind and path, for people
set -euo pipefail

candidates=()
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for dir in "$root"/versions/3.*; do
    [ -x "$dir/bin/python" ] && candidates+=("$dir/bin/python")
done
for minor in $(seq 10 30); do
    for name in "python3.$minor" "python3.${minor}t"; do
        while IFS= read -r path; do
            [ -n "$path" ] && candidates+=("$path")
        done < <(which -a "$name" 2>/dev/null || true)
    done
done
extra=${ASYNCITERTOOLS_PYTHONS:-}
for path in ${extra//:/ }; do
    candidates+=("$path")
done

# Each candidate describes itself: sortable version, "t" for a free-threaded build, its real
# executable. pyenv's shims, which fail for a version not selected, describe nothing.
probe='import os, sys, sysconfig
v = sys.version_info
if (v.major, v.minor) < (3, 10):
    raise SystemExit
level = "abcf".index(v.releaselevel[0])
kind = "t" if sysconfig.get_config_var("Py_GIL_DISABLED") else "-"
tag = "" if level == 3 else {"alpha": "a", "beta": "b", "candidate": "rc"}[v.releaselevel]
print(f"{v.major}.{v.minor}", kind, f"{v.micro:03d}.{level}.{v.serial:02d}",
      f"{v.major}.{v.minor}.{v.micro}{tag}{v.serial if tag else chr(0)}".rstrip(chr(0)),
      os.path.realpath(sys.executable))'
described=$(
    for path in "${candidates[@]}"; do
        [ -x "$path" ] && "$path" -I -c "$probe" 2>/dev/null || true
    done | sort -u
)
# Newest per (minor, kind): sort by minor, kind, then version descending; keep the first.
chosen=$(printf '%s\n' "$described" | sort -t' ' -k1,1V -k2,2 -k3,3r | awk '!seen[$1 $2]++')

for required in 3.11 3.13; do
    if ! printf '%s\n' "$chosen" | grep -q "^$required - "; then
        echo "scripts/pythons.sh: no CPython $required found (pyenv, PATH, ASYNCITERTOOLS_PYTHONS)" >&2
        exit 1
    fi
done

if [ "${1:-}" = --table ]; then
    printf '%s\n' "$chosen" | awk '{printf "%-10s %-14s %s\n", $4, ($2 == "t" ? "free-threaded" : "default"), $5}'
else
    printf '%s\n' "$chosen" | awk '{print $5}'
fi
