// Names of a parked goroutine's wait reasons (gort/detail/park.hpp), as Go
// prints them in goroutine dumps. The reason is part of a G's state, so the
// scheduler owns the names; panic/dump.cpp prints them.
#include <gort/detail/park.hpp>

namespace gort::detail {

const char* wait_reason_text(wait_reason r) noexcept {
  switch (r) {
    case wait_reason::none: return "running";
    case wait_reason::chan_receive: return "chan receive";
    case wait_reason::chan_send: return "chan send";
    case wait_reason::select: return "select";
    case wait_reason::select_no_cases: return "select (no cases)";
    case wait_reason::chan_receive_nil: return "chan receive (nil chan)";
    case wait_reason::chan_send_nil: return "chan send (nil chan)";
    case wait_reason::wait_group_wait: return "sync.WaitGroup.Wait";
    case wait_reason::mutex_lock: return "sync.Mutex.Lock";
    case wait_reason::rwmutex_lock: return "sync.RWMutex.Lock";
    case wait_reason::rwmutex_rlock: return "sync.RWMutex.RLock";
    case wait_reason::cond_wait: return "sync.Cond.Wait";
    case wait_reason::sleep: return "sleep";
    case wait_reason::syscall: return "syscall";
    case wait_reason::io_wait: return "IO wait";
    case wait_reason::pthread_mutex_lock: return "pthread_mutex_lock";
    case wait_reason::pthread_rwlock_rdlock: return "pthread_rwlock_rdlock";
    case wait_reason::pthread_rwlock_wrlock: return "pthread_rwlock_wrlock";
    case wait_reason::pthread_cond_wait: return "pthread_cond_wait";
    case wait_reason::sem_wait: return "sem_wait";
    case wait_reason::pthread_join: return "pthread_join";
  }
  return "unknown";
}

}  // namespace gort::detail
