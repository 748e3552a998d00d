// The standard-library TU of corpus-std-headers.test: includes many headers
// and instantiates their templates, so that [[go]] statements inserted in
// the (copied) headers are lowered in many instantiations.
#include <algorithm>
#include <any>
#include <array>
#include <atomic>
#include <bitset>
#include <chrono>
#include <deque>
#include <filesystem>
#include <forward_list>
#include <functional>
#include <iomanip>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <queue>
#include <random>
#include <regex>
#include <set>
#include <shared_mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

struct Point {
  int x, y;
  bool operator<(const Point &o) const { return x < o.x; }
};

int use_everything() {
  std::vector<std::string> v{"b", "a"};
  std::sort(v.begin(), v.end());
  v.push_back("c");
  v.emplace_back(3, 'x');
  std::map<std::string, int> m;
  m["a"] = 1;
  m.emplace("b", 2);
  std::unordered_map<int, std::vector<Point>> um;
  um[1].push_back({1, 2});
  std::set<Point> s{{1, 2}};
  std::deque<int> d{1, 2, 3};
  d.push_front(0);
  std::list<int> l{3, 1};
  l.sort();
  std::forward_list<int> fl{1};
  std::function<int(int)> f = [](int x) { return x + 1; };
  auto sp = std::make_shared<Point>(Point{1, 2});
  auto up = std::make_unique<std::vector<int>>(3, 4);
  std::optional<std::string> o = "x";
  std::variant<int, std::string> var = std::string("v");
  std::visit([](auto &&) {}, var);
  std::any a = 1;
  std::ostringstream os;
  os << std::setw(3) << 1 << "x" << 2.5;
  std::regex re("a+b");
  bool matched = std::regex_match("aab", re);
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> dist(1, 6);
  std::priority_queue<int> pq;
  pq.push(dist(rng));
  std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  std::atomic<int> at{0};
  at.fetch_add(1);
  std::tuple<int, std::string> t{1, "t"};
  std::bitset<8> bits(5);
  auto total = std::accumulate(d.begin(), d.end(), 0);
  std::filesystem::path p = "/tmp/x";
  std::thread th([] {});
  th.join();
  return int(v.size() + m.size() + um.size() + s.size() + l.size()) + f(1) +
         sp->x + int(up->size()) + int(o->size()) + total + matched +
         int(bits.count()) + std::get<0>(t) + int(p.string().size()) +
         std::any_cast<int>(a) + at.load();
}
