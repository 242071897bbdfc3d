// locator_bench: relocation accuracy per redesign kind against two baselines,
// and lookup latency against page size. Deterministic (fixed seeds).
//   locator_bench [--targets N] [--rows N] [--seed N] [--lookups N] [--write FILE]
#include "relocation_benchmark.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  cairn::bench::RelocationConfig config;
  int lookups = 300;
  std::string write_to;
  std::string command = "locator_bench";
  for (int i = 1; i < argc; ++i) {
    command += ' ';
    command += argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::cerr << "missing value after " << argv[i] << "\n";
        std::exit(64);
      }
      command += ' ';
      command += argv[i + 1];
      return argv[++i];
    };
    if (!std::strcmp(argv[i], "--targets")) config.targets_per_case = std::atoi(next());
    else if (!std::strcmp(argv[i], "--rows")) config.rows = std::atoi(next());
    else if (!std::strcmp(argv[i], "--seed")) config.seed = std::strtoull(next(), nullptr, 10);
    else if (!std::strcmp(argv[i], "--lookups")) lookups = std::atoi(next());
    else if (!std::strcmp(argv[i], "--write")) write_to = next();
    else if (!std::strcmp(argv[i], "--explain")) config.explain = true;
    else {
      std::cerr << "usage: locator_bench [--targets N] [--rows N] [--seed N] [--lookups N] [--write FILE]\n";
      return 64;
    }
  }
  const std::string relocation = cairn::bench::format_relocation(cairn::bench::run_relocation(config));
  const std::string latency =
      cairn::bench::format_latency(cairn::bench::run_latency({100, 500, 2000, 5000}, lookups, config.seed));
  std::string report = "# Locator benchmark results\n\nCommand: `" + command +
                       "` (Release build, one core of the shared 2-core machine)\n\n"
                       "## Relocation after redesigns\n\n" + relocation +
                       "\n## Lookup latency (Matcher construction + match, combined redesign)\n\n" + latency;
  std::cout << report;
  if (!write_to.empty()) {
    std::ofstream out(write_to);
    out << report;
  }
  return 0;
}
