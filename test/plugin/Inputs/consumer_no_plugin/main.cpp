// The library-form consumer: gort::go, no plugin; any C++20 compiler.
#include <gort/gort.hpp>

#include <cstdio>
#include <string>

std::uint64_t ran_on = 0;
std::string got;

void work(std::string s, gort::wait_group* wg) {
  ran_on = gort::goroutine_id();
  got = s;
  wg->done();
}

int main() {
  gort::wait_group wg;
  wg.add(1);
  std::string s = "captured";
  gort::go(work, s, &wg);
  s = "changed";
  wg.wait();
  std::printf("%s on %s goroutine\n", got.c_str(),
              ran_on != gort::goroutine_id() ? "another" : "the SAME");
}
