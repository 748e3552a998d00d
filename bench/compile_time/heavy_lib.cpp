// Compile-time benchmark, library form: heavy_go.cpp with every [[go]]
// statement written as the gort::go call the plugin lowers it to.
#include "heavy_common.hpp"

using namespace heavy;

template <class T> void spawn_template(T v, Server &s) {
  gort::go(show<T>, v);
  gort::go(&Server::handle, &s, 1, std::to_string(v));
  gort::go([v] { show(v); });
}

void spawn_all(Server &s, std::function<void(int)> fn, long *out) {
  std::vector<int> v = numbers(100);
  for (int i = 0; i < 10; ++i) {
    gort::go(work, i, "worker");
    gort::go(sum, v, out);
    gort::go(&Server::handle, &s, i, "/index");
    gort::go(&Server::close, &s, i);
    gort::go(&std::function<void(int)>::operator(), fn, i);
    gort::go([i, &s] { s.handle(i, "/lambda"); });
    gort::go(show<int>, i);
    gort::go(show<std::string>, std::string("text"));
    gort::go(matches, "abc");
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
