#!/usr/bin/env bash
# Keeps the public API baselines (PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt) of the projects plugins compile
# against: the SDK and the runtime abstractions. The build fails on public API missing from them (RS0016) or listed
# in them but gone from the code (RS0017); docs/public-api.md describes the workflow.
#
#   eng/public-api.sh               record public API changes in PublicAPI.Unshipped.txt: new API added (the
#                                   analyzer's own code fix), API gone from the code marked *REMOVED* (or deleted)
#   eng/public-api.sh --ship        at a release: fold PublicAPI.Unshipped.txt into PublicAPI.Shipped.txt
#   eng/public-api.sh --rebaseline  regenerate PublicAPI.Shipped.txt from the code as it is, Unshipped left empty
#                                   (the first baseline, or after merging branches that predate the baselines)
#
# After any of them, run the plugin contract test (docs/public-api.md says how); it names the hash to pin.
set -euo pipefail
cd "$(dirname "$0")/.."

projects=(src/SpaceTraders.Sdk src/SpaceTraders.Runtime.Abstractions)
header='#nullable enable'

# Writes the API lines read from stdin to $1 below the header, sorted ordinally, without blank lines or duplicates.
write_sorted() {
  local target=$1 body
  body=$(grep -v -x -e "$header" -e '' | LC_ALL=C sort -u || true)
  { printf '%s\n' "$header"; [ -z "$body" ] || printf '%s\n' "$body"; } > "$target"
}

# Applies the analyzer's RS0016 code fix: every undeclared public symbol is added to PublicAPI.Unshipped.txt.
declare_new() {
  local project
  for project in "${projects[@]}"; do
    echo "Declaring undeclared public API of $project"
    dotnet format analyzers "$project" --diagnostics RS0016 --severity warn
    write_sorted "$project/PublicAPI.Unshipped.txt" < "$project/PublicAPI.Unshipped.txt"
  done
}

# RS0017 (declared API that is gone: removed, renamed or changed) has no code fix: a build lists those lines. One
# declared in PublicAPI.Unshipped.txt was never shipped and is deleted; one in PublicAPI.Shipped.txt is marked
# *REMOVED* in PublicAPI.Unshipped.txt, as the analyzer expects until the release folds it away.
retire_removed() {
  local log entry file number line project
  log=$(mktemp)
  echo "Looking for declared public API that is gone (RS0017)"
  # No incremental build: an up-to-date project would be skipped and report nothing. The abstractions build the SDK.
  dotnet build "${projects[1]}" -c Release --no-incremental -nodeReuse:false -clp:NoSummary \
    -p:TreatWarningsAsErrors=false > "$log" 2>&1 || true
  # "<folder>/PublicAPI.Shipped.txt(6,1): warning RS0017: ..." becomes "<folder>/PublicAPI.Shipped.txt 6".
  sed -n 's/^\(.*PublicAPI\.[A-Za-z]*\.txt\)(\([0-9]*\),[0-9]*): warning RS0017:.*/\1 \2/p' "$log" \
    | sort -u > "$log.gone"
  while IFS= read -r entry; do
    file=${entry% *}
    number=${entry##* }
    line=$(sed -n "${number}p" "$file")
    echo "  gone: $line"
    case "$file" in
      *PublicAPI.Shipped.txt) printf '*REMOVED*%s\n' "$line" >> "$(dirname "$file")/PublicAPI.Unshipped.txt" ;;
      *) printf '%s\n' "$line" >> "$log.drop.$(basename "$(dirname "$file")")" ;;
    esac
  done < "$log.gone"
  for project in "${projects[@]}"; do
    unshipped="$project/PublicAPI.Unshipped.txt"
    if [ -f "$log.drop.$(basename "$project")" ]; then
      grep -v -x -F -f "$log.drop.$(basename "$project")" "$unshipped" | write_sorted "$unshipped.new" || true
      mv "$unshipped.new" "$unshipped"
    else
      write_sorted "$unshipped.new" < "$unshipped"
      mv "$unshipped.new" "$unshipped"
    fi
  done
  if grep -q -E 'warning RS00(16|36|37|41|48|50)' "$log"; then
    echo "The build still reports public API warnings; fix them by hand:" >&2
    grep -E 'warning RS00[0-9]+' "$log" | sort -u >&2
  fi
  if grep -q -E ': error ' "$log"; then
    echo "The build failed for other reasons; see:" >&2
    grep -E ': error ' "$log" | sort -u | head -20 >&2
  fi
  rm -f "$log" "$log".*
}

ship() {
  local project shipped unshipped
  for project in "${projects[@]}"; do
    shipped="$project/PublicAPI.Shipped.txt"
    unshipped="$project/PublicAPI.Unshipped.txt"
    # Shipped lines minus the ones Unshipped marks *REMOVED*, plus Unshipped's additions.
    {
      grep -v -x -F -f <(sed -n 's/^\*REMOVED\*//p' "$unshipped") "$shipped" || true
      grep -v -e '^\*REMOVED\*' "$unshipped" || true
    } | write_sorted "$shipped.new"
    mv "$shipped.new" "$shipped"
    write_sorted "$unshipped" < /dev/null
  done
}

case "${1:-}" in
  "")
    declare_new
    retire_removed
    ;;
  --ship)
    ship
    ;;
  --rebaseline)
    for project in "${projects[@]}"; do
      write_sorted "$project/PublicAPI.Shipped.txt" < /dev/null
      write_sorted "$project/PublicAPI.Unshipped.txt" < /dev/null
    done
    declare_new
    ship
    ;;
  *)
    sed -n '2,13p' "$0" >&2
    exit 2
    ;;
esac

for project in "${projects[@]}"; do
  printf '%6d shipped %6d unshipped  %s\n' \
    "$(grep -c -v -x -e "$header" "$project/PublicAPI.Shipped.txt" || true)" \
    "$(grep -c -v -x -e "$header" "$project/PublicAPI.Unshipped.txt" || true)" "$project"
done
