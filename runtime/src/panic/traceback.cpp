#include "panic/traceback.hpp"

#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "scheduler/sched.hpp"

namespace gort::rt {

namespace {

// Demangled name of the symbol containing pc, or null. *owned is set when
// the result must be freed.
const char* symbol_name(void* pc, Dl_info& info, char** owned) {
  *owned = nullptr;
  if (!dladdr(pc, &info) || !info.dli_sname) return nullptr;
  int status = 0;
  char* d = abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status);
  if (status == 0 && d) {
    *owned = d;
    return d;
  }
  return info.dli_sname;
}

}  // namespace

void print_traceback(std::FILE* out, const char* skip_through) {
  void* pcs[128];
  int n = backtrace(pcs, 128);
  int first = 1;  // skip print_traceback itself
  if (skip_through) {
    for (int i = n - 1; i >= 1; --i) {
      Dl_info info;
      if (dladdr(static_cast<char*>(pcs[i]) - 1, &info) && info.dli_sname &&
          std::strncmp(info.dli_sname, skip_through, std::strlen(skip_through)) == 0) {
        first = i + 1;
        break;
      }
    }
  }
  for (int i = first; i < n; ++i) {
    Dl_info info{};
    char* owned;
    // Return addresses point after the call; pc-1 is inside it.
    void* pc = static_cast<char*>(pcs[i]) - 1;
    const char* name = symbol_name(pc, info, &owned);
    if (!name) {
      // Unnamed: a static function or the bottom of a goroutine's stack.
      if (!info.dli_fname) continue;
      name = "?";
    }
    const char* module = info.dli_fname ? info.dli_fname : "?";
    std::uintptr_t off =
        reinterpret_cast<std::uintptr_t>(pc) -
        reinterpret_cast<std::uintptr_t>(info.dli_fbase);
    std::fprintf(out, "%s\n\t%s+0x%lx\n", name, module, (unsigned long)off);
    std::free(owned);
    // Below these: the runtime's goroutine entry, or libc's start-up.
    if (std::strncmp(name, "gort::detail::closure<", 22) == 0) break;
    if (std::strcmp(name, "__wrap_main") == 0) break;
  }
}

void print_current_header(std::FILE* out) {
  G* g = current_g();
  if (g)
    std::fprintf(out, "goroutine %llu [running]:\n", (unsigned long long)g->id);
  else
    std::fprintf(out, "thread %ld [running]:\n", (long)gettid());
}

}  // namespace gort::rt
