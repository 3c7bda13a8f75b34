#!/usr/bin/env bash
# Runs Hearth's whole test suite and ends with one line counted from the real results:
#   N passed, N failed, N skipped
# Needs the .NET SDK; installs the tools the tests compare against (apt-get, as root) when missing, and the
# pinned npm package of tests/interop/npm (an independent SOPS decoder) with `npm ci`.
set -uo pipefail
cd "$(dirname "$0")/.."

# Real tools the tests check against: the age CLI (an independent age implementation), gpg (PGP keys), and
# `script` (a pseudo-terminal to type a passphrase into age, which reads one from a terminal only).
need_packages=()
command -v age >/dev/null 2>&1 || need_packages+=(age)
command -v script >/dev/null 2>&1 || need_packages+=(bsdutils)
{ command -v gpg && command -v gpg-agent && command -v gpgconf; } >/dev/null 2>&1 || need_packages+=(gnupg)
# BIND's zone tools check the zone files Hearth writes (named-checkzone, named-compilezone).
{ command -v named-checkzone && command -v named-compilezone; } >/dev/null 2>&1 || need_packages+=(bind9-utils)
# A real BIND (named) for the RFC 2136 provider, and nsupdate/dig as an independent DNS client.
{ command -v named || [ -x /usr/sbin/named ]; } >/dev/null 2>&1 || need_packages+=(bind9)
{ command -v nsupdate && command -v dig; } >/dev/null 2>&1 || need_packages+=(bind9-dnsutils)
# A real Knot DNS (knotd) for the RFC 2136 provider too, with its client (knsupdate).
{ command -v knotd || [ -x /usr/sbin/knotd ]; } >/dev/null 2>&1 || need_packages+=(knot)
command -v knsupdate >/dev/null 2>&1 || need_packages+=(knot-dnsutils)
# A real PowerDNS Authoritative server (sqlite backend) for the powerdns provider.
{ [ -x /usr/sbin/pdns_server ] || command -v pdns_server; } >/dev/null 2>&1 || need_packages+=(pdns-server)
[ -f /usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql ] || need_packages+=(pdns-backend-sqlite3)
command -v sqlite3 >/dev/null 2>&1 || need_packages+=(sqlite3)
# A real PostgreSQL server for the postgres state backend (initdb and postgres under /usr/lib/postgresql).
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need_packages+=(postgresql)
# Node.js and npm run sops-age, the JavaScript SOPS implementation the interop tests decrypt Hearth's files with,
# and s3rver, the S3 server the s3 state backend is tested against.
{ command -v node && command -v npm; } >/dev/null 2>&1 || need_packages+=(nodejs npm)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing test tools: ${need_packages[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}"; } >/dev/null 2>&1 \
      || echo "warning: could not install ${need_packages[*]}; the tests that need them will fail" >&2
  else
    echo "warning: ${need_packages[*]} missing and cannot be installed (not root); the tests that need them will fail" >&2
  fi
fi

# sops-age and s3rver at the versions package-lock.json pins; reinstalled when the lock file is newer than the install.
interop=tests/interop/npm
setup_failed=0
if [ ! -f "$interop/node_modules/sops-age/package.json" ] || [ ! -f "$interop/node_modules/s3rver/package.json" ] || [ "$interop/package-lock.json" -nt "$interop/node_modules/.package-lock.json" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: npm is missing, so $interop cannot be installed: install Node.js and npm (apt-get install nodejs npm); the interop tests will fail" >&2
    setup_failed=1
  elif ! npm ci --prefix "$interop" --no-audit --no-fund >/dev/null; then
    echo "error: npm ci --prefix $interop failed (see above); the interop tests will fail" >&2
    setup_failed=1
  fi
fi

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

if { [ "$status" -ne 0 ] || [ "$setup_failed" -ne 0 ]; } && [ "$failed" -eq 0 ]; then
  # The run failed before or outside any test (a build error, a crashed test host): count it as a failure.
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$setup_failed" -eq 0 ]
