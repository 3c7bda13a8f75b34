#!/usr/bin/env bash
# Builds hearth and runs it on the bundled example lab (examples/local), which applies offline:
# plan, apply, then a second plan that shows no changes. Needs only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet publish src/Hearth.Cli --configuration Release --output artifacts/hearth --nologo -v quiet
hearth=$PWD/artifacts/hearth/hearth

cd examples/local
echo "== hearth plan"
"$hearth" plan
echo
echo "== hearth apply --auto-approve"
"$hearth" apply --auto-approve
echo
echo "== hearth plan (again: nothing left to do)"
"$hearth" plan
echo
echo "The lab wrote its files under examples/local/out/. Try: $hearth -C examples/local output"
