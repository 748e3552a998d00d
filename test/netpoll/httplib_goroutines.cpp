// An unmodified library: cpp-httplib (Debian's libcpp-httplib, a shared
// library built without gort) serves each connection in a goroutine via its
// task-queue interface, and 200 concurrent client goroutines use its
// client. All its socket calls (accept, poll/select, recv, send, connect
// with its own non-blocking connect and timeouts) are the interposed ones:
// every response is right and the server's thread count stays at most
// GORT_MAXPROCS + 4 (docs/design/netpoll.md, "Threads").
// The clients run in a child process (this program, spawned with
// "clients"): httplib's Client holds a std::recursive_mutex across its
// socket I/O, so each client goroutine is pinned to its thread while its
// request is in flight (docs/design/foreign.md) and the clients' process
// has about one thread per client; the bound is the server's, as the
// contract states it.
// REQUIRES: httplib
// RUN: %gortxx %s -o %t -lcpp-httplib
// RUN: env GORT_MAXPROCS=2 %t 200 5 | FileCheck %s
// RUN: env GORT_MAXPROCS=1 %t 50 5 | FileCheck %s
// CHECK: responses ok={{[0-9]+}} bad=0
// CHECK-NEXT: clients exited: 0
// CHECK-NEXT: server threads within MAXPROCS+4: yes
// CHECK-NEXT: server stopped
#include <gort/gort.hpp>
#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

#include "../Inputs/os_threads.hpp"

// cpp-httplib 0.11 listens with a backlog of 5: 200 clients connecting at
// once would overflow it (the kernel drops handshakes and clients time out
// after 5 s). The runtime's listen() asks for at least somaxconn on a
// socket the poller manages (docs/design/netpoll.md, "The listen
// backlog"), so the library as shipped serves them all.

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

// The child: `clients` goroutines x `requests` requests, one Client per
// request (each request is a fresh connection to the server).
int run_clients(int port, int clients, int requests) {
  std::atomic<int> ok{0}, bad{0};
  gort::wait_group wg;
  wg.add(clients);
  for (int i = 0; i < clients; ++i)
    gort::go([&, i] {
      for (int k = 0; k < requests; ++k) {
        httplib::Client cli("127.0.0.1", port);
        std::string id = std::to_string(i * 1000 + k);
        auto res = cli.Get(("/hello/" + id).c_str());
        if (res && res->status == 200 && res->body == "hello " + id) {
          ++ok;
        } else {
          ++bad;
          if (std::getenv("HL_DEBUG"))
            std::fprintf(stderr, "bad: %s\n",
                         res ? res->body.c_str() : httplib::to_string(res.error()).c_str());
        }
      }
      wg.done();
    });
  wg.wait();
  std::printf("responses ok=%d bad=%d\n", ok.load(), bad.load());
  return bad.load() == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
  if (argc > 4 && std::strcmp(argv[1], "clients") == 0)
    return run_clients(std::atoi(argv[2]), std::atoi(argv[3]), std::atoi(argv[4]));
  const char* clients = argc > 1 ? argv[1] : "200";
  const char* requests = argc > 2 ? argv[2] : "5";
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
  peak_threads threads;
  threads.start();
  // The clients' output comes back through a pipe that a goroutine reads
  // to EOF (parked on the poller, not holding a thread as waitpid would).
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return 3;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  std::string port_s = std::to_string(port);
  char* args[] = {const_cast<char*>("/proc/self/exe"), const_cast<char*>("clients"),
                  port_s.data(), const_cast<char*>(clients),
                  const_cast<char*>(requests), nullptr};
  pid_t pid = -1;
  if (posix_spawn(&pid, "/proc/self/exe", &fa, nullptr, args, environ) != 0) return 3;
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  std::string output;
  char buf[256];
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;) output.append(buf, size_t(n));
  close(out[0]);
  int max_threads = threads.stop();
  int status = -1;
  waitpid(pid, &status, 0);
  std::fputs(output.c_str(), stdout);
  std::printf("clients exited: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  std::printf("server threads within MAXPROCS+4: %s\n",
              max_threads <= gort::max_procs() + 4 ? "yes" : "no");
  std::fprintf(stderr, "max server threads %d\n", max_threads);
  svr.stop();
  server_done.wait();
  std::printf("server stopped\n");
}
