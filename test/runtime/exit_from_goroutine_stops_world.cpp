// exit() from a goroutine while others run: no goroutine is scheduled once
// exit() starts, then atexit handlers and static destructors run, and the
// status is exit()'s. Before, static destructors ran while goroutines still
// used the objects (free(): invalid pointer, SIGSEGV; ~1 run in 10).
// Each run: 8 goroutines hammer a static map (and yield: the runtime entry
// where a running goroutine stops); one calls exit(3) once all are running.
// The destructor poisons the object, so a goroutine touching it afterwards
// crashes at once. An atexit handler checks that no worker ran after it.
// RUN: %gortxx -O1 %s -o %t
// RUN: for i in $(seq 1 40); do env GORT_MAXPROCS=4 %t 2>&1; echo "exit=$?"; done | sort | uniq -c | sed 's/^ *//' | FileCheck %s
// CHECK-NOT: {{.}}
// CHECK: {{^}}40 exit=3{{$}}
// CHECK-NOT: {{.}}
#include <gort/gort.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>


std::atomic<int> running{0};
std::atomic<long> after_exit_handler{0};
std::atomic<bool> handler_ran{false};

struct poisoned {
  std::map<int, std::string>* m = new std::map<int, std::string>;
  ~poisoned() {
    delete m;
    m = reinterpret_cast<std::map<int, std::string>*>(16);  // crash on use
  }
} table;
gort::mutex table_lock;  // trivially destructible: outlives the table

void hammer(int id) {
  running.fetch_add(1);
  for (long i = 0;; ++i) {
    if (handler_ran.load()) after_exit_handler.fetch_add(1);
    {
      std::lock_guard<gort::mutex> g(table_lock);
      (*table.m)[int(i % 64)] = std::to_string(id * 1000 + i);
      table.m->erase(int((i + 7) % 64));
    }
    if (i % 16 == 0) gort::yield();
  }
}

int main() {
  std::atexit([] {
    handler_ran.store(true);
    // A stopped world stays stopped: no worker counts while we spin.
    for (volatile int i = 0; i < 1000000; ++i) {
    }
    if (after_exit_handler.load() != 0) std::printf("goroutine ran during exit\n");
  });
  for (int i = 0; i < 8; ++i) gort::go(hammer, i);
  // Timers keep firing while exit() runs the destructors (the runtime's
  // timer heap must outlive them).
  for (int i = 0; i < 4; ++i)
    gort::go([] {
      for (;;) gort::sleep_for(std::chrono::microseconds(50));
    });
  gort::go([] {
    while (running.load() < 8) gort::yield();
    std::exit(3);
  });
  gort::select();  // main blocks forever
}
