#!/usr/bin/env bash
# State backends side by side: the cost each backend adds to a run, against a real PostgreSQL and an s3rver that
# this script starts on loopback ports. Run it from the repository root:
#
#   bench/state.sh               N=10,000, 5 timed runs of each measurement
#   bench/state.sh --runs 3
#
# Options:
#   --runs K         timed runs of each measurement, alternating the backends; default 5
#   --resources N    resources in the large lab (bench/run.sh's chains of 10); default 10000
#   --small M        resources in the small lab; default 10
#   --no-build       reuse bench/out/hearth/hearth instead of publishing it again
#   --no-terraform   measure Hearth only
#
# For each backend (local file, postgres, s3 on s3rver with `lock: none`: s3rver ignores conditional writes and
# keeps no versions, so neither S3 lock can run on it) the script applies both labs from empty (untimed), then
# times (a) the no-change `hearth plan` of the large lab and (b) an apply of the small lab that changes one
# resource: lock + one read + one write. It counts what each run asks of the server: SQL statements and
# connections in PostgreSQL's log (log_statement=all), HTTP requests in s3rver's log. Terraform does the same
# with its local and `pg` backends on the equivalent `terraform_data` labs (its large state written directly, as
# bench/run.sh does, and pushed with `terraform state push`). B2 is not here: it has only an in-process fake.
#
# Output: bench/out/state/ (labs, logs, runs.tsv with every run); the table is printed and saved as
# bench/out/state/results.md. Needs bash, awk, curl, node and npm, PostgreSQL's server (Debian `postgresql`,
# installed when run as root) and the .NET SDK; optionally terraform and GNU time (peak memory).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

runs=5
n=10000
small=10
build=1
with_terraform=1

usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=${2:-}; shift ;;
    --runs=*) runs=${1#*=} ;;
    --resources) n=${2:-}; shift ;;
    --resources=*) n=${1#*=} ;;
    --small) small=${2:-}; shift ;;
    --small=*) small=${1#*=} ;;
    --no-build) build=0 ;;
    --no-terraform) with_terraform=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1 (see bench/state.sh --help)" >&2; exit 2 ;;
  esac
  shift
done
for value in "$runs" "$n" "$small"; do
  case $value in ''|*[!0-9]*|0) echo "--runs, --resources and --small take positive integers, got '$value'" >&2; exit 2 ;; esac
done

# ---------------------------------------------------------------------------------------------- tools

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ ! -x "$(pg_bin)/initdb" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing PostgreSQL (apt-get install postgresql)" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql postgresql-client; } >/dev/null 2>&1 || true
  fi
  [ -x "$(pg_bin)/initdb" ] || { echo "PostgreSQL's server is needed: apt-get install postgresql" >&2; exit 1; }
fi
pgbin=$(pg_bin)
for tool in node npm curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is needed (Debian packages nodejs, npm, curl)" >&2; exit 1; }
done
s3rver_js=$PWD/tests/interop/npm/node_modules/s3rver/bin/s3rver.js
if [ ! -f "$s3rver_js" ]; then
  echo "installing s3rver (npm ci --prefix tests/interop/npm)" >&2
  npm ci --prefix tests/interop/npm --no-audit --no-fund --loglevel=error >&2
fi

time_bin=/usr/bin/time
"$time_bin" -v true >/dev/null 2>&1 || time_bin=

terraform=
if [ "$with_terraform" = 1 ]; then
  terraform=$(command -v terraform || true)
  [ -n "$terraform" ] || echo "terraform is not on PATH: measuring Hearth only" >&2
fi
export CHECKPOINT_DISABLE=1   # no update check from Terraform: nothing here may depend on the network

# shellcheck source=../scripts/lib/publish.sh
. scripts/lib/publish.sh
# shellcheck source=lib/terraform-state.sh
. bench/lib/terraform-state.sh
if [ "$build" = 1 ] || [ ! -x bench/out/hearth/hearth ]; then
  echo "publishing hearth into bench/out/hearth ..." >&2
  rm -rf bench/out/hearth
  hearth=$(publish_hearth bench/out/hearth)
  git describe --always --dirty >bench/out/hearth/commit 2>/dev/null || echo unknown >bench/out/hearth/commit
else
  hearth=$PWD/bench/out/hearth/hearth
fi

if [ -n "${EPOCHREALTIME:-}" ]; then now() { echo "$EPOCHREALTIME"; }; else now() { date +%s.%N; }; fi

# ---------------------------------------------------------------------------------------------- the servers

out=$PWD/bench/out/state
rm -rf "$out"
mkdir -p "$out/logs"
servers=$(mktemp -d "${TMPDIR:-/tmp}/hearth-state-bench.XXXXXX")
chmod 711 "$servers"   # the `postgres` user must reach its data directory inside
pg_pid="" s3_pid=""
stop_servers() {
  # SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for clients).
  if [ -n "$pg_pid" ]; then kill -INT "$pg_pid" 2>/dev/null || true; wait "$pg_pid" 2>/dev/null || true; fi
  if [ -n "$s3_pid" ]; then kill "$s3_pid" 2>/dev/null || true; wait "$s3_pid" 2>/dev/null || true; fi
  pg_pid="" s3_pid=""
  # Keep the server logs the counts came from.
  cp "$servers/postgres.log" "$servers/s3rver.log" "$out/logs/" 2>/dev/null || true
  rm -rf "$servers"
}
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A loopback port nothing listens on, from a random start (two runs of this script at once do not collide).
free_port() {
  local port=$((20000 + RANDOM % 20000)) tries
  for ((tries = 0; tries < 200; tries++, port++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  echo "no free loopback port found" >&2; return 1
}
wait_for() { # SECONDS WHAT LOG COMMAND...
  local seconds=$1 what=$2 log=$3 i
  shift 3
  for ((i = 0; i < seconds * 10; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "$what did not start within $seconds s; its log ($log):" >&2; tail -n 20 "$log" >&2; exit 1
}

# PostgreSQL: a throwaway cluster owned by the `postgres` user (initdb and postgres refuse root), TCP on loopback,
# a password (scram-sha-256) user as a lab would use, every statement and connection logged for the counts.
pg_port=$(free_port)
pg_password=$(head -c 18 /dev/urandom | base64 | tr -d '+/=')
as_pg=()
[ "$(id -u)" != 0 ] || as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --)
mkdir -p "$servers/pg"
[ "$(id -u)" != 0 ] || chown postgres:postgres "$servers/pg"
"${as_pg[@]}" "$pgbin/initdb" -D "$servers/pg/data" -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
  --auth-local=trust --auth-host=scram-sha-256 --no-instructions >"$servers/initdb.log" 2>&1 \
  || { echo "initdb failed:" >&2; tail -n 20 "$servers/initdb.log" >&2; exit 1; }
# fsync off: throwaway data, and what is measured is the round trips, not the disk.
"${as_pg[@]}" "$pgbin/postgres" -D "$servers/pg/data" -p "$pg_port" -k "$servers/pg" -c listen_addresses=127.0.0.1 \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
  -c log_statement=all -c log_connections=on -c "log_line_prefix=%m [%p] %a: " \
  </dev/null >"$servers/postgres.log" 2>&1 &
pg_pid=$!
wait_for 30 PostgreSQL "$servers/postgres.log" "$pgbin/pg_isready" -q -h "$servers/pg" -p "$pg_port"
"$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h "$servers/pg" -p "$pg_port" -U postgres -d postgres >/dev/null <<SQL
CREATE ROLE bench LOGIN PASSWORD '$pg_password';
CREATE DATABASE bench OWNER bench;
SQL

# s3rver: its log has a line for every answered request; the bucket is made at start.
s3_port=$(free_port)
mkdir -p "$servers/s3"
node "$s3rver_js" -d "$servers/s3" -a 127.0.0.1 -p "$s3_port" --configure-bucket hearth-state \
  </dev/null >"$servers/s3rver.log" 2>&1 &
s3_pid=$!
wait_for 30 s3rver "$servers/s3rver.log" curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$s3_port/"

# Counting what a run asked of a server: the lines its log gained meanwhile.
log_lines() { grep -c "$2" "$1" 2>/dev/null || true; }
pg_statements() { log_lines "$servers/postgres.log" 'LOG:  \(statement\|execute\)'; }
pg_connections() { log_lines "$servers/postgres.log" 'LOG:  connection authorized'; }
# s3rver logs each answer as `info: PATH STATUS TIME SIZE` (its logger cuts the method off the front).
s3_requests() { grep -cE ' [1-5][0-9][0-9] [0-9.]+m?s ([0-9.]+[kmg]?b|-)$' "$servers/s3rver.log" 2>/dev/null || true; }

# ---------------------------------------------------------------------------------------------- the labs

# The large lab is bench/run.sh's: chains of 10, each resource but the first of a chain referencing the previous one.
# The small one has M independent resources, so that changing one input changes one resource.
hearth_lab() { # KIND N
  awk -v kind="$1" -v n="$2" 'BEGIN {
    print "lab: bench"; print "resources:"
    for (i = 0; i < n; i++) {
      printf "  data.r%d:\n", i
      if (kind == "small" || i % 10 == 0) printf "    input: \"v%d\"\n", i
      else printf "    input: \"${data.r%d.output}-%d\"\n", i - 1, i
    }
  }'
}
terraform_lab() { # KIND N
  awk -v kind="$1" -v n="$2" 'BEGIN {
    for (i = 0; i < n; i++) {
      printf "resource \"terraform_data\" \"r%d\" {\n", i
      if (kind == "small" || i % 10 == 0) printf "  input = \"v%d\"\n", i
      else printf "  input = \"${terraform_data.r%d.output}-%d\"\n", i - 1, i
      print "}\n"
    }
  }'
}

hearth_state_section() { # BACKEND KEY
  case $1 in
    local) ;;
    postgres) printf 'state:\n  backend: postgres\n  conn_str: "Host=127.0.0.1;Port=%s;Database=bench;Username=bench;Password=%s"\n  schema: %s\n' \
      "$pg_port" "$pg_password" "$2" ;;
    s3) printf 'state:\n  backend: s3\n  bucket: hearth-state\n  key: %s/state.json\n  region: us-east-1\n  endpoint: http://127.0.0.1:%s\n  path_style: true\n  access_key: S3RVER\n  secret_key: S3RVER\n  lock: none\n' \
      "$2" "$s3_port" ;;
  esac
}
terraform_backend_block() { # BACKEND SCHEMA
  [ "$1" = pg ] || return 0
  printf 'terraform {\n  backend "pg" {\n    conn_str    = "postgres://bench:%s@127.0.0.1:%s/bench?sslmode=disable"\n    schema_name = "%s"\n  }\n}\n\n' \
    "$pg_password" "$pg_port" "$2"
}

# ---------------------------------------------------------------------------------------------- measuring

declare -A wall rss statements connections requests
printf 'tool\tbackend\toperation\trun\twall_s\tpeak_rss_kib\tpg_statements\tpg_connections\ts3_requests\n' >"$out/runs.tsv"

# run TOOL BACKEND OPERATION RUN DIR EXPECTED_EXIT COMMAND...: runs COMMAND in DIR (under GNU time when there is
# one), output to logs/TOOL-BACKEND-OPERATION-RUN.log; records wall seconds, peak RSS and the servers' counts;
# stops the script when COMMAND does not exit EXPECTED_EXIT. Run 0 is a check: recorded, left out of the medians.
run() {
  local tool=$1 backend=$2 op=$3 r=$4 dir=$5 want=$6 log t0 t1 seconds kib="" rc=0 s0 c0 q0 s1 c1 q1 key
  shift 6
  log=$out/logs/$tool-$backend-$op-$r.log
  s0=$(pg_statements) c0=$(pg_connections) q0=$(s3_requests)
  t0=$(now)
  if [ -n "$time_bin" ]; then
    (cd "$dir" && exec "$time_bin" -v -o "$log.time" "$@") >"$log" 2>&1 || rc=$?
  else
    (cd "$dir" && exec "$@") >"$log" 2>&1 || rc=$?
  fi
  t1=$(now)
  s1=$(pg_statements) c1=$(pg_connections) q1=$(s3_requests)
  if [ "$rc" != "$want" ]; then echo "$tool $op ($backend) exited $rc, expected $want; see $log" >&2; exit 1; fi
  seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  [ -z "$time_bin" ] || kib=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$log.time")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$backend" "$op" "$r" "$seconds" "$kib" \
    $((s1 - s0)) $((c1 - c0)) $((q1 - q0)) >>"$out/runs.tsv"
  key=$tool.$backend.$op
  statements[$key]+="$((s1 - s0)) " connections[$key]+="$((c1 - c0)) " requests[$key]+="$((q1 - q0)) "
  [ "$r" != 0 ] || return 0
  wall[$key]+="$seconds " rss[$key]+="$kib "
}

median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { printf '%s\n' $1 | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR == 0) print "–"; else if (lo == hi) print lo; else print lo "–" hi }'; }

hearth_backends=(local postgres s3)
terraform_backends=()
[ -z "$terraform" ] || terraform_backends=(local pg)

# Each lab in its own directory; each remote backend keeps each lab under its own schema or key.
for backend in "${hearth_backends[@]}"; do
  for kind in large small; do
    dir=$out/hearth-$backend-$kind
    mkdir -p "$dir"
    count=$n; [ "$kind" = large ] || count=$small
    { hearth_lab "$kind" "$count"; hearth_state_section "$backend" "bench_$kind"; } >"$dir/hearth.yaml"
  done
done
for backend in "${terraform_backends[@]}"; do
  for kind in large small; do
    dir=$out/terraform-$backend-$kind
    mkdir -p "$dir"
    count=$n; [ "$kind" = large ] || count=$small
    { terraform_backend_block "$backend" "terraform_$kind"; terraform_lab "$kind" "$count"; } >"$dir/main.tf"
    (cd "$dir" && "$terraform" init -no-color -input=false) >"$out/logs/terraform-$backend-$kind-init.log" 2>&1 \
      || { echo "terraform init ($backend, $kind) failed; see $out/logs/terraform-$backend-$kind-init.log" >&2; exit 1; }
  done
done

echo "applying the labs from empty (untimed) ..." >&2
for backend in "${hearth_backends[@]}"; do
  for kind in large small; do
    run hearth "$backend" "apply-$kind-from-empty" 0 "$out/hearth-$backend-$kind" 0 "$hearth" apply -auto-approve -no-color
  done
done
if [ -n "$terraform" ]; then
  write_terraform_state "$terraform" "$n" "$out/terraform-large.tfstate"
  cp "$out/terraform-large.tfstate" "$out/terraform-local-large/terraform.tfstate"
  run terraform pg state-push 0 "$out/terraform-pg-large" 0 "$terraform" state push "$out/terraform-large.tfstate"
  for backend in "${terraform_backends[@]}"; do
    run terraform "$backend" apply-small-from-empty 0 "$out/terraform-$backend-small" 0 \
      "$terraform" apply -auto-approve -no-color -input=false
  done
fi

# Checks and the counts of a no-change plan at both sizes: every plan must find nothing to do (exit 0).
for backend in "${hearth_backends[@]}"; do
  for kind in large small; do
    run hearth "$backend" "plan-$kind" 0 "$out/hearth-$backend-$kind" 0 "$hearth" plan -detailed-exitcode -no-color
  done
done
for backend in "${terraform_backends[@]}"; do
  for kind in large small; do
    run terraform "$backend" "plan-$kind" 0 "$out/terraform-$backend-$kind" 0 \
      "$terraform" plan -detailed-exitcode -no-color -input=false
  done
done

echo "no-change plan of $n resources, $runs runs of each backend ..." >&2
for ((r = 1; r <= runs; r++)); do
  for backend in "${hearth_backends[@]}"; do
    run hearth "$backend" plan-large "$r" "$out/hearth-$backend-large" 0 "$hearth" plan -detailed-exitcode -no-color
  done
  for backend in "${terraform_backends[@]}"; do
    run terraform "$backend" plan-large "$r" "$out/terraform-$backend-large" 0 \
      "$terraform" plan -detailed-exitcode -no-color -input=false
  done
done

# Each run gives data.r0 / terraform_data.r0 of the small lab a new input: one resource updated in place.
echo "apply changing one of $small resources, $runs runs of each backend ..." >&2
for ((r = 1; r <= runs; r++)); do
  for backend in "${hearth_backends[@]}"; do
    dir=$out/hearth-$backend-small
    sed -i "0,/input: \"v0[^\"]*\"/s//input: \"v0-$r\"/" "$dir/hearth.yaml"
    run hearth "$backend" apply-one "$r" "$dir" 0 "$hearth" apply -auto-approve -no-color
  done
  for backend in "${terraform_backends[@]}"; do
    dir=$out/terraform-$backend-small
    sed -i "0,/input = \"v0[^\"]*\"/s//input = \"v0-$r\"/" "$dir/main.tf"
    run terraform "$backend" apply-one "$r" "$dir" 0 "$terraform" apply -auto-approve -no-color -input=false
  done
done
# The changes landed, and nothing else is left to do.
for backend in "${hearth_backends[@]}"; do
  run hearth "$backend" plan-small-after 0 "$out/hearth-$backend-small" 0 "$hearth" plan -detailed-exitcode -no-color
  grep -q "v0-$runs" "$out/hearth-$backend-small/hearth.yaml"
done
for backend in "${terraform_backends[@]}"; do
  run terraform "$backend" plan-small-after 0 "$out/terraform-$backend-small" 0 \
    "$terraform" plan -detailed-exitcode -no-color -input=false
done

# ---------------------------------------------------------------------------------------------- results

md=$out/results.md
fmt() { awk -v x="$1" 'BEGIN { if (x == "") print "–"; else if (x >= 100) printf "%.0f", x; else if (x >= 10) printf "%.1f", x; else if (x >= 1) printf "%.2f", x; else printf "%.3f", x }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "–"; else printf "%.2f", a / b }'; }
mib() { awk -v k="$1" 'BEGIN { if (k == "") print "–"; else printf "%.0f", k / 1024 }'; }
# What a run asked of its server: statements / connections for PostgreSQL, requests for s3rver, the range over runs.
asked() { # TOOL BACKEND OP
  local key=$1.$2.$3
  case $2 in
    postgres|pg) echo "$(range "${statements[$key]:-}") statements, $(range "${connections[$key]:-}") connections" ;;
    s3) echo "$(range "${requests[$key]:-}") requests" ;;
    *) echo "–" ;;
  esac
}
{
  echo "N = $n resources (large lab), M = $small (small lab); medians of $runs runs, finished $(date -u '+%Y-%m-%d %H:%M UTC');"
  echo "hearth $("$hearth" --version 2>/dev/null | head -1) ($([ -e "$(dirname "$hearth")/hearth.dll" ] && echo ReadyToRun || echo NativeAOT), $(cat bench/out/hearth/commit 2>/dev/null || echo unknown));" \
    "PostgreSQL $("$pgbin/postgres" --version | awk '{ print $3 }'), s3rver 3.7.1$([ -z "$terraform" ] || echo "; $("$terraform" version 2>/dev/null | head -1)")."
  echo
  echo "| Tool, backend | No-change plan, N (s) | ÷ local | Peak memory (MiB) | Asked of the server: plan of N | plan of M | Apply changing 1 of M (s) | ÷ local | Asked of the server: that apply |"
  echo "|---|---:|---:|---:|---|---|---:|---:|---|"
  for tool in hearth terraform; do
    if [ "$tool" = hearth ]; then backends=("${hearth_backends[@]}"); else backends=("${terraform_backends[@]}"); fi
    [ ${#backends[@]} -gt 0 ] || continue
    base_plan=$(median "${wall[$tool.local.plan-large]:-}") base_apply=$(median "${wall[$tool.local.apply-one]:-}")
    for backend in "${backends[@]}"; do
      plan=$(median "${wall[$tool.$backend.plan-large]:-}") apply=$(median "${wall[$tool.$backend.apply-one]:-}")
      label=$backend; [ "$backend" != s3 ] || label="s3 (s3rver, lock: none)"
      printf '| %s, %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$tool" "$label" "$(fmt "$plan")" "$(ratio "$plan" "$base_plan")" \
        "$(mib "$(median "${rss[$tool.$backend.plan-large]:-}")")" "$(asked "$tool" "$backend" plan-large)" "$(asked "$tool" "$backend" plan-small)" \
        "$(fmt "$apply")" "$(ratio "$apply" "$base_apply")" "$(asked "$tool" "$backend" apply-one)"
    done
  done
  if [ -n "$terraform" ]; then
    echo
    echo "Terraform ÷ Hearth, PostgreSQL: no-change plan $(ratio "$(median "${wall[terraform.pg.plan-large]}")" "$(median "${wall[hearth.postgres.plan-large]}")")," \
      "apply changing one resource $(ratio "$(median "${wall[terraform.pg.apply-one]}")" "$(median "${wall[hearth.postgres.apply-one]}")");" \
      "local: $(ratio "$(median "${wall[terraform.local.plan-large]}")" "$(median "${wall[hearth.local.plan-large]}")")," \
      "$(ratio "$(median "${wall[terraform.local.apply-one]}")" "$(median "${wall[hearth.local.apply-one]}")")."
  fi
  echo
  echo "Applies from empty (untimed), asked of the server, N / M resources:"
  for backend in postgres s3; do
    echo "- hearth, $backend: $(asked hearth "$backend" apply-large-from-empty) / $(asked hearth "$backend" apply-small-from-empty)"
  done
  echo
  echo "State of N resources: hearth $(du -k "$out/hearth-local-large/.hearth/state.json" | cut -f1) KiB (local file)$([ -z "$terraform" ] ||
    echo ", terraform $(du -k "$out/terraform-large.tfstate" | cut -f1) KiB")."
  echo
  echo "Single runs (s), no-change plan / apply changing one:"
  for key in "${!wall[@]}"; do echo "$key"; done | sort | while read -r key; do
    echo "- $key: $(range "${wall[$key]}")"
  done
  echo
  echo "Machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
} >"$md"

echo
cat "$md"
