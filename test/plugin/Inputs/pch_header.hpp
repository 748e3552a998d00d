// Precompiled by pch.test: [[go]] in an inline function (lowered when the
// PCH is built) and in a template (lowered when the user instantiates it).
#pragma once
#include "go_check.hpp"

inline void pch_report(int slot, std::string who) { check::record(slot, who); }
inline void pch_spawn_inline(int slot) { [[go]] pch_report(slot, "pch inline"); }
template <class T> void pch_spawn_template(int slot, T v) {
  [[go]] pch_report(slot, "pch template " + std::to_string(v));
}
