// The locator benchmark: for every layout, redesign kind and sampled target,
// capture a fingerprint on the original page, redesign the page, and ask the
// matcher and two baselines (finder-style CSS selector, absolute XPath) where
// the target went. Deterministic for a given config.
#pragma once

#include "redesign.h"
#include "locator/element_descriptor.h"
#include "locator/fingerprint.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cairn::bench {

struct Outcomes {
  int correct = 0;            // surviving target found
  int wrong = 0;              // another element returned
  int correct_not_found = 0;  // deleted target reported missing
  int wrong_not_found = 0;    // surviving target reported missing
  void add(int truth, int answer);
  int surviving() const { return correct + wrong_not_found + wrong_surviving; }
  int deleted() const { return correct_not_found + wrong_deleted; }
  int total() const { return correct + wrong + correct_not_found + wrong_not_found; }
  int wrong_surviving = 0;  // of `wrong`: the target existed
  int wrong_deleted = 0;    // of `wrong`: the target was deleted
  Outcomes& operator+=(const Outcomes& o);
};

struct KindResult {
  Redesign kind;
  Outcomes cairn, finder, xpath;
};

// A lookup Cairn answered with another element, kept whole so it can be replayed
// as a cairn-locate request (locator_bench --dump-wrong).
struct WrongAnswer {
  std::string layout;
  Redesign kind;
  locator::Fingerprint target;
  std::vector<locator::ElementDescriptor> candidates;  // the redesigned page
  std::string locale;
  int expected;  // the target's index on the redesigned page, -1 when deleted
  int found;     // the element Cairn returned
};

struct RelocationConfig {
  int rows = 12;              // repeated rows per layout (≈150-400 elements per page)
  int targets_per_case = 24;  // sampled targets per (layout, redesign kind)
  std::uint64_t seed = 20261123;
  bool explain = false;  // print every cairn miss to stderr
  std::vector<WrongAnswer>* wrong_answers = nullptr;  // when set, collects Cairn's wrong answers
};

std::vector<KindResult> run_relocation(const RelocationConfig& config);

struct LatencyResult {
  std::size_t candidates;  // elements on the page
  double p50_ms, p95_ms, max_ms;  // wall clock
  double cpu_p50_ms, cpu_p95_ms;    // this thread's CPU time
  int lookups;
};

// Times Matcher construction + match() on pages of about `sizes` elements.
std::vector<LatencyResult> run_latency(const std::vector<std::size_t>& sizes, int lookups,
                                       std::uint64_t seed);

// Markdown tables of both.
std::string format_relocation(const std::vector<KindResult>& results);
std::string format_latency(const std::vector<LatencyResult>& results);

}  // namespace cairn::bench
