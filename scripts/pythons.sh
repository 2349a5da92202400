#!/usr/bin/env bash
# Prints one interpreter path per CPython minor version 3.10 to 3.13 installed with pyenv
# (newest patch release of each). Fails when 3.11 or 3.13 is missing: CI needs both.
set -euo pipefail
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
found=()
for minor in 3.10 3.11 3.12 3.13; do
    best=$(ls -d "$root"/versions/"$minor".* 2>/dev/null | grep -E "/$minor\.[0-9]+$" | sort -V | tail -n 1 || true)
    if [ -n "$best" ] && [ -x "$best/bin/python" ]; then
        found+=("$best/bin/python")
    elif [ "$minor" = 3.11 ] || [ "$minor" = 3.13 ]; then
        echo "scripts/pythons.sh: CPython $minor is not installed with pyenv" >&2
        exit 1
    fi
done
printf '%s\n' "${found[@]}"
