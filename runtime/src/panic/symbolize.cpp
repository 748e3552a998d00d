// See symbolize.hpp. libbacktrace's interface (backtrace.h is not installed
// with GCC's copy, libgcc-dev's libbacktrace.a; these declarations are its
// stable public API).
#include "panic/symbolize.hpp"

#include <atomic>
#include <cstring>

#include "syscall/syscall.hpp"

#if GORT_HAVE_LIBBACKTRACE
extern "C" {
struct backtrace_state;
typedef void (*backtrace_error_callback)(void* data, const char* msg, int errnum);
typedef int (*backtrace_full_callback)(void* data, std::uintptr_t pc,
                                       const char* filename, int lineno,
                                       const char* function);
typedef void (*backtrace_syminfo_callback)(void* data, std::uintptr_t pc,
                                           const char* symname,
                                           std::uintptr_t symval,
                                           std::uintptr_t symsize);
backtrace_state* backtrace_create_state(const char* filename, int threaded,
                                        backtrace_error_callback error_callback,
                                        void* data);
int backtrace_pcinfo(backtrace_state* state, std::uintptr_t pc,
                     backtrace_full_callback callback,
                     backtrace_error_callback error_callback, void* data);
int backtrace_syminfo(backtrace_state* state, std::uintptr_t addr,
                      backtrace_syminfo_callback callback,
                      backtrace_error_callback error_callback, void* data);
}
#endif

namespace gort::rt {
namespace {

struct collected {
  frame_name* out;
  int max;
  int n = 0;
};

#if GORT_HAVE_LIBBACKTRACE
void ignore_error(void*, const char*, int) {}

std::atomic<backtrace_state*> the_state{nullptr};
std::atomic<bool> state_claimed{false};
// Set while this thread is inside libbacktrace: a fault there (a fatal
// report of its own, symbolizing again) must not re-enter it.
__thread bool inside_libbacktrace = false;

// Null while another thread creates it, or if creating it faulted: the
// caller falls back to dladdr. (Not a function-local static: a fault during
// its initialisation would re-enter the guard and terminate, report lost.)
backtrace_state* state() {
  if (backtrace_state* s = the_state.load(std::memory_order_acquire)) return s;
  if (state_claimed.exchange(true, std::memory_order_acq_rel)) return nullptr;
  // The executable itself (filename null: /proc/self/exe); shared
  // libraries are found through dl_iterate_phdr.
  backtrace_state* s = backtrace_create_state(nullptr, 1, ignore_error, nullptr);
  the_state.store(s, std::memory_order_release);
  return s;
}

// A file name as the compiler recorded it. For a DWARF 5 line table whose
// file is an absolute path (a source compiled by absolute path: what CMake
// always does), GCC 12's libbacktrace still prefixes the file's directory,
// the compilation directory: "/build/dir//home/me/src/x.cpp". The join is
// the first "//" (directories are recorded without one); what follows its
// last slash is the absolute path as given.
const char* as_recorded(const char* file) {
  if (!file) return nullptr;
  const char* join = std::strstr(file, "//");
  if (!join) return file;
  while (join[1] == '/') ++join;
  return join;
}

int on_pcinfo(void* data, std::uintptr_t, const char* file, int line,
              const char* function) {
  auto* c = static_cast<collected*>(data);
  if (!function && !file) return 0;  // no debug information here
  if (c->n < c->max) c->out[c->n++] = frame_name{function, as_recorded(file), line};
  return 0;
}

// The ELF symbol's name into *data (a const char*).
void on_syminfo(void* data, std::uintptr_t, const char* symname, std::uintptr_t,
                std::uintptr_t) {
  *static_cast<const char**>(data) = symname;
}
#endif

}  // namespace

#if GORT_HAVE_LIBBACKTRACE
namespace {

// libbacktrace's names for pc into c (nothing if it cannot be used now).
void symbolize_with_libbacktrace(std::uintptr_t pc, collected& c) {
  if (inside_libbacktrace) return;  // a fault inside it: dladdr only
  backtrace_state* s = state();
  if (!s) return;
  // libbacktrace opens and maps the binaries: plain calls, no handoff.
  bool saved_direct = syscalls_without_handoff;
  syscalls_without_handoff = true;
  inside_libbacktrace = true;
  backtrace_pcinfo(s, pc, on_pcinfo, ignore_error, &c);
  // No debug information, or none naming the function: the ELF symbol.
  if (c.n == 0 || !c.out[c.n - 1].function) {
    const char* name = nullptr;
    backtrace_syminfo(s, pc, on_syminfo, ignore_error, &name);
    if (name && c.n == 0 && c.max > 0) c.out[c.n++] = frame_name{name, nullptr, 0};
    else if (name && c.n > 0) c.out[c.n - 1].function = name;
  }
  inside_libbacktrace = false;
  syscalls_without_handoff = saved_direct;
}

}  // namespace
#endif

int symbolize(std::uintptr_t pc, frame_name* out, int max) {
  collected c{out, max};
#if GORT_HAVE_LIBBACKTRACE
  symbolize_with_libbacktrace(pc, c);
#else
  (void)pc;
#endif
  return c.n;
}

}  // namespace gort::rt
