#include "shared_spawner.hpp"

void from_tu_b() {
  spawn_inline(2, "b inline");
  spawn_template(3, std::string("b template"));
}
