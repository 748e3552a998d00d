#include "shared_spawner.hpp"

int main() {
  check::start(4);
  spawn_inline(0, "a inline");
  spawn_template(1, std::string("a template"));
  from_tu_b();
  check::finish(4);
}
