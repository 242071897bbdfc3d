// locator_bench: relocation accuracy per redesign kind against two baselines,
// and lookup latency against page size. Deterministic (fixed seeds).
//   locator_bench [--targets N] [--rows N] [--seed N] [--lookups N] [--write FILE]
//                 [--explain] [--dump-wrong FILE]
// --explain prints every Cairn miss to stderr; --dump-wrong writes every wrong
// element Cairn returned as a cairn-locate request plus where the target really
// is, to replay natively: jq '.[0]' FILE | build/release/tools/locate/cairn-locate
#include "relocation_benchmark.h"

#include "locator/descriptor_codec.h"
#include "locator/fingerprint_codec.h"

#include <boost/json/serialize.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

namespace {

// The wrong answers as a JSON array of cairn-locate requests with context.
std::string wrong_answers_json(const std::vector<cairn::bench::WrongAnswer>& wrong) {
  boost::json::array out;
  for (const cairn::bench::WrongAnswer& w : wrong) {
    boost::json::array candidates;
    for (const auto& c : w.candidates) candidates.push_back(cairn::locator::write_descriptor(c));
    out.push_back(boost::json::object{{"layout", w.layout},
                                      {"redesign", std::string(cairn::bench::redesign_name(w.kind))},
                                      {"expected", w.expected},
                                      {"found", w.found},
                                      {"target", cairn::locator::write_fingerprint(w.target)},
                                      {"candidates", std::move(candidates)},
                                      {"locale", w.locale}});
  }
  return boost::json::serialize(out);
}

}  // namespace

int main(int argc, char** argv) {
  cairn::bench::RelocationConfig config;
  int lookups = 300;
  std::string write_to, dump_to;
  std::vector<cairn::bench::WrongAnswer> wrong;
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
    else if (!std::strcmp(argv[i], "--dump-wrong")) dump_to = next();
    else {
      std::cerr << "usage: locator_bench [--targets N] [--rows N] [--seed N] [--lookups N] [--write FILE]"
                   " [--explain] [--dump-wrong FILE]\n";
      return 64;
    }
  }
  if (!dump_to.empty()) config.wrong_answers = &wrong;
  const std::string relocation = cairn::bench::format_relocation(cairn::bench::run_relocation(config));
  if (!dump_to.empty()) {
    std::ofstream out(dump_to);
    out << wrong_answers_json(wrong);
    if (!out) {
      std::cerr << "locator_bench: cannot write " << dump_to << "\n";
      return 1;
    }
    std::cerr << wrong.size() << " wrong answers dumped to " << dump_to << "\n";
  }
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
