#!/usr/bin/env bash
# Side-by-side benchmark of `age` and `hearth age`: encrypting and decrypting the same file of random bytes,
# file to file (-o), to one X25519 recipient. Run it from the repository root:
#
#   bench/age.sh                 100 MiB, 7 timed runs of each tool in each direction
#   bench/age.sh --size 500      500 MiB
#
# Options:
#   --size MIB       size of the plaintext in MiB; default 100
#   --runs K         timed runs of each tool per operation, alternating age and hearth; default 7
#   --armor          also time armored encryption (-a) and its decryption
#   --stdout         also time both directions writing to standard output redirected to the file, instead of -o
#                    (hearth's -o flushes its temp file to disk before renaming it into place; age's -o does not)
#   --no-build       reuse bench/out/hearth/hearth instead of publishing it again
#
# Both tools decrypt the same file (written by age). Before the timed runs each tool runs every operation once,
# untimed, so the files are in the page cache; after them every output is checked: what hearth encrypted must
# decrypt with age, and every decryption must equal the plaintext. Every run is in bench/out/age/runs.tsv, the
# medians in bench/out/age/results.tsv, the table in bench/out/age/results.md. Needs bash, awk, cmp, GNU time
# (/usr/bin/time, Debian package `time`), age and age-keygen (package `age`) and the .NET SDK; not python.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

size=100
runs=7
armor=0
stdout=0
build=1

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift ;;
    --size=*) size=${1#*=} ;;
    --runs) runs=$2; shift ;;
    --runs=*) runs=${1#*=} ;;
    --armor) armor=1 ;;
    --stdout) stdout=1 ;;
    --no-build) build=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1 (see bench/age.sh --help)" >&2; exit 2 ;;
  esac
  shift
done
for value in "$size" "$runs"; do
  case $value in ''|*[!0-9]*|0) echo "--size and --runs take positive integers, got '$value'" >&2; exit 2 ;; esac
done

# ---------------------------------------------------------------------------------------------- tools

time_bin=/usr/bin/time
if ! "$time_bin" -v true >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing GNU time (apt-get install time) for the peak-memory measurements" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } >/dev/null 2>&1 || true
  fi
  "$time_bin" -v true >/dev/null 2>&1 || { echo "GNU time is needed at $time_bin: apt-get install time" >&2; exit 1; }
fi
for tool in age age-keygen; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is not installed: apt-get install age" >&2; exit 1; }
done
age_bin=$(command -v age)

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

# ---------------------------------------------------------------------------------------------- the files

work=$PWD/bench/out/age
logs=$work/logs
rm -rf "$work"
mkdir -p "$logs"
printf 'tool\toperation\trun\twall_s\tpeak_rss_kib\n' >"$work/runs.tsv"

echo "writing $size MiB of random plaintext ..." >&2
head -c $((size * 1024 * 1024)) /dev/urandom >"$work/plain.bin"
age-keygen -o "$work/key.txt" 2>/dev/null
recipient=$(age-keygen -y "$work/key.txt")
"$age_bin" -r "$recipient" -o "$work/input.age" "$work/plain.bin"
[ "$armor" = 0 ] || "$age_bin" -r "$recipient" -a -o "$work/input.armored.age" "$work/plain.bin"

# ---------------------------------------------------------------------------------------------- measuring

declare -A wall rss
cmd=()
stdout_to=

# set_command TOOL OPERATION: sets cmd to TOOL's command line for OPERATION, writing $work/out-TOOL-OPERATION, and
# stdout_to to that file when the operation writes to standard output (else to the log).
set_command() {
  local tool=$1 op=$2 out=$work/out-$1-$2
  if [ "$tool" = age ]; then cmd=("$age_bin"); else cmd=("$hearth" age); fi
  stdout_to=
  case $op in
    encrypt) cmd+=(-r "$recipient" -o "$out" "$work/plain.bin") ;;
    decrypt) cmd+=(-d -i "$work/key.txt" -o "$out" "$work/input.age") ;;
    encrypt-armor) cmd+=(-r "$recipient" -a -o "$out" "$work/plain.bin") ;;
    decrypt-armor) cmd+=(-d -i "$work/key.txt" -o "$out" "$work/input.armored.age") ;;
    encrypt-stdout) cmd+=(-r "$recipient" "$work/plain.bin"); stdout_to=$out ;;
    decrypt-stdout) cmd+=(-d -i "$work/key.txt" "$work/input.age"); stdout_to=$out ;;
  esac
}

# timed TOOL OPERATION RUN: runs the operation under GNU time (its output removed first, so both tools create it);
# records the wall seconds and the peak resident set size (KiB). Run 0 is the untimed warm-up.
timed() {
  local tool=$1 op=$2 run=$3 log t0 t1 seconds kib
  log=$logs/$tool-$op-$run.log
  rm -f "$work/out-$tool-$op"
  set_command "$tool" "$op"
  t0=$(now)
  if [ -n "$stdout_to" ]; then
    "$time_bin" -v -o "$log.time" "${cmd[@]}" >"$stdout_to" 2>"$log" || { echo "$tool $op failed; see $log" >&2; exit 1; }
  else
    "$time_bin" -v -o "$log.time" "${cmd[@]}" >"$log" 2>&1 || { echo "$tool $op failed; see $log" >&2; exit 1; }
  fi
  t1=$(now)
  [ "$run" != 0 ] || return 0
  seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  kib=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$log.time")
  wall[$tool.$op]+="$seconds "
  rss[$tool.$op]+="$kib "
  printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$op" "$run" "$seconds" "$kib" >>"$work/runs.tsv"
}

median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
lowest() { printf '%s\n' $1 | sort -g | head -1; }
highest() { printf '%s\n' $1 | sort -g | tail -1; }

operations=(encrypt decrypt)
[ "$armor" = 0 ] || operations+=(encrypt-armor decrypt-armor)
[ "$stdout" = 0 ] || operations+=(encrypt-stdout decrypt-stdout)

for op in "${operations[@]}"; do
  echo "$size MiB: $op (1 warm-up and $runs timed runs of each tool, alternating) ..." >&2
  timed age "$op" 0
  timed hearth "$op" 0
  for ((r = 1; r <= runs; r++)); do
    # Alternate which tool goes first, so neither always runs right after the other's writes.
    if ((r % 2)); then timed age "$op" "$r"; timed hearth "$op" "$r"; else timed hearth "$op" "$r"; timed age "$op" "$r"; fi
  done
done

echo "checking the outputs ..." >&2
for op in "${operations[@]}"; do
  case $op in
    decrypt*)
      for tool in age hearth; do
        cmp -s "$work/out-$tool-$op" "$work/plain.bin" || { echo "$tool $op did not give back the plaintext" >&2; exit 1; }
      done ;;
    encrypt*)
      "$age_bin" -d -i "$work/key.txt" "$work/out-hearth-$op" | cmp -s - "$work/plain.bin" \
        || { echo "age cannot decrypt what hearth wrote ($op)" >&2; exit 1; } ;;
  esac
done

# ---------------------------------------------------------------------------------------------- results

tsv=$work/results.tsv
md=$work/results.md
{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'size_mib\t%s\n' "$size"
  printf 'hearth_version\t%s\n' "$("$hearth" --version 2>/dev/null | head -1)"
  printf 'hearth_commit\t%s\n' "$(cat bench/out/hearth/commit 2>/dev/null || echo unknown)"
  printf 'hearth_build\t%s\n' "$([ -e "$(dirname "$hearth")/hearth.dll" ] && echo ReadyToRun || echo NativeAOT)"
  printf 'age_version\t%s\n' "$("$age_bin" --version 2>/dev/null | head -1)"
  printf 'machine\t%s cores, %s MiB memory, %s, load average at the end %s\n' "$(nproc)" \
    "$(awk '/MemTotal/ { printf "%d", $2 / 1024 }' /proc/meminfo)" \
    "$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown OS}")" "$(cut -d' ' -f1-3 /proc/loadavg)"
  for op in "${operations[@]}"; do
    for tool in age hearth; do
      printf '%s.%s.runs\t%s\n' "$tool" "$op" "$runs"
      printf '%s.%s.wall\t%s\n' "$tool" "$op" "$(median "${wall[$tool.$op]}")"
      printf '%s.%s.wall_min\t%s\n' "$tool" "$op" "$(lowest "${wall[$tool.$op]}")"
      printf '%s.%s.wall_max\t%s\n' "$tool" "$op" "$(highest "${wall[$tool.$op]}")"
      printf '%s.%s.rss_kib\t%s\n' "$tool" "$op" "$(median "${rss[$tool.$op]}")"
    done
  done
  printf 'operations\t%s\n' "${operations[*]}"
} >"$tsv"

# The table: median wall time, throughput (plaintext MiB per second), hearth's throughput as a fraction of age's.
awk -F'\t' '
  { v[$1] = $2 }
  function row(op, label,   a, h) {
    a = v["age." op ".wall"]; h = v["hearth." op ".wall"]
    printf "| %s | %.3f (%.3f–%.3f) | %.3f (%.3f–%.3f) | %.0f | %.0f | **%.2f** | %.1f | %.1f |\n", label, \
      a, v["age." op ".wall_min"], v["age." op ".wall_max"], h, v["hearth." op ".wall_min"], v["hearth." op ".wall_max"], \
      v["size_mib"] / a, v["size_mib"] / h, a / h, v["age." op ".rss_kib"] / 1024, v["hearth." op ".rss_kib"] / 1024
  }
  END {
    printf "%d MiB of random bytes, file to file, finished %s; %s; hearth %s (%s, %s); medians of %d runs (min–max).\n\n", \
      v["size_mib"], v["date"], "age " v["age_version"], v["hearth_version"], v["hearth_build"], v["hearth_commit"], v["age.encrypt.runs"]
    print "| Operation | age (s) | hearth age (s) | age MiB/s | hearth MiB/s | hearth/age throughput | age peak MiB | hearth peak MiB |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|"
    n = split(v["operations"], ops, " ")
    for (i = 1; i <= n; i++) {
      label = ops[i]
      sub(/^encrypt/, "Encrypt (-r)", label); sub(/^decrypt/, "Decrypt (-d -i)", label); sub(/-armor$/, ", armored", label); sub(/-stdout$/, ", to stdout", label)
      row(ops[i], label)
    }
    printf "\nMachine: %s.\n", v["machine"]
  }' "$tsv" >"$md"

echo
cat "$md"
echo
echo "Target: hearth's throughput at least 0.8x age's in both directions:"
awk -F'\t' '
  { v[$1] = $2 }
  END {
    for (i = 1; i <= 2; i++) {
      op = i == 1 ? "encrypt" : "decrypt"
      r = v["age." op ".wall"] / v["hearth." op ".wall"]
      printf "  %-8s %.2fx  %s\n", op, r, (r >= 0.8 ? "met" : "NOT met")
    }
  }' "$tsv"
