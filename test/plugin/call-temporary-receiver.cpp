// A temporary receiver (make().m()) is moved into the goroutine, never copied
// and never referenced after the statement ends.
// RUN: %gortpp -fsyntax-only -Xclang -ast-print -Xclang -ast-dump-filter=spawn_on_temporary %s | FileCheck %s --check-prefix=AST
// RUN: %gortpp %s -o %t && %t | FileCheck %s --check-prefix=OUT
#include "Inputs/go_check.hpp"

int copies = 0, moves = 0;
struct Job {
  std::string payload;
  explicit Job(std::string p) : payload(std::move(p)) {}
  Job(const Job &o) : payload(o.payload) { ++copies; }
  Job(Job &&o) noexcept : payload(std::move(o.payload)) { ++moves; }
  void run(int slot) { check::record(slot, payload); }
};
Job make(std::string p) { return Job(std::move(p)); }

void spawn_on_temporary(std::string p) { [[go]] make(p).run(0); }
// AST-LABEL: void spawn_on_temporary(std::string p) {
// AST-NEXT: ::gort::go(&Job::run, make(p), 0);

int main() {
  check::start(1);
  spawn_on_temporary("from a temporary");
  check::finish(1);
  std::printf("copies=%d moved=%s\n", copies, moves > 0 ? "yes" : "no");
}
// OUT: 0: from a temporary [other goroutine]
// OUT: copies=0 moved=yes
