# Sourced by scripts and benchmarks: publish_hearth DIR builds hearth into DIR and prints the binary's path; it
# fails (status 1) when the build does, so no caller goes on with a binary left from an earlier build.
# NativeAOT needs clang and zlib's headers; they are installed with apt-get when missing and possible,
# otherwise hearth is published ReadyToRun (JIT-backed, slower to start) instead.

ensure_native_toolchain() {
  command -v clang >/dev/null 2>&1 && [ -e /usr/include/zlib.h ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev; } >/dev/null 2>&1 || return 1
    return 0
  fi
  return 1
}

publish_hearth() {
  local out=$1
  if ensure_native_toolchain; then
    dotnet publish src/Hearth.Cli --configuration Release --runtime linux-x64 --output "$out" --nologo -v quiet >&2 || return 1
  else
    echo "clang or zlib1g-dev missing and not installable: publishing ReadyToRun instead of NativeAOT" >&2
    dotnet publish src/Hearth.Cli --configuration Release --runtime linux-x64 --self-contained false \
      -p:PublishAot=false -p:PublishReadyToRun=true --output "$out" --nologo -v quiet >&2 || return 1
  fi
  echo "$PWD/$out/hearth"
}
