#!/usr/bin/env bash
# Keeps the public API baselines (PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt) of the projects plugins compile
# against: the SDK and the runtime abstractions. The build fails on public API missing from them (RS0016) or listed
# in them but gone from the code (RS0017); docs/public-api.md describes the workflow.
#
#   eng/public-api.sh               declare new public API in PublicAPI.Unshipped.txt (the analyzer's own code fix)
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
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac

for project in "${projects[@]}"; do
  printf '%6d shipped %6d unshipped  %s\n' \
    "$(grep -c -v -x -e "$header" "$project/PublicAPI.Shipped.txt" || true)" \
    "$(grep -c -v -x -e "$header" "$project/PublicAPI.Unshipped.txt" || true)" "$project"
done
