#!/usr/bin/env bash
# Counts the repeated code in a folder's hand-written files only: the `duplicates` tool reads every source file,
# generated ones included, so this copies the tracked files that are not generated (`*.g.cs`, anything under a
# `Generated/` folder) to a scratch folder and runs it there. Issue 18's measure for the SDK:
#
#   eng/duplicates-handwritten.sh src/SpaceTraders.Sdk [--most 200]
#
# Extra arguments go to `duplicates`. Needs `duplicates` on PATH (a developer tool, not part of the build).
set -euo pipefail
folder="${1:?usage: eng/duplicates-handwritten.sh <folder> [duplicates options]}"
shift
root="$(git rev-parse --show-toplevel)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$root"
git ls-files -- "$folder" | grep -v '\.g\.cs$' | grep -v '/Generated/' | while read -r file; do
    mkdir -p "$scratch/$(dirname "$file")"
    cp "$file" "$scratch/$file"
done
duplicates --repo "$scratch" --seconds 120 "$@"
