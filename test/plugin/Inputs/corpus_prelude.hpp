// Forced first into every corpus TU (-include): declares ::gort::go before
// any mutated header is parsed, so that every inserted [[go]] is lowered
// (a real program includes <gort/gort.hpp>, whose own standard headers would
// otherwise be parsed before gort::go exists).
#pragma once
namespace gort {
template <class F, class... Args> void go(F &&f, Args &&...args);
}
