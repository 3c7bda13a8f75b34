# Sourced by the benchmarks: write_terraform_state TERRAFORM N FILE writes Terraform's state (format version 4) as
# its own apply leaves it for the benchmark lab of N chained terraform_data resources: one resource per entry, with
# the transitive dependencies of its chain, a fresh lineage and serial N+1. Above a few thousand resources a real
# apply takes over half an hour; `terraform plan -detailed-exitcode` must then find nothing to do.

write_terraform_state() {
  local terraform=$1 n=$2 file=$3 version lineage
  version=$("$terraform" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p')
  lineage=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || printf '%08x-%04x-%04x-%04x-%012x' $RANDOM$RANDOM $RANDOM $RANDOM $RANDOM $RANDOM$RANDOM)
  awk -v n="$n" -v version="$version" -v lineage="$lineage" 'BEGIN {
    printf "{\n  \"version\": 4,\n  \"terraform_version\": \"%s\",\n  \"serial\": %d,\n  \"lineage\": \"%s\",\n", version, n + 1, lineage
    printf "  \"outputs\": {},\n  \"resources\": [\n"
    for (i = 0; i < n; i++) {
      start = i - i % 10
      value = "v" start; deps = ""
      for (j = start + 1; j <= i; j++) value = value "-" j
      for (j = start; j < i; j++) deps = deps (j > start ? ", " : "") "\"terraform_data.r" j "\""
      printf "    {\n      \"mode\": \"managed\",\n      \"type\": \"terraform_data\",\n      \"name\": \"r%d\",\n", i
      printf "      \"provider\": \"provider[\\\"terraform.io/builtin/terraform\\\"]\",\n"
      printf "      \"instances\": [\n        {\n          \"schema_version\": 0,\n          \"attributes\": {\n"
      printf "            \"id\": \"%08x-0000-4000-8000-%012x\",\n", i, i
      printf "            \"input\": {\"value\": \"%s\", \"type\": \"string\"},\n", value
      printf "            \"output\": {\"value\": \"%s\", \"type\": \"string\"},\n", value
      printf "            \"triggers_replace\": null\n          },\n          \"sensitive_attributes\": []"
      if (deps != "") printf ",\n          \"dependencies\": [%s]", deps
      printf "\n        }\n      ]\n    }%s\n", (i < n - 1 ? "," : "")
    }
    printf "  ],\n  \"check_results\": null\n}\n"
  }' >"$file"
}
