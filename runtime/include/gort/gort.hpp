// gort: Go's go statement, channels and sync for C++20.
// Include this one header; see docs/guide.md.
#pragma once

#include <gort/blocking.hpp>
#include <gort/chan.hpp>
#include <gort/go.hpp>
#include <gort/goroutine_local.hpp>
#include <gort/panic.hpp>
#include <gort/runtime.hpp>
#include <gort/select.hpp>
#include <gort/sync.hpp>
#include <gort/time.hpp>
