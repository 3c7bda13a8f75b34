#!/usr/bin/env bash
# Builds hearth and runs it on the bundled example lab (examples/local), which applies offline:
# plan, apply, then a second plan that shows no changes. Needs the .NET SDK; installs the native
# toolchain for the NativeAOT build (clang, zlib) with apt-get when it can.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/publish.sh
hearth=$(publish_hearth artifacts/hearth)

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
