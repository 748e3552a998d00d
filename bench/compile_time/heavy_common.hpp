// The shared part of the compile-time benchmark: heavy standard headers and
// the functions the two forms spawn. Only the spawn statements differ
// between heavy_go.cpp ([[go]], lowered by the plugin) and heavy_lib.cpp
// (the same calls written as gort::go by hand).
#pragma once
#include <gort/gort.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace heavy {
inline void work(int id, std::string name) { std::cout << id << name << '\n'; }
inline void sum(const std::vector<int> &v, long *out) { *out = std::accumulate(v.begin(), v.end(), 0L); }
template <class T> void show(T v) { std::ostringstream os; os << v; }

struct Server {
  std::map<std::string, int> routes;
  void handle(int conn, std::string path) { routes[path] += conn; }
  virtual void close(int conn) { routes.erase(std::to_string(conn)); }
  virtual ~Server() = default;
};

inline std::vector<int> numbers(int n) {
  std::vector<int> v(n);
  std::iota(v.begin(), v.end(), 0);
  std::shuffle(v.begin(), v.end(), std::mt19937(1));
  return v;
}
inline bool matches(const std::string &s) { return std::regex_match(s, std::regex("[a-z]+")); }
} // namespace heavy
