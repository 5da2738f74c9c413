#!/usr/bin/env bash
# Builds sitrep with its tests and runs the whole suite with ctest.
# With CI=true (or --sanitize) the suite runs a second time in a build with
# AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

sanitize=false
if [ "${CI:-}" = "true" ] || [ "${1:-}" = "--sanitize" ]; then sanitize=true; fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2
(cd build && ctest --output-on-failure -j2)

if $sanitize; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSITREP_SANITIZE=ON >/dev/null
  cmake --build build-asan -j2
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j2)
fi
