// guide_pack_bench: reading the same guides (docs/examples/guides and
// samples/guides) from JSON text with parse_guide and from their packed form
// with unpack_guides, per full list, in one run. `bytes_per_second` is the
// input size; the counters give the two input sizes.
//
//   build/release/bench/guide/guide_pack_bench
#include "guide/guide_codec.h"
#include "guide/guide_pack.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace cg = cairn::guide;

namespace {

struct Corpus {
  std::vector<std::string> json;  // one document per guide
  std::string packed;             // all of them
  std::size_t json_bytes = 0;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    std::vector<cg::Guide> guides;
    for (const char* folder : {"docs/examples/guides", "samples/guides"}) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(CAIRN_SOURCE_DIR) / folder)) {
        if (e.path().extension() == ".json") files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        cg::GuideParseResult parsed = cg::parse_guide(text.str());
        if (!parsed.ok()) {
          std::cerr << file << ": " << parsed.problems.summary() << "\n";
          std::exit(1);
        }
        out.json_bytes += text.str().size();
        out.json.push_back(text.str());
        guides.push_back(std::move(*parsed.guide));
      }
    }
    out.packed = cg::pack_guides(guides);
    return out;
  }();
  return c;
}

void BM_parse_guide_json(benchmark::State& state) {
  const Corpus& c = corpus();
  for (auto _ : state) {
    for (const std::string& text : c.json) {
      cg::GuideParseResult parsed = cg::parse_guide(text);
      benchmark::DoNotOptimize(parsed);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.json_bytes));
  state.counters["guides"] = static_cast<double>(c.json.size());
  state.counters["input_bytes"] = static_cast<double>(c.json_bytes);
}
BENCHMARK(BM_parse_guide_json);

void BM_unpack_guides(benchmark::State& state) {
  const Corpus& c = corpus();
  std::string error;
  for (auto _ : state) {
    auto guides = cg::unpack_guides(c.packed, error);
    benchmark::DoNotOptimize(guides);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.packed.size()));
  state.counters["guides"] = static_cast<double>(c.json.size());
  state.counters["input_bytes"] = static_cast<double>(c.packed.size());
}
BENCHMARK(BM_unpack_guides);

}  // namespace

BENCHMARK_MAIN();
