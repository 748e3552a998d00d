# lit configuration shared by every suite under test/.
#
# Substitutions a test may use:
#   %gortxx       gort++ --gort-no-plugin: gort's headers, linked with the
#                 runtime and its main-as-goroutine-1 link step (library form:
#                 gort::go, no plugin)
#   %gortxx-tsan  the same, built and linked with ThreadSanitizer
#   %gortxx-asan  the same, built and linked with AddressSanitizer
#   %gortpp       the gort++ driver (plugin + runtime), when it is built
#   %gort_src, %gort_build  the source and build trees
#   FileCheck, not, count: LLVM 22's test tools
import os
import lit.formats

config.name = "gort"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".c", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.local.cfg"]

site = lit_config.params.get("site") or os.environ.get("GORT_LIT_SITE")
if not site:
    build_dir = lit_config.params.get("build_dir", "build")
    site = os.path.join(build_dir, "test", "lit.site.cfg.py")
lit_config.load_config(config, site)

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.gort_build_dir, "test", "out")

config.environment["PATH"] = os.pathsep.join(
    [os.path.join(config.gort_build_dir, "bin"), config.llvm_bin_dir,
     config.environment.get("PATH", os.environ.get("PATH", ""))])
for var in ["HOME", "TMPDIR"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]

gortpp = os.path.join(config.gort_build_dir, "bin", "gort++")
gort_mode = lit_config.params.get("gort_mode", "")
if gort_mode == "asan":
    # The TSan runs of the stress tests become more ASan runs: cheaper than
    # running TSan twice, and no test under runtime/ or chan/ expects a
    # TSan report.
    config.substitutions.append(
        ("%gortxx-tsan", f"{gortpp} --gort-no-plugin --gort-asan -g -O1"))
else:
    config.substitutions.append(
        ("%gortxx-tsan",
         f"{gortpp} --gort-no-plugin --gort-tsan -g -O1 -fsanitize=thread"))
config.substitutions.append(
    ("%gortxx-asan", f"{gortpp} --gort-no-plugin --gort-asan -g -O1"))
# --param gort_mode=asan (the asan-mode ctest): the same tests with %gortxx
# and %gortpp building for AddressSanitizer. Every ASan report goes to
# asan-reports/ (ASAN_OPTIONS log_path), which the ctest requires to stay
# empty: a report in a test that expects a failure (`not %t`) still fails.
if gort_mode == "asan":
    config.available_features.add("asan-mode")
    config.test_exec_root = os.path.join(config.gort_build_dir, "test", "out-asan")
    reports = os.path.join(config.gort_build_dir, "test", "asan-reports")
    config.environment["ASAN_OPTIONS"] = f"log_path={reports}/asan"
    config.substitutions.append(
        ("%gortxx", f"{gortpp} --gort-no-plugin --gort-asan -g -O1 -Wall"))
    config.substitutions.append(("%gortpp", f"{gortpp} --gort-asan -g -O1 -Wall"))
else:
    config.substitutions.append(("%gortxx", f"{gortpp} --gort-no-plugin -g -O2 -Wall"))
    config.substitutions.append(("%gortpp", f"{gortpp} -g -O2 -Wall"))

# %gort_src: the source tree (for tools/gdb/gort.py and inputs).
config.substitutions.append(("%gort_src", config.gort_source_dir))
# %gort_build: the build tree (the runtime's object files).
config.substitutions.append(("%gort_build", config.gort_build_dir))
import shutil
if shutil.which("gdb"):
    config.available_features.add("gdb")
# cpp-httplib (Debian libcpp-httplib-dev, tools/bootstrap.sh): the network
# poller's unmodified-library test.
if os.path.exists("/usr/include/httplib.h"):
    config.available_features.add("httplib")
