#!/usr/bin/env bash
# Runs Hearth's whole test suite and ends with one line counted from the real results:
#   N passed, N failed, N skipped
# Needs only the .NET SDK; test fixtures install and start whatever servers they need.
set -uo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

status=0
dotnet test Hearth.sln --configuration Release --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0 failed=0 total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$((total + $(value total)))
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
done
skipped=$((total - passed - failed))

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run failed before or outside any test (a build error, a crashed test host): count it as a failure.
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
