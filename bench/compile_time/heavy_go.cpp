// Compile-time benchmark, [[go]] form: see run.sh.
#include "heavy_common.hpp"

using namespace heavy;

template <class T> void spawn_template(T v, Server &s) {
  [[go]] show(v);
  [[go]] s.handle(1, std::to_string(v));
  [[go]] [v] { show(v); }();
}

void spawn_all(Server &s, std::function<void(int)> fn, long *out) {
  std::vector<int> v = numbers(100);
  for (int i = 0; i < 10; ++i) {
    [[go]] work(i, "worker");
    [[go]] sum(v, out);
    [[go]] s.handle(i, "/index");
    [[go]] s.close(i);
    [[go]] fn(i);
    [[go]] [i, &s] { s.handle(i, "/lambda"); }();
    [[go]] show(i);
    [[go]] show(std::string("text"));
    [[go]] matches("abc");
  }
  spawn_template(1, s);
  spawn_template(2u, s);
  spawn_template(3L, s);
}

int main() {
  Server s;
  long total = 0;
  spawn_all(s, [](int i) { show(i); }, &total);
}
