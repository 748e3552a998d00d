// A header with [[go]] in an inline function and in a template, included by
// two translation units (two-tus-shared-header.test).
#pragma once
#include "go_check.hpp"

inline void report(int slot, std::string who) { check::record(slot, who); }

inline void spawn_inline(int slot, const char *who) { [[go]] report(slot, who); }

template <class T> void spawn_template(int slot, T who) { [[go]] report(slot, who); }

void from_tu_b();
