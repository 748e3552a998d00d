// Deterministic without the plugin: each [[go]] call runs synchronously.
#include <cstdio>
#include <string>

static int total = 0;
void add(int x, std::string label) {
  total += x;
  std::printf("%s %d -> %d\n", label.c_str(), x, total);
}
struct Counter {
  int n = 0;
  void inc(int by) { n += by; std::printf("counter %d\n", n); }
};

int main() {
  Counter c;
  for (int i = 1; i <= 3; ++i) {
    [[go]] add(i, "add");
    [[go]] c.inc(i);
    [[go]] [i] { std::printf("lambda %d\n", i * 10); }();
  }
  std::printf("total %d counter %d\n", total, c.n);
}
