// Precompiled once by corpus-test-sources.test and included in every TU of
// that corpus, to keep the run short.
#include <gort/gort.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>
