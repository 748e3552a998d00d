// hello: ten goroutines started with the go statement, joined with a
// wait_group. Build: gort++ -O2 examples/hello.cpp -o hello
#include <gort/gort.hpp>

#include <cstdio>
#include <mutex>

void worker(int id, gort::wait_group* wg, gort::mutex* mu, long* total) {
  {
    std::lock_guard lock(*mu);
    *total += id;
  }
  wg->done();
}

int main() {
  gort::wait_group wg;
  gort::mutex mu;
  long total = 0;
  for (int id = 1; id <= 10; ++id) {
    wg.add(1);
    [[go]] worker(id, &wg, &mu, &total);
  }
  wg.wait();
  std::printf("hello from %d goroutines: total=%ld (main is goroutine %llu)\n",
              10, total, (unsigned long long)gort::goroutine_id());
}
