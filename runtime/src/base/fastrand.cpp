#include "base/fastrand.hpp"

__thread std::uint64_t gort_fastrand_state __attribute__((tls_model("initial-exec"))) = 0;
