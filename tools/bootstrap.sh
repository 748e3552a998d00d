#!/usr/bin/env bash
# Installs the Debian packages gort's build, tests and (optionally) benchmarks need.
# Idempotent and quiet when everything is already there.
#   tools/bootstrap.sh          build + test dependencies
#   tools/bootstrap.sh --bench  also the peers for bench/ (Go, Boost.Fiber)
set -euo pipefail

packages=(clang-22 libclang-22-dev llvm-22-dev llvm-22-tools lld-22 libclang-rt-22-dev binutils gdb
          libboost-context1.81-dev cmake ninja-build g++ libgcc-12-dev python3
          libcpp-httplib-dev)  # the network poller's unmodified-library test
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(golang-go libboost-fiber1.81-dev wrk)  # wrk: bench http_hello
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "bootstrap: done"
