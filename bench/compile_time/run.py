#!/usr/bin/env python3
"""Compile-time overhead of the [[go]] plugin.

Compiles heavy_go.cpp with `gort++` (plugin) and heavy_lib.cpp, the same
code with hand-written gort::go calls, with `gort++ --gort-no-plugin`,
alternating the two in one run, RUNS times each, and prints the median CPU
time (user + sys of the compiler processes) and wall time of each, and the
ratio plugin / hand-written. Target (issue 5): at most 1.03x.

  bench/compile_time/run.py [--gortpp PATH] [--runs N] [--mode c|syntax]

--mode c (default) compiles to an object (-c -O2); syntax uses -fsyntax-only.
Prints a RESULT line like the other benchmarks.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gortpp", default=os.environ.get(
        "GORTPP", os.path.join(ROOT, "build", "bin", "gort++")))
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 7)))
    ap.add_argument("--mode", choices=["c", "syntax"], default="c")
    args = ap.parse_args()
    out = tempfile.mkdtemp(prefix="gort-compile-time-")
    mode = ["-c", "-O2", "-o", os.path.join(out, "x.o")] if args.mode == "c" \
        else ["-fsyntax-only"]
    plugin = [args.gortpp] + mode + [os.path.join(HERE, "heavy_go.cpp")]
    library = [args.gortpp, "--gort-no-plugin"] + mode + \
        [os.path.join(HERE, "heavy_lib.cpp")]
    # Warm the page cache, then alternate.
    timed(plugin)
    timed(library)
    times = {"plugin": [], "library": []}
    for _ in range(args.runs):
        times["plugin"].append(timed(plugin))
        times["library"].append(timed(library))
    med = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v))
           for k, v in times.items()}
    print(f"{'form':<28}{'cpu median s':>14}{'wall median s':>15}")
    print(f"{'[[go]] + plugin':<28}{med['plugin'][0]:>14.3f}{med['plugin'][1]:>15.3f}")
    print(f"{'gort::go, no plugin':<28}{med['library'][0]:>14.3f}{med['library'][1]:>15.3f}")
    ratio_cpu = med["plugin"][0] / med["library"][0]
    ratio_wall = med["plugin"][1] / med["library"][1]
    print(f"ratio plugin/hand-written: cpu {ratio_cpu:.3f}x, wall {ratio_wall:.3f}x "
          f"(target <= 1.03x)")
    print(f"RESULT workload=compile_time impl=gort mode={args.mode} runs={args.runs} "
          f"cpu_ratio={ratio_cpu:.3f} wall_ratio={ratio_wall:.3f} "
          f"check={'OK' if ratio_cpu <= 1.03 else 'SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
