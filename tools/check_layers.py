#!/usr/bin/env python3
"""Checks that the runtime's folders include each other in one direction only.

Every folder of runtime/src/ belongs to one layer of the table below. A file
may include, with #include "folder/file", files of its own folder and of the
folders of LOWER layers. Including a higher layer is an error (the lower layer
must call up through a hook registered at start-up, or the code must move);
including a sibling folder of the same layer is an error too, unless the pair
is listed in ALLOWED_SIBLINGS. The order and the reasons for it are in
docs/design/layers.md: change both together.

Public headers (#include <gort/...>) are the runtime's API, below every
layer, and are not checked. Neither are system headers.

Usage: tools/check_layers.py [--root DIR]   (default: runtime/src of this repo)
Exit status: 0 when every include follows the order, 1 on any violation,
2 on a usage error.
"""

import argparse
import os
import re
import sys

# Lowest layer first. Folders on one line are one layer: siblings that know
# nothing of each other.
LAYERS = [
    ["base"],                 # clock, env, futex, raw_lock, die()
    ["context"],              # Boost.Context switch, TSan fibers
    ["stack"],                # segments, __morestack, per-thread signal stack
    ["timer", "netpoll"],     # data structures that know nothing of Gs
    ["scheduler"],            # G, M, P, run queues, park/ready, deadlock check
    ["sync", "chan", "syscall", "preempt"],  # what goroutines block on; preemption
    ["sysmon", "panic"],      # watch and report: retake, tracebacks, dumps
    ["startup"],              # runtime init, main wrapper, threads, hooks
]

# Same-layer includes that are allowed, as (includer, included) folder pairs.
# Empty on purpose: add a pair only with a reason in docs/design/layers.md.
ALLOWED_SIBLINGS = set()

SOURCE_SUFFIXES = (".hpp", ".cpp", ".S")
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def layer_of_folder():
    table = {}
    for rank, folders in enumerate(LAYERS):
        for folder in folders:
            table[folder] = rank
    return table


def shown_path(path):
    """The path relative to the working directory when it is below it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def source_files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(SOURCE_SUFFIXES):
                yield os.path.join(dirpath, name)


def included_folder(root, including_file, target):
    """The runtime/src folder that `target` (an #include "..." path) names, as
    the compiler finds it: next to the including file first, then from the
    root (-I runtime/src). "" is the top of the tree; None: not in the tree
    (left to the compiler to report)."""
    beside = os.path.normpath(os.path.join(os.path.dirname(including_file), target))
    if os.path.isfile(beside):
        rel = os.path.relpath(beside, root)
        if rel.startswith(".."):
            return None
        return rel.split(os.sep, 1)[0] if os.sep in rel else ""
    if "/" in target:
        return target.split("/", 1)[0]
    return None


def check(root):
    ranks = layer_of_folder()
    errors = []
    files = includes = 0
    edges = {}  # (from folder, to folder) -> count, for the summary
    for path in source_files(root):
        rel = os.path.relpath(path, root)
        shown = shown_path(path)
        files += 1
        folder = rel.split(os.sep, 1)[0] if os.sep in rel else ""
        if folder not in ranks:
            where = f"folder '{folder}/'" if folder else "the top of the tree"
            errors.append(
                f"{shown}:1: error: {where} is in no layer; add it to LAYERS in "
                f"tools/check_layers.py and to docs/design/layers.md")
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                includes += 1
                target = m.group(1)
                to = included_folder(root, path, target)
                if to is None or to == folder:
                    continue
                if to not in ranks:
                    errors.append(
                        f"{shown}:{lineno}: error: includes \"{target}\" from "
                        f"folder '{to}/', which is in no layer; add it to LAYERS "
                        f"in tools/check_layers.py and to docs/design/layers.md")
                    continue
                mine, theirs = ranks[folder], ranks[to]
                if theirs < mine:
                    continue
                if theirs == mine and (folder, to) in ALLOWED_SIBLINGS:
                    continue
                kind = ("a higher layer" if theirs > mine
                        else "a sibling in the same layer")
                errors.append(
                    f"{shown}:{lineno}: error: {folder}/ (layer {mine}) must not "
                    f"include \"{target}\": {to}/ is {kind} ({theirs}); move the "
                    f"code down, or call up through a hook registered at start-up "
                    f"(docs/design/layers.md)")
                edges[(folder, to)] = edges.get((folder, to), 0) + 1
    return files, includes, errors, edges


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.join(here, "..", "runtime", "src"),
                        help="the runtime source tree (default: runtime/src)")
    args = parser.parse_args(argv)
    root = os.path.normpath(args.root)
    if not os.path.isdir(root):
        print(f"check_layers: error: no such directory: {root}", file=sys.stderr)
        return 2
    files, includes, errors, edges = check(root)
    for e in errors:
        print(e)
    for (src, dst), n in sorted(edges.items()):
        print(f"check_layers: {src} -> {dst}: {n} include(s) against the order")
    verdict = "FAILED" if errors else "OK"
    print(f"check_layers: {verdict}: {files} files, {includes} includes, "
          f"{len(errors)} violation(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
