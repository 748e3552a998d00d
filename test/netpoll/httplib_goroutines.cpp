// An unmodified library: cpp-httplib (Debian's libcpp-httplib, a shared
// library built without gort) serves each connection in a goroutine via its
// task-queue interface, and 200 concurrent client goroutines use its
// client. All its socket calls (accept, poll/select, recv, send, connect
// with its own non-blocking connect and timeouts) are the interposed ones:
// every response is right and the thread count stays at most
// GORT_MAXPROCS + 4 (docs/design/netpoll.md, "Threads").
// REQUIRES: httplib
// RUN: %gortxx %s -o %t -lcpp-httplib
// RUN: env GORT_MAXPROCS=2 %t 200 5 | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t 50 5 | FileCheck %s
// CHECK: responses ok={{[0-9]+}} bad=0
// CHECK-NEXT: threads within MAXPROCS+4: yes
// CHECK-NEXT: server stopped
#include <gort/gort.hpp>
#include <dlfcn.h>
#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <chrono>

int os_threads() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  return -1;
}

// cpp-httplib 0.11 listens with a backlog of 5: 200 clients connecting at
// once overflow it, the kernel drops handshakes and clients time out after
// 5 s, with or without the poller (measured: ListenOverflows). The test
// raises the backlog (the executable's listen wins over libc's for the
// library too).
extern "C" int listen(int fd, int backlog) {
  static auto* real = reinterpret_cast<int (*)(int, int)>(dlsym(RTLD_NEXT, "listen"));
  return real(fd, backlog < 1024 ? 1024 : backlog);
}

// cpp-httplib's TaskQueue: each accepted connection becomes a goroutine.
struct goroutine_queue : httplib::TaskQueue {
  gort::wait_group running;
  void enqueue(std::function<void()> fn) override {
    running.add(1);
    gort::go([this, fn = std::move(fn)] {
      fn();
      running.done();
    });
  }
  void shutdown() override { running.wait(); }
};

int main(int argc, char** argv) {
  int clients = argc > 1 ? std::atoi(argv[1]) : 200;
  int requests = argc > 2 ? std::atoi(argv[2]) : 5;
  httplib::Server svr;
  svr.new_task_queue = [] { return new goroutine_queue; };
  svr.Get(R"(/hello/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("hello " + req.matches[1].str(), "text/plain");
  });
  int port = svr.bind_to_any_port("127.0.0.1");
  gort::wait_group server_done;
  server_done.add(1);
  gort::go([&] {
    svr.listen_after_bind();
    server_done.done();
  });
  std::atomic<int> ok{0}, bad{0}, max_threads{0};
  // The sampler is a plain thread (not counted): reading /proc from the
  // goroutines would itself be a system call that can cost a handoff.
  std::atomic<bool> stop{false};
  std::thread sampler([&] {
    while (!stop) {
      int t = os_threads() - 1;
      if (t > max_threads) max_threads = t;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  gort::wait_group wg;
  wg.add(clients);
  for (int i = 0; i < clients; ++i)
    gort::go([&, i] {
      for (int k = 0; k < requests; ++k) {
        // One Client per request: httplib's Client holds a
        // std::recursive_mutex across its socket I/O, and a goroutine that
        // resumed on another thread cannot unlock it (EPERM), so reusing a
        // Client from a goroutine would deadlock (docs/guide.md, "Servers").
        httplib::Client cli("127.0.0.1", port);
        std::string id = std::to_string(i * 1000 + k);
        auto res = cli.Get(("/hello/" + id).c_str());
        if (res && res->status == 200 && res->body == "hello " + id) ++ok; else { ++bad; if (std::getenv("HL_DEBUG")) std::fprintf(stderr, "bad: %s\n", res ? res->body.c_str() : httplib::to_string(res.error()).c_str()); }
      }
      wg.done();
    });
  wg.wait();
  stop = true;
  sampler.join();
  std::printf("responses ok=%d bad=%d\n", ok.load(), bad.load());
  std::printf("threads within MAXPROCS+4: %s\n",
              max_threads.load() <= gort::max_procs() + 4 ? "yes" : "no");
  std::fprintf(stderr, "max threads %d\n", max_threads.load());
  svr.stop();
  server_done.wait();
  std::printf("server stopped\n");
}
