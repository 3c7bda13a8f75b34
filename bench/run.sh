#!/usr/bin/env bash
# Side-by-side benchmark of Hearth and Terraform on the same lab of N chained resources
# (Hearth's `data` kind, Terraform's built-in `terraform_data`). Run it from the repository root:
#
#   bench/run.sh                 N=1,000: start-up, apply from empty, no-change plan, peak memory
#   bench/run.sh 10000           N=10,000 (same as --large); Terraform's state for the no-change plan is
#                                written directly and checked with `terraform plan -detailed-exitcode`,
#                                because its apply of 10,000 resources takes over half an hour
#   bench/run.sh --large --terraform-apply-large
#                                N=10,000 with Terraform's real apply from empty (run once)
#
# Options:
#   --runs K               runs of the fast operations: start-up (4K), no-change plan (K); default 5
#   --apply-runs K         runs of apply from empty; default 3 (Terraform's apply runs once above 2,000 resources)
#   --generated-state      skip Terraform's apply and write its state directly (the default above 2,000 resources)
#   --terraform-apply-large  run Terraform's real apply even above 2,000 resources
#   --no-build             reuse bench/out/hearth/hearth instead of publishing it again
#   --no-terraform         measure Hearth only
#
# Every tool's output goes to bench/out/nN/logs/. The table is printed and saved as bench/out/results-N.md,
# the medians as bench/out/results-N.tsv and every single run as bench/out/nN/runs.tsv. When results for
# 1,000 and 10,000 resources are both present, the growth of Hearth's times between them is printed too.
# Needs bash, awk, GNU time (/usr/bin/time, Debian package `time`) and the .NET SDK; not python.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

n=1000
runs=5
apply_runs=3
generated_state=auto
build=1
with_terraform=1
large_apply_limit=2000

usage() { sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --large) n=10000 ;;
    --runs) runs=$2; shift ;;
    --runs=*) runs=${1#*=} ;;
    --apply-runs) apply_runs=$2; shift ;;
    --apply-runs=*) apply_runs=${1#*=} ;;
    --generated-state) generated_state=yes ;;
    --terraform-apply-large) generated_state=no ;;
    --no-build) build=0 ;;
    --no-terraform) with_terraform=0 ;;
    -h|--help) usage; exit 0 ;;
    ''|*[!0-9]*) echo "unknown argument: $1 (see bench/run.sh --help)" >&2; exit 2 ;;
    *) n=$1 ;;
  esac
  shift
done
for value in "$n" "$runs" "$apply_runs"; do
  case $value in ''|*[!0-9]*|0) echo "counts must be positive integers, got '$value'" >&2; exit 2 ;; esac
done
if [ "$generated_state" = auto ]; then
  if [ "$n" -gt "$large_apply_limit" ]; then generated_state=yes; else generated_state=no; fi
fi
version_runs=$((4 * runs))

# ---------------------------------------------------------------------------------------------- tools

time_bin=/usr/bin/time
if ! "$time_bin" -v true >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing GNU time (apt-get install time) for the peak-memory measurements" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } >/dev/null 2>&1 || true
  fi
  "$time_bin" -v true >/dev/null 2>&1 || { echo "GNU time is needed at $time_bin: apt-get install time" >&2; exit 1; }
fi

terraform=
if [ "$with_terraform" = 1 ]; then
  terraform=$(command -v terraform || true)
  if [ -z "$terraform" ]; then
    echo "terraform is not installed (not on PATH): skipping the Terraform side, measuring Hearth only" >&2
  fi
fi
# Keep Terraform from contacting its update-check service, so no timing depends on the network.
export CHECKPOINT_DISABLE=1
# shellcheck source=lib/terraform-state.sh
source bench/lib/terraform-state.sh

if [ "$build" = 1 ]; then
  echo "publishing hearth into bench/out/hearth ..." >&2
  # shellcheck source=../scripts/lib/publish.sh
  source scripts/lib/publish.sh
  rm -rf bench/out/hearth
  hearth=$(publish_hearth bench/out/hearth)
  git describe --always --dirty >bench/out/hearth/commit 2>/dev/null || echo unknown >bench/out/hearth/commit
else
  hearth=$PWD/bench/out/hearth/hearth
  [ -x "$hearth" ] || { echo "$hearth is missing: run without --no-build first" >&2; exit 1; }
fi

if [ -n "${EPOCHREALTIME:-}" ]; then now() { echo "$EPOCHREALTIME"; }; else now() { date +%s.%N; }; fi

# ---------------------------------------------------------------------------------------------- the labs

work=$PWD/bench/out/n$n
hdir=$work/hearth
tdir=$work/terraform
logs=$work/logs
rm -rf "$work"
mkdir -p "$hdir" "$tdir" "$logs"
printf 'tool\toperation\trun\twall_s\tpeak_rss_kib\n' >"$work/runs.tsv"

# Chains of 10: every 10th resource starts a chain with a literal, the others reference the previous output.
awk -v n="$n" 'BEGIN {
  print "lab: bench"; print "resources:"
  for (i = 0; i < n; i++) {
    printf "  data.r%d:\n", i
    if (i % 10 == 0) printf "    input: \"v%d\"\n", i
    else printf "    input: \"${data.r%d.output}-%d\"\n", i - 1, i
  }
}' >"$hdir/hearth.yaml"

awk -v n="$n" 'BEGIN {
  for (i = 0; i < n; i++) {
    printf "resource \"terraform_data\" \"r%d\" {\n", i
    if (i % 10 == 0) printf "  input = \"v%d\"\n", i
    else printf "  input = \"${terraform_data.r%d.output}-%d\"\n", i - 1, i
    print "}\n"
  }
}' >"$tdir/main.tf"

# ---------------------------------------------------------------------------------------------- measuring

declare -A wall rss
last_rc=0

# timed TOOL OPERATION RUN DIR COMMAND...: runs COMMAND in DIR under GNU time, output to logs/TOOL-OPERATION-RUN.log;
# records the wall seconds and the peak resident set size (KiB); leaves the exit code in last_rc.
timed() {
  local tool=$1 op=$2 run=$3 dir=$4 log t0 t1 seconds kib
  shift 4
  log=$logs/$tool-$op-$run.log
  last_rc=0
  t0=$(now)
  (cd "$dir" && exec "$time_bin" -v -o "$log.time" "$@") >"$log" 2>&1 || last_rc=$?
  t1=$(now)
  seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  kib=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$log.time")
  wall[$tool.$op]+="$seconds "
  rss[$tool.$op]+="$kib "
  printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$op" "$run" "$seconds" "$kib" >>"$work/runs.tsv"
}

expect() {
  local want=$1 what=$2 log=$3
  if [ "$last_rc" != "$want" ]; then
    echo "$what exited $last_rc (expected $want); see $log" >&2
    exit 1
  fi
}

# start-up TOOL COMMAND...: wall milliseconds of a process that only prints its version (no GNU time around it).
startup() {
  local tool=$1 t0 t1
  shift
  t0=$(now)
  "$@" >/dev/null 2>&1
  t1=$(now)
  wall[$tool.version]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) * 1000 }') "
}

median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
count() { set -- $1; echo $#; }

if [ -n "$terraform" ]; then
  (cd "$tdir" && "$terraform" init -no-color -input=false) >"$logs/terraform-init.log" 2>&1 || {
    echo "terraform init failed (see $logs/terraform-init.log): skipping the Terraform side" >&2
    terraform=
  }
fi

# Terraform's apply from empty: not at all with a generated state, once when it is large.
tf_apply_runs=$apply_runs
if [ -z "$terraform" ] || [ "$generated_state" = yes ]; then
  tf_apply_runs=0
elif [ "$n" -gt "$large_apply_limit" ]; then
  tf_apply_runs=1
fi

echo "N=$n: start-up ($version_runs runs each) ..." >&2
"$hearth" --version >/dev/null 2>&1
[ -z "$terraform" ] || "$terraform" version >/dev/null 2>&1
for ((r = 1; r <= version_runs; r++)); do
  startup hearth "$hearth" --version
  [ -z "$terraform" ] || startup terraform "$terraform" version
done

echo "N=$n: apply from empty ..." >&2
for ((r = 1; r <= apply_runs || r <= tf_apply_runs; r++)); do
  if ((r <= apply_runs)); then
    rm -rf "$hdir/.hearth"
    timed hearth apply "$r" "$hdir" "$hearth" apply -auto-approve -parallelism=10 -no-color
    expect 0 "hearth apply" "$logs/hearth-apply-$r.log"
  fi
  if ((r <= tf_apply_runs)); then
    [ "$n" -le "$large_apply_limit" ] || echo "  terraform apply of $n resources started $(date '+%H:%M:%S'); this takes a long while ..." >&2
    rm -f "$tdir/terraform.tfstate" "$tdir/terraform.tfstate.backup"
    timed terraform apply "$r" "$tdir" "$terraform" apply -auto-approve -parallelism=10 -no-color -input=false
    expect 0 "terraform apply" "$logs/terraform-apply-$r.log"
  fi
done

tf_state=
if [ -n "$terraform" ]; then
  if [ "$generated_state" = yes ]; then
    write_terraform_state "$terraform" "$n" "$tdir/terraform.tfstate"
    tf_state="generated, checked with terraform plan -detailed-exitcode"
  else
    tf_state="left by terraform apply"
  fi
fi

echo "N=$n: no-change plan ($runs runs each, after one check run) ..." >&2
# The first plan of each tool checks that there is nothing to do (-detailed-exitcode exits 0); it is
# recorded in runs.tsv as "check" and left out of the medians.
timed hearth check 0 "$hdir" "$hearth" plan -detailed-exitcode -no-color
expect 0 "hearth plan -detailed-exitcode (no changes expected)" "$logs/hearth-check-0.log"
if [ -n "$terraform" ]; then
  timed terraform check 0 "$tdir" "$terraform" plan -detailed-exitcode -no-color -input=false
  expect 0 "terraform plan -detailed-exitcode (no changes expected)" "$logs/terraform-check-0.log"
fi
for ((r = 1; r <= runs; r++)); do
  timed hearth plan "$r" "$hdir" "$hearth" plan -detailed-exitcode -no-color
  expect 0 "hearth plan" "$logs/hearth-plan-$r.log"
  if [ -n "$terraform" ]; then
    timed terraform plan "$r" "$tdir" "$terraform" plan -detailed-exitcode -no-color -input=false
    expect 0 "terraform plan" "$logs/terraform-plan-$r.log"
  fi
done

# ---------------------------------------------------------------------------------------------- results

tsv=bench/out/results-$n.tsv
md=bench/out/results-$n.md
{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'n\t%s\n' "$n"
  printf 'hearth_version\t%s\n' "$("$hearth" --version 2>/dev/null | head -1)"
  printf 'hearth_commit\t%s\n' "$(cat bench/out/hearth/commit 2>/dev/null || echo unknown)"
  # publish_hearth falls back to ReadyToRun (hearth next to hearth.dll) when NativeAOT's toolchain is missing.
  printf 'hearth_build\t%s\n' "$([ -e "$(dirname "$hearth")/hearth.dll" ] && echo ReadyToRun || echo NativeAOT)"
  printf 'terraform_version\t%s\n' "$([ -z "$terraform" ] || "$terraform" version 2>/dev/null | head -1)"
  printf 'terraform_state\t%s\n' "$tf_state"
  printf 'machine\t%s cores, %s MiB memory, %s, load average at the end %s\n' "$(nproc)" \
    "$(awk '/MemTotal/ { printf "%d", $2 / 1024 }' /proc/meminfo)" \
    "$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown OS}")" "$(cut -d' ' -f1-3 /proc/loadavg)"
  for tool in hearth terraform; do
    for op in version apply plan; do
      [ -n "${wall[$tool.$op]:-}" ] || continue
      printf '%s.%s.runs\t%s\n' "$tool" "$op" "$(count "${wall[$tool.$op]}")"
      printf '%s.%s.wall\t%s\n' "$tool" "$op" "$(median "${wall[$tool.$op]}")"
      [ "$op" = version ] || printf '%s.%s.rss_kib\t%s\n' "$tool" "$op" "$(median "${rss[$tool.$op]}")"
    done
  done
} >"$tsv"

# The markdown table: medians, time ratios Terraform/Hearth, memory ratios Hearth/Terraform.
awk -F'\t' '
  { v[$1] = $2 }
  function num(x, unit) {
    if (x == "") return "–"
    if (unit == "mib") x = x / 1024
    if (x >= 100) return sprintf("%.0f", x)
    if (x >= 10) return sprintf("%.1f", x)
    if (x >= 1 || unit == "ms" || unit == "mib") return sprintf("%.2f", x)
    return sprintf("%.3f", x)
  }
  function ratio(a, b) {
    if (a == "" || b == "" || b + 0 == 0) return "–"
    r = a / b
    return r >= 10 ? sprintf("%.1f", r) : sprintf("%.2f", r)
  }
  function runs(op) {
    h = v["hearth." op ".runs"]; t = v["terraform." op ".runs"]
    return (h == "" ? "0" : h) " / " (t == "" ? "0" : t)
  }
  function row(label, op, field, unit, inverse) {
    h = v["hearth." op "." field]; t = v["terraform." op "." field]
    printf "| %s | %s | %s | %s | %s |\n", label, num(h, unit), num(t, unit), inverse ? ratio(h, t) : ratio(t, h), runs(op)
  }
  END {
    printf "N = %d resources, finished %s; hearth %s (%s, %s); %s.\n\n", \
      v["n"], v["date"], v["hearth_version"], v["hearth_build"], v["hearth_commit"], \
      v["terraform_version"] == "" ? "Terraform not measured" : v["terraform_version"] ", its state for the plan " v["terraform_state"]
    print "| Measurement (median) | Hearth | Terraform | Ratio | Runs (H / T) |"
    print "|---|---:|---:|---:|---:|"
    row("Start-up, `--version` / `version` (ms) — T/H", "version", "wall", "ms", 0)
    row("Apply from empty (s) — T/H", "apply", "wall", "s", 0)
    row("Apply, peak memory (MiB) — H/T", "apply", "rss_kib", "mib", 1)
    row("No-change plan with refresh (s) — T/H", "plan", "wall", "s", 0)
    row("No-change plan, peak memory (MiB) — H/T", "plan", "rss_kib", "mib", 1)
    printf "\nMachine: %s.\n", v["machine"]
  }' "$tsv" >"$md"

echo
cat "$md"

if [ "$n" -ge 10000 ]; then
  echo
  echo "Targets at N=10,000:"
  awk -F'\t' '
    { v[$1] = $2 }
    function check(label, ok, detail) { printf "  %-52s %s (%s)\n", label, ok ? "met" : "NOT met", detail }
    END {
      if (v["terraform.plan.wall"] != "") {
        r = v["terraform.plan.wall"] / v["hearth.plan.wall"]
        check("no-change plan at least 20x faster", r >= 20, sprintf("%.1fx", r))
        m = v["hearth.plan.rss_kib"] / v["terraform.plan.rss_kib"]
        check("no-change plan at most 1/4 of the peak memory", m <= 0.25, sprintf("%.3f", m))
      }
      if (v["terraform.apply.wall"] != "") {
        r = v["terraform.apply.wall"] / v["hearth.apply.wall"]
        check("apply from empty at least 50x faster", r >= 50, sprintf("%.1fx", r))
      } else {
        print "  apply from empty: Terraform not run at this size (add --terraform-apply-large)"
      }
    }' "$tsv"
fi

small=bench/out/results-1000.tsv
large=bench/out/results-10000.tsv
if [ -f "$small" ] && [ -f "$large" ]; then
  echo
  echo "Growth from 1,000 to 10,000 resources (linear = 10.0x):"
  awk -F'\t' '
    FNR == NR { s[$1] = $2; next }
    { l[$1] = $2 }
    function grow(label, key) {
      if (s[key] == "" || l[key] == "") return
      printf "  %-36s %8.3f s -> %8.3f s  %5.1fx\n", label, s[key], l[key], l[key] / s[key]
    }
    END {
      printf "  (1,000 measured %s; 10,000 measured %s)\n", s["date"], l["date"]
      grow("hearth apply from empty", "hearth.apply.wall")
      grow("hearth no-change plan", "hearth.plan.wall")
      grow("terraform apply from empty", "terraform.apply.wall")
      grow("terraform no-change plan", "terraform.plan.wall")
    }' "$small" "$large"
fi
