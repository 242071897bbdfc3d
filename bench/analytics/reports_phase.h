// Reports phase of cairn_analytics_bench (--phase reports): the guide, stuck
// and trend reports on one thread vs on several, same index, same run.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cairn::analytics::bench {

// Generates `events` events of `users` users with guide and frustration
// events (event_generator.h), builds the index in memory, then times each
// report `repeats` times on 1 thread and on `threads` (0 = all hardware
// threads), runs alternated; checks the answers are byte-identical JSON.
// Prints a Markdown table; returns 0, or 2 when answers differ.
int reports_phase(std::uint64_t events, std::uint64_t users, std::size_t threads, int repeats);

}  // namespace cairn::analytics::bench
