// The program using the library of shared_lib_spawn.cpp.
#include <gort/gort.hpp>
void lib_spawn(gort::wait_group* wg);
int main() { gort::wait_group wg; wg.add(1); lib_spawn(&wg); wg.wait(); }
