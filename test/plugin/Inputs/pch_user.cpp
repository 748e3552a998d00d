int main() {
  check::start(2);
  pch_spawn_inline(0);
  pch_spawn_template(1, 7);
  check::finish(2);
}
