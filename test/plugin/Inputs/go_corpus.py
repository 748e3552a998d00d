#!/usr/bin/env python3
"""Crash-freedom corpus for the [[go]] plugin.

Copies C++ sources, inserts `[[go]] ` before call statements (every one, or
a random fraction with --rate/--seed), compiles each translation unit with
the plugin, and counts compiler crashes. Compile errors are expected (a
mutated statement may pass a non-const reference, sit in a declaration
context, ...); a crash, a hang or a signal is not.

  go_corpus.py --cxx CXX --out DIR [--rate R] [--seed S] [--jobs N]
               [--header-tree SRC:DST]... [--tu FILE]... [-- FLAGS...]

--tu FILE        a translation unit: mutated, then compiled
--header-tree    a directory of headers: copied to OUT/DST and mutated (the
                 TUs should then include them, via FLAGS)
--until-clean N  after a compile with errors, remove the [[go]] from each
                 line an error points at and compile again, up to N times,
                 so that the last compile (with CodeGen, if FLAGS ask for
                 it) sees the surviving [[go]] statements in a valid program
Prints one summary line: `corpus: T TUs, S statements mutated, E with
errors, C crashes` (with --until-clean also `, K clean`); exits 1 if C > 0.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

# A statement on one line that is a call: `a.b->c<T>::d(args);`
CALL_LINE = re.compile(
    r"^(\s*)((?:[A-Za-z_~]\w*(?:<[^;{}]*?>)?\s*(?:::|\.|->)\s*)*"
    r"[A-Za-z_~]\w*(?:<[^;{}]*?>)?\s*\(.*\)\s*;\s*(?://.*)?)$")
NOT_CALLS = {"return", "if", "while", "for", "switch", "case", "delete",
             "throw", "co_return", "co_yield", "co_await", "goto", "using",
             "typedef", "static_assert", "else", "do", "sizeof", "new",
             "operator", "template", "typename", "requires", "decltype",
             "friend", "namespace", "default", "public", "private",
             "protected", "explicit", "virtual", "static", "inline",
             "constexpr", "alignas", "__attribute__", "asm", "__asm__"}
# The previous line must end a statement or open a block.
ENDS_STATEMENT = re.compile(r"(;|\{|\}|\)|:|else)\s*(//.*)?$")


def mutate(text, rate, rng):
    out, count = [], 0
    prev = ";"
    in_comment = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if "/*" in stripped and "*/" not in stripped:
            in_comment = True
        if in_comment:
            if "*/" in stripped:
                in_comment = False
            out.append(line)
            continue
        m = CALL_LINE.match(line.rstrip("\n"))
        if (m and not stripped.startswith("#") and not prev.endswith("\\")
                and ENDS_STATEMENT.search(prev)
                and m.group(2).split("(")[0].split("<")[0].split("::")[0]
                .split(".")[0].split("->")[0].strip() not in NOT_CALLS
                and rng.random() < rate):
            line = m.group(1) + "[[go]] " + m.group(2) + "\n"
            count += 1
        out.append(line)
        if stripped and not stripped.startswith("//"):
            prev = stripped
    return "".join(out), count


def mutate_file(src, dst, rate, rng):
    with open(src, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    text, count = mutate(text, rate, rng)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with open(dst, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)
    return count


CRASH = re.compile(r"PLEASE submit a bug report|Stack dump:|"
                   r"frontend command failed due to signal|"
                   r"Assertion .* failed|UNREACHABLE executed")


ERROR_AT = re.compile(r"^(.+?):(\d+):\d+: error:", re.M)


def unmutate_failed_lines(stderr, out_dir):
    """Removes `[[go]] ` from every mutated line an error points at."""
    removed = 0
    for path, line in set(ERROR_AT.findall(stderr)):
        path = os.path.realpath(path)
        if not path.startswith(os.path.realpath(out_dir)) or not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            lines = f.readlines()
        i = int(line) - 1
        if 0 <= i < len(lines) and "[[go]] " in lines[i]:
            lines[i] = lines[i].replace("[[go]] ", "", 1)
            removed += 1
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.writelines(lines)
    return removed


def compile_tu(cxx, flags, tu, timeout, out_dir, until_clean):
    cmd = [cxx] + flags + [tu]
    for attempt in range(until_clean + 1):
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, errors="replace", timeout=timeout)
        except subprocess.TimeoutExpired:
            return "hang", " ".join(cmd)
        if p.returncode < 0 or p.returncode >= 128 or CRASH.search(p.stderr):
            return "crash", " ".join(cmd) + "\n" + p.stderr[-4000:]
        if p.returncode == 0:
            return ("ok" if attempt == 0 else "clean"), ""
        if attempt == until_clean or not unmutate_failed_lines(p.stderr, out_dir):
            break
    return "error", ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--rate", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--until-clean", type=int, default=0)
    ap.add_argument("--header-tree", action="append", default=[])
    ap.add_argument("--tu", action="append", default=[])
    ap.add_argument("flags", nargs="*")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    mutated = 0
    for spec in args.header_tree:
        src, dst = spec.split(":")
        dst = os.path.join(args.out, dst)
        shutil.rmtree(dst, ignore_errors=True)
        for root, _, files in os.walk(src):
            for name in files:
                s = os.path.join(root, name)
                mutated += mutate_file(s, os.path.join(dst, os.path.relpath(s, src)),
                                       args.rate, rng)
    tus = []
    for i, tu in enumerate(args.tu):
        dst = os.path.join(args.out, "tu", f"{i:03d}_{os.path.basename(tu)}")
        mutated += mutate_file(tu, dst, args.rate, rng)
        tus.append(dst)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(
            lambda tu: compile_tu(args.cxx, args.flags, tu, args.timeout,
                                  args.out, args.until_clean), tus))
    errors = sum(1 for r, _ in results if r != "ok")
    clean = sum(1 for r, _ in results if r in ("ok", "clean"))
    crashes = [log for r, log in results if r in ("crash", "hang")]
    for log in crashes:
        print("CRASH:", log, file=sys.stderr)
    print(f"corpus: {len(tus)} TUs, {mutated} statements mutated, "
          f"{errors} with errors, {len(crashes)} crashes"
          + (f", {clean} clean" if args.until_clean else ""))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
