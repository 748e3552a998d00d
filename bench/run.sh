#!/usr/bin/env bash
# bench/run.sh — builds and runs the benchmark workloads of BENCH.md (plus
# issue 2's yield and mutex) for gort, its Go twins and the Boost.Fiber
# peers, then prints one table: per workload and thread count, each peer's
# median (min–max), which direction is better (the unit: ms and ns_per_*
# are lower-is-better, *_per_s higher-is-better) and the ratios gort/go and
# gort/boost_fiber.
#
#   bench/run.sh                     every workload, RUNS times each
#   RUNS=1 bench/run.sh              quick smoke run
#   bench/run.sh skynet pingpong     only these workloads (program or row name)
#
# Environment (all optional):
#   RUNS=5                runs per configuration (one process per run)
#   GORT_BUILD=<root>/build           gort's CMake build dir (gort++, libgort.a)
#   GORTPP=$GORT_BUILD/bin/gort++     the driver the gort programs are built with
#   BENCH_BUILD=<root>/build/bench    where the bench binaries and logs go
#   BENCH_LOG=$BENCH_BUILD/results-<date>.log   raw RESULT lines
#   IMPLS="gort go boost_fiber c httplib_threads"   which peers to build
#                         and run (c: the plain-C++ baseline of
#                         syscall_fastpath and std_mutex_pair;
#                         httplib_threads: http_hello on cpp-httplib's own
#                         thread pool; both from bench/c/, without gort)
#   BENCH_TIMEOUT=300     seconds before one run is killed (counted as FAIL)
#   HEAVY_RUNS=1          cap on the runs of the Boost.Fiber configurations
#                         that take minutes (spawn, skynet); see README.md.
#                         Default 1, or 0 (skipped) when RUNS=1.
#   CXX=clang++-22        compiler for the Boost.Fiber peers
#   GO=go                 Go toolchain for the Go twins
#
# Runs with check=FAIL, a non-zero exit, no RESULT line or a timeout are kept
# in the raw log and left out of the statistics.
set -u

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
RUNS=${RUNS:-5}
GORT_BUILD=${GORT_BUILD:-$ROOT/build}
GORTPP=${GORTPP:-$GORT_BUILD/bin/gort++}
BENCH_BUILD=${BENCH_BUILD:-$ROOT/build/bench}
IMPLS=${IMPLS:-gort go boost_fiber c httplib_threads}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-300}
# A smoke run (RUNS=1) skips the heavy Boost.Fiber configurations.
if [ "$RUNS" -gt 1 ]; then HEAVY_RUNS=${HEAVY_RUNS:-1}; else HEAVY_RUNS=${HEAVY_RUNS:-0}; fi
CXX=${CXX:-clang++-22}
GO=${GO:-go}
NPROC=$(nproc)

mkdir -p "$BENCH_BUILD"/{gort,go,boost_fiber,c,httplib_threads,logs} || exit 1
BENCH_LOG=${BENCH_LOG:-$BENCH_BUILD/results-$(date +%Y%m%d-%H%M%S).log}
STATS=$(mktemp "$BENCH_BUILD/stats.XXXXXX")
trap 'rm -f "$STATS"' EXIT

# ---------------------------------------------------------------------------
# The configurations, in table order: row label, program, threads, mode
# ("-": none), the peers that have the program.
CONFIGS=(
  "skynet             skynet          1 -       gort go boost_fiber"
  "skynet             skynet          2 -       gort go boost_fiber"
  "spawn              spawn           1 -       gort go boost_fiber"
  "spawn              spawn           2 -       gort go boost_fiber"
  "pingpong           pingpong        1 -       gort go boost_fiber"
  "pingpong           pingpong        2 -       gort go boost_fiber"
  "chan_throughput    chan_throughput 1 -       gort go boost_fiber"
  "chan_throughput    chan_throughput 2 -       gort go boost_fiber"
  "idle_memory        idle_memory     $NPROC -  gort go boost_fiber"
  "deep_stack         deep_stack      1 same    gort go boost_fiber"
  "deep_stack_fresh   deep_stack      1 fresh   gort go boost_fiber"
  "fanout_cpu         fanout_cpu      1 -       gort go boost_fiber"
  "fanout_cpu         fanout_cpu      2 -       gort go boost_fiber"
  "syscall_handoff    syscall_handoff 1 raw     gort go boost_fiber"
  "syscall_handoff[netpoll] syscall_handoff 1 netpoll gort go"
  "tcp_echo           tcp_echo        1 -       gort go"
  "tcp_echo           tcp_echo        2 -       gort go"
  "idle_conns         idle_conns      2 -       gort go"
  "http_hello         http_hello      2 -       gort go httplib_threads"
  "yield              yield           1 -       gort go boost_fiber"
  "mutex              mutex           1 -       gort go boost_fiber"
  "mutex              mutex           2 -       gort go boost_fiber"
  "handoff_latency    handoff_latency 1 -       gort go"
  "syscall_fastpath   syscall_fastpath 1 -      gort go c"
  "preempt_latency[call]   preempt_latency 1 call   gort go"
  "preempt_latency[nocall] preempt_latency 1 nocall gort go"
  "loop_tax           loop_tax        1 -       gort"
  "std_mutex_pair     std_mutex_pair  1 -       gort c"
  "unseen_block       unseen_block    1 -       gort go"
)
# Boost.Fiber keeps a 128 kB malloc'd stack per fiber and these workloads
# hold ~1M fibers at once: minutes per run on a small VM. They run at most
# HEAVY_RUNS times.
is_heavy() { [ "$1" = boost_fiber ] && { [ "$2" = spawn ] || [ "$2" = skynet ]; }; }

# Workload selection: arguments match a program or a row label.
selected() {
  local label=$1 prog=$2 want
  [ ${#WANT[@]} -eq 0 ] && return 0
  for want in "${WANT[@]}"; do
    [ "$want" = "$label" ] || [ "$want" = "$prog" ] && return 0
  done
  return 1
}
WANT=("$@")
has_impl() { case " $IMPLS " in *" $1 "*) return 0 ;; esac; return 1; }

log() { echo "$*" | tee -a "$BENCH_LOG"; }

# ---------------------------------------------------------------------------
# Building. A binary is rebuilt when one of its inputs is newer (for the
# C++ peers that includes this script, which holds their flags).
newer_than() {  # newer_than <out> <inputs...>: true if out is missing or stale
  local out=$1 f; shift
  [ -e "$out" ] || return 0
  for f in "$@"; do [ -e "$f" ] && [ "$f" -nt "$out" ] && return 0; done
  return 1
}

declare -A BUILT  # BUILT[impl/prog]=1 when the binary is usable
# Flags and libraries a workload compiles and links with (http_hello:
# Debian's cpp-httplib; it also needs wrk at run time, from
# tools/bootstrap.sh --bench). The library is built with the OpenSSL, zlib
# and Brotli options, which change the layout of its classes: a program
# compiled without the same macros gets a smaller httplib::Client than the
# library's constructor writes (it overwrote a saved register of its
# caller), so take them from its pkg-config file.
HTTPLIB_CFLAGS="-DCPPHTTPLIB_OPENSSL_SUPPORT -DCPPHTTPLIB_ZLIB_SUPPORT -DCPPHTTPLIB_BROTLI_SUPPORT"
prog_cflags() {
  [ "$1" = http_hello ] && { pkg-config --cflags cpp-httplib 2>/dev/null || echo "$HTTPLIB_CFLAGS"; }
}
prog_libs() { [ "$1" = http_hello ] && echo -lcpp-httplib; }
GORT_LIB=$GORT_BUILD/runtime/libgort.a

build_one() {  # build_one <impl> <prog>
  local impl=$1 prog=$2 out="$BENCH_BUILD/$1/$2" blog="$BENCH_BUILD/logs/$1-$2.build.log"
  local src rc=0
  case $impl in
    gort)
      src=$BENCH_DIR/gort/$prog.cpp
      if [ ! -x "$GORTPP" ]; then
        echo "no gort++ at $GORTPP (set GORT_BUILD or GORTPP)" >"$blog"; return 1
      fi
      # The plugins too: gort++ loads them (the loop polls change the code).
      if newer_than "$out" "$src" "$BENCH_DIR"/common/*.hpp "$BENCH_DIR"/gort/*.hpp "$BENCH_DIR"/run.sh \
          "$GORTPP" "$GORT_LIB" "$ROOT"/runtime/include/gort/*.hpp \
          "$GORT_BUILD"/plugin/gort_loop_poll.so "$GORT_BUILD"/plugin/gort_plugin.so; then
        # A program may ask for flags of its own: a "// bench-cxxflags: ..."
        # line (loop_tax aligns its loops, see there).
        local own
        own=$(sed -n 's|^// bench-cxxflags: ||p' "$src")
        # shellcheck disable=SC2086
        "$GORTPP" --gort-no-plugin -O2 $own $(prog_cflags "$prog") -I"$BENCH_DIR/common" -I"$BENCH_DIR/gort" \
          "$src" -o "$out" $(prog_libs "$prog") >"$blog" 2>&1 || rc=1
      fi ;;
    go)
      src=$BENCH_DIR/go/$prog/main.go
      if newer_than "$out" "$src" "$BENCH_DIR"/go/go.mod "$BENCH_DIR"/go/benchutil/*.go; then
        # One module (bench/go/go.mod), no dependencies: builds offline.
        (cd "$BENCH_DIR/go" && GO111MODULE=on GOFLAGS= GOPROXY=off \
          GOPATH="$BENCH_BUILD/go-path" GOCACHE="$BENCH_BUILD/go-cache" \
          "$GO" build -o "$out" "./$prog") >"$blog" 2>&1 || rc=1
      fi ;;
    c|httplib_threads)  # plain C++, no gort: bench/c/<prog>.cpp
      src=$BENCH_DIR/c/$prog.cpp
      [ -e "$src" ] || { echo "no plain C++ peer for $prog" >"$blog"; return 1; }
      if newer_than "$out" "$src" "$BENCH_DIR"/common/*.hpp "$BENCH_DIR"/run.sh; then
        "$CXX" -std=c++20 -O2 $(prog_cflags "$prog") -I"$BENCH_DIR/common" "$src" -o "$out" $(prog_libs "$prog") \
          -pthread >"$blog" 2>&1 || rc=1
      fi ;;
    boost_fiber)
      src=$BENCH_DIR/fiber/$prog.cpp
      [ -e "$src" ] || { echo "no Boost.Fiber peer for $prog" >"$blog"; return 1; }
      if newer_than "$out" "$src" "$BENCH_DIR"/common/*.hpp "$BENCH_DIR"/fiber/*.hpp "$BENCH_DIR"/run.sh; then
        "$CXX" -std=c++20 -O2 -I"$BENCH_DIR/common" -I"$BENCH_DIR/fiber" "$src" \
          -o "$out" -lboost_fiber -lboost_context -pthread >"$blog" 2>&1 || rc=1
      fi ;;
  esac
  if [ $rc -ne 0 ]; then rm -f "$out"; return 1; fi
  return 0
}

log "# gort bench $(date -Is) host=$(hostname) nproc=$NPROC runs=$RUNS"
log "# loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
log "# gort++=$GORTPP build=$BENCH_BUILD"
"$GO" version >/dev/null 2>&1 && log "# $("$GO" version)"
log "# $("$CXX" --version | head -1)"

echo "building into $BENCH_BUILD ..."
declare -A SEEN
for cfg in "${CONFIGS[@]}"; do
  read -r label prog threads mode impls <<<"$cfg"
  selected "$label" "$prog" || continue
  for impl in $impls; do
    has_impl "$impl" || continue
    [ -n "${SEEN[$impl/$prog]:-}" ] && continue
    SEEN[$impl/$prog]=1
    if build_one "$impl" "$prog"; then
      BUILT[$impl/$prog]=1
    else
      if [ "$impl" = gort ]; then
        log "# gort: not built: $prog (see $BENCH_BUILD/logs/gort-$prog.build.log)"
      else
        log "# $impl: build failed: $prog (see $BENCH_BUILD/logs/$impl-$prog.build.log)"
      fi
    fi
  done
done

# ---------------------------------------------------------------------------
# Running: every configuration once per round, peers interleaved, so that
# slow drift of the machine spreads over all of them.
ORDER=$(mktemp "$BENCH_BUILD/order.XXXXXX")
trap 'rm -f "$STATS" "$ORDER"' EXIT
for cfg in "${CONFIGS[@]}"; do
  read -r label prog threads mode impls <<<"$cfg"
  selected "$label" "$prog" || continue
  printf '%s\t%s\t%s\n' "$label" "$threads" "$impls" >>"$ORDER"
  for impl in $impls; do
    has_impl "$impl" || continue
    if [ -z "${BUILT[$impl/$prog]:-}" ]; then
      printf '%s\t%s\t%s\tNOTBUILT\t\t\t\n' "$label" "$threads" "$impl" >>"$STATS"
    elif is_heavy "$impl" "$prog" && [ "$HEAVY_RUNS" -le 0 ]; then
      printf '%s\t%s\t%s\tSKIPPED\t\t\t\n' "$label" "$threads" "$impl" >>"$STATS"
    fi
  done
done

run_one() {  # run_one <round> <label> <prog> <threads> <mode> <impl>
  local round=$1 label=$2 prog=$3 threads=$4 mode=$5 impl=$6
  local args=("$threads") out rc line status value unit delta
  [ "$mode" != - ] && args+=("$mode")
  out=$(timeout "$BENCH_TIMEOUT" "$BENCH_BUILD/$impl/$prog" "${args[@]}" 2>"$BENCH_BUILD/logs/last-stderr")
  rc=$?
  line=$(printf '%s\n' "$out" | grep -m1 '^RESULT ')
  if [ -n "$line" ]; then
    echo "$line" >>"$BENCH_LOG"
  fi
  status=$(sed -n 's/.* check=\([^ ]*\).*/\1/p' <<<"$line")
  value=$(sed -n 's/.* value=\([^ ]*\).*/\1/p' <<<"$line")
  unit=$(sed -n 's/.* unit=\([^ ]*\).*/\1/p' <<<"$line")
  delta=""
  if [ $rc -eq 124 ]; then
    status=TIMEOUT
  elif [ -z "$line" ] || [ $rc -ne 0 ]; then
    status=FAIL
  fi
  if [ "$status" != ok ] && [ "$status" != unverified ]; then
    echo "# round=$round $label threads=$threads impl=$impl: $status (exit $rc)$( \
      [ -s "$BENCH_BUILD/logs/last-stderr" ] && echo ": $(head -c 300 "$BENCH_BUILD/logs/last-stderr" | tr '\n' ' ')")" \
      | tee -a "$BENCH_LOG" >&2
  fi
  if [ "$prog" = syscall_handoff ] && [ -n "$value" ]; then
    delta=$(sed -n 's/.* b_alone_ms=\([^ ]*\).*/\1/p' <<<"$line")
    [ -n "$delta" ] && delta=$(awk -v v="$value" -v b="$delta" 'BEGIN { printf "%.3f", v - b }')
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$threads" "$impl" "$status" \
    "$value" "$unit" "$delta" >>"$STATS"
  printf '  %-24s threads=%-2s %-12s %s %s %s\n' "$label" "$threads" "$impl" \
    "${value:--}" "${unit:-}" "$status"
}

for ((round = 1; round <= RUNS; round++)); do
  echo "round $round/$RUNS (loadavg $(cut -d' ' -f1-3 /proc/loadavg))"
  log "# round $round loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
  for cfg in "${CONFIGS[@]}"; do
    read -r label prog threads mode impls <<<"$cfg"
    selected "$label" "$prog" || continue
    for impl in $impls; do
      has_impl "$impl" || continue
      [ -n "${BUILT[$impl/$prog]:-}" ] || continue
      if is_heavy "$impl" "$prog" && [ "$round" -gt "$HEAVY_RUNS" ]; then continue; fi
      run_one "$round" "$label" "$prog" "$threads" "$mode" "$impl"
    done
  done
done
log "# loadavg at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------------------
# The table. Per (row, threads, peer): median (min–max) of the good runs.
# The "better" column says which way each row's unit points: units ending
# in _per_s (roundtrips_per_s, requests_per_s) are higher-is-better, every
# other one (ms, ns_per_*, bytes_per_*, ratio) lower-is-better. The ratios
# are always gort / peer, so whether gort wins by a ratio above or below
# 1.0 depends on that column.
awk -F'\t' -v impls="$IMPLS" '
function better(u) { return (u ~ /_per_s$/) ? "higher" : "lower" }
function sortv(a, n,    i, j, t) {
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
}
function median(a, n) { return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
function fmt(x,    ax) { ax = (x < 0) ? -x : x; return (ax >= 100) ? sprintf("%.0f", x) : (ax >= 10) ? sprintf("%.1f", x) : sprintf("%.2f", x) }
FNR == NR { order[++rows] = $1 SUBSEP $2; avail[$1, $2] = " " $3 " "; next }
{
  k = $1 SUBSEP $2 SUBSEP $3
  if ($4 == "NOTBUILT") { notbuilt[k] = 1; next }
  if ($4 == "SKIPPED") { skipped[k] = 1; next }
  unit[$1, $2] = ($6 != "") ? $6 : unit[$1, $2]
  if ($4 == "ok" || $4 == "unverified") {
    n[k]++; v[k, n[k]] = $5 + 0
    if ($7 != "") { nd[k]++; d[k, nd[k]] = $7 + 0 }
    if ($4 == "unverified") unver[k] = 1
  } else fails[k]++
}
END {
  ni = split(impls, im, " ")
  hdr = sprintf("%-24s %-3s %-16s %-6s", "workload", "thr", "unit", "better")
  for (i = 1; i <= ni; i++) hdr = hdr sprintf(" | %-26s", im[i])
  if (index(" " impls " ", " gort ") && index(" " impls " ", " go ")) hdr = hdr " | gort/go"
  if (index(" " impls " ", " gort ") && index(" " impls " ", " boost_fiber ")) hdr = hdr " | gort/fiber"
  print hdr
  gsub(/./, "-", hdr); print hdr
  for (r = 1; r <= rows; r++) {
    split(order[r], rk, SUBSEP); label = rk[1]; thr = rk[2]
    u = unit[label, thr]
    line = sprintf("%-24s %-3s %-16s %-6s", label, thr, u, (u == "") ? "" : better(u))
    for (i = 1; i <= ni; i++) {
      k = label SUBSEP thr SUBSEP im[i]; med[im[i]] = ""
      if (index(avail[label, thr], " " im[i] " ") == 0) cell = "-"
      else if (notbuilt[k]) cell = im[i] ": not built"
      else if (skipped[k]) cell = "skipped (HEAVY_RUNS=0)"
      else if (n[k] == 0) cell = (fails[k] ? "FAIL x" fails[k] : "no runs")
      else {
        m = n[k]; delete a; for (j = 1; j <= m; j++) a[j] = v[k, j]
        sortv(a, m); med[im[i]] = median(a, m)
        cell = fmt(med[im[i]]) " (" fmt(a[1]) "-" fmt(a[m]) ")"
        if (fails[k]) cell = cell " +" fails[k] "F"
        if (m < 3) cell = cell " n=" m
        if (unver[k]) cell = cell " ?"
      }
      line = line sprintf(" | %-26s", cell)
    }
    if (index(" " impls " ", " gort ") && index(" " impls " ", " go "))
      line = line " | " ((med["gort"] != "" && med["go"] > 0) ? sprintf("%7.2f", med["gort"] / med["go"]) : "      -")
    if (index(" " impls " ", " gort ") && index(" " impls " ", " boost_fiber "))
      line = line " | " ((med["gort"] != "" && med["boost_fiber"] > 0) ? sprintf("%7.2f", med["gort"] / med["boost_fiber"]) : "      -")
    print line
    for (i = 1; i <= ni; i++) tmed[label, thr, im[i]] = med[im[i]]
  }
  print ""
  print "better: which way the row is good. gort/go, gort/fiber = gort median / peer median:"
  print "  on \"lower\" rows a ratio below 1.0 means gort is better (faster, smaller),"
  print "  on \"higher\" rows (units *_per_s) a ratio above 1.0 means gort is better."
  # syscall_handoff: value - b_alone_ms (0 = perfect handoff, ~200 = none).
  first = 1
  for (r = 1; r <= rows; r++) {
    split(order[r], rk, SUBSEP); label = rk[1]; thr = rk[2]
    if (label !~ /^syscall_handoff/) continue
    for (i = 1; i <= ni; i++) {
      k = label SUBSEP thr SUBSEP im[i]
      if (nd[k] == 0) continue
      if (first) { print ""; print "syscall_handoff: median of value - b_alone_ms (0 = processor handed off, ~200 = blocked)"; first = 0 }
      m = nd[k]; delete a; for (j = 1; j <= m; j++) a[j] = d[k, j]
      sortv(a, m); printf "  %-26s %-12s %s ms\n", label, im[i], fmt(median(a, m))
    }
  }
  # fanout_cpu: scaling t1/t2 (2.0 ideal on 2 cores).
  first = 1
  for (i = 1; i <= ni; i++) {
    t1 = tmed["fanout_cpu", 1, im[i]]; t2 = tmed["fanout_cpu", 2, im[i]]
    if (t1 == "" || t2 == "" || t2 == 0) continue
    if (first) { print ""; print "fanout_cpu scaling t1/t2 (ideal: number of cores, 2.0 here)"; first = 0 }
    printf "  %-12s %.2f\n", im[i], t1 / t2
  }
}' "$ORDER" "$STATS" | tee -a "$BENCH_LOG.table"

echo
echo "nproc=$NPROC loadavg at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "raw RESULT lines: $BENCH_LOG"
echo "table: $BENCH_LOG.table"
