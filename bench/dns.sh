#!/usr/bin/env bash
# Side-by-side benchmark of DNS UPDATE against a real BIND started by this script: N A records sent by
# `hearth apply` (the rfc2136 provider) and the same records sent by `nsupdate` in the largest batches one
# UPDATE message holds, then a no-change `hearth plan` of those records (one AXFR). Run it from the repository root:
#
#   bench/dns.sh                  5,000 records, 3 timed runs of each
#   bench/dns.sh --records 1000
#
# Options:
#   --records N      records per run; default 5000
#   --runs K         timed runs; default 3 (each on a freshly started server with empty zones)
#   --batch B        records per nsupdate `send` (one UPDATE message); default 1000, about 40 KB of a message's 64 KB
#   --no-build       reuse bench/out/hearth/hearth instead of publishing it again
#
# Each run starts named with two empty zones, applies the lab to one with hearth (parallelism 10, the default)
# and sends the other with nsupdate -v (TCP), then times a no-change `hearth plan`, and counts the zone
# transfers named logged for it. Runs are in bench/out/dns/runs.tsv. Needs bash, awk, named (Debian package
# `bind9`), nsupdate and dig (`bind9-dnsutils`) and the .NET SDK; installs the BIND packages when run as root.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

records=5000
runs=3
batch=1000
build=1

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case $1 in
    --records) records=$2; shift ;;
    --runs) runs=$2; shift ;;
    --batch) batch=$2; shift ;;
    --no-build) build=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1 (see bench/dns.sh --help)" >&2; exit 2 ;;
  esac
  shift
done
for value in "$records" "$runs" "$batch"; do
  case $value in ''|*[!0-9]*|0) echo "--records, --runs and --batch take positive integers, got '$value'" >&2; exit 2 ;; esac
done

named=$(command -v named || echo /usr/sbin/named)
if [ ! -x "$named" ] || ! command -v nsupdate >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing BIND (apt-get install bind9 bind9-dnsutils)" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bind9 bind9-dnsutils; } >/dev/null 2>&1 || true
  fi
  named=$(command -v named || echo /usr/sbin/named)
  [ -x "$named" ] && command -v nsupdate >/dev/null 2>&1 || { echo "named and nsupdate are needed: apt-get install bind9 bind9-dnsutils" >&2; exit 1; }
fi

# shellcheck source=../scripts/lib/publish.sh
. scripts/lib/publish.sh
if [ "$build" = 1 ] || [ ! -x bench/out/hearth/hearth ]; then
  echo "publishing hearth into bench/out/hearth" >&2
  hearth=$(publish_hearth bench/out/hearth)
else
  hearth=$PWD/bench/out/hearth/hearth
fi

out=$PWD/bench/out/dns
rm -rf "$out"
mkdir -p "$out/lab"
secret=$(head -c 32 /dev/urandom | base64)
port=0
for candidate in $(seq 20053 53 40000); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ "$port" != 0 ] || { echo "no free port found" >&2; exit 1; }

server_pid=""
stop_server() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; server_pid=""; }
trap stop_server EXIT

# A fresh named: both zones empty but for their SOA and NS, dynamic updates and transfers allowed to the key only.
start_server() {
  stop_server
  local dir=$out/named zone
  rm -rf "$dir"; mkdir -p "$dir"
  for zone in hearth.test nsupdate.test; do
    printf '$TTL 300\n@ 3600 IN SOA ns1.%s. hostmaster.%s. 1 3600 600 1209600 300\n@ 3600 IN NS ns1.%s.\nns1 300 IN A 127.0.0.1\n' \
      "$zone" "$zone" "$zone" > "$dir/$zone.zone"
  done
  cat > "$dir/named.conf" <<CONF
options { directory "$dir"; pid-file "$dir/named.pid"; session-keyfile "$dir/session.key"; listen-on port $port { 127.0.0.1; };
  listen-on-v6 { none; }; recursion no; dnssec-validation no; notify no; };
key "bench" { algorithm hmac-sha256; secret "$secret"; };
controls { };
logging { channel xfer { file "$dir/xfer.log"; severity info; }; category xfer-out { xfer; }; };
zone "hearth.test" { type primary; file "hearth.test.zone"; allow-update { key bench; }; allow-transfer { key bench; }; };
zone "nsupdate.test" { type primary; file "nsupdate.test.zone"; allow-update { key bench; }; allow-transfer { key bench; }; };
CONF
  "$named" -f -4 -c "$dir/named.conf" > "$dir/named.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    dig +short +time=1 +tries=1 -p "$port" @127.0.0.1 hearth.test SOA 2>/dev/null | grep -q hostmaster && return 0
    sleep 0.1
  done
  echo "named did not start; see $dir/named.out" >&2; exit 1
}

address() { echo "10.$(( $1 / 65536 )).$(( $1 / 256 % 256 )).$(( $1 % 256 ))"; }

{
  echo "providers:"
  echo "  rfc2136: { server: 127.0.0.1, port: $port, tsig: { name: bench, algorithm: hmac-sha256, secret: \"$secret\" } }"
  echo "dns:"
  echo "  zones:"
  echo "    hearth.test:"
  echo "      provider: rfc2136"
  echo "      records:"
  for i in $(seq 1 "$records"); do echo "        - { name: h$i, type: A, value: $(address "$i") }"; done
} > "$out/lab/hearth.yaml"
{
  echo "server 127.0.0.1 $port"
  echo "zone nsupdate.test"
  for i in $(seq 1 "$records"); do
    echo "update add h$i.nsupdate.test. 300 A $(address "$i")"
    if [ $(( i % batch )) = 0 ] || [ "$i" = "$records" ]; then echo send; fi
  done
} > "$out/nsupdate.txt"

now() { date +%s%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf 'run\thearth_apply_s\tnsupdate_s\thearth_plan_s\ttransfers\n' > "$out/runs.tsv"
applies="" updates="" plans=""
for run in $(seq 1 "$runs"); do
  start_server
  rm -rf "$out/lab/.hearth"
  t0=$(now); "$hearth" -C "$out/lab" apply --auto-approve > "$out/apply-$run.log" 2>&1; t1=$(now)
  t2=$(now); nsupdate -v -y "hmac-sha256:bench:$secret" "$out/nsupdate.txt" > "$out/nsupdate-$run.log" 2>&1; t3=$(now)
  before=$(grep -c "transfer of 'hearth.test" "$out/named/xfer.log" 2>/dev/null || true)
  t4=$(now); "$hearth" -C "$out/lab" plan -detailed-exitcode > "$out/plan-$run.log" 2>&1; t5=$(now)
  after=$(grep -c "transfer of 'hearth.test" "$out/named/xfer.log" 2>/dev/null || true)
  # Both zones must hold every record (and the plan must have found nothing to do).
  for zone in hearth.test nsupdate.test; do
    count=$(dig +noall +answer -p "$port" @127.0.0.1 -y "hmac-sha256:bench:$secret" "$zone" AXFR | awk '$4 == "A" && $1 ~ /^h/' | wc -l)
    [ "$count" = "$records" ] || { echo "run $run: $zone holds $count of $records records (see $out)" >&2; exit 1; }
  done
  transfers=$(( (after - before) / 2 ))   # named logs a started and an ended line per transfer.
  printf '%s\t%s\t%s\t%s\t%s\n' "$run" "$(seconds "$t0" "$t1")" "$(seconds "$t2" "$t3")" "$(seconds "$t4" "$t5")" "$transfers" >> "$out/runs.tsv"
  applies="$applies $(seconds "$t0" "$t1")"; updates="$updates $(seconds "$t2" "$t3")"; plans="$plans $(seconds "$t4" "$t5")"
done
stop_server

apply=$(median "$applies"); update=$(median "$updates"); plan=$(median "$plans")
echo
column -t "$out/runs.tsv"
echo
echo "$records A records, medians of $runs runs:"
echo "  hearth apply        $apply s"
echo "  nsupdate ($batch per UPDATE)  $update s"
awk -v a="$apply" -v u="$update" 'BEGIN { printf "  hearth/nsupdate speed: %.2fx (target >= 1x)\n", u / a }'
echo "  hearth plan (no change)  $plan s, $(tail -n 1 "$out/runs.tsv" | cut -f5) zone transfer(s)"
