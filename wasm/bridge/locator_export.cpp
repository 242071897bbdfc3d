// cairn_locate() and cairn_fingerprint(): the core's locator for the adapter.
// The adapter measures the page into descriptors (docs/fingerprint.md); the
// matching and the fingerprint building happen here, in the same code the
// native tools and tests use.
#include "bridge/bridge_buffer.h"
#include "json/reader.h"
#include "locator/descriptor_codec.h"
#include "locator/fingerprint_builder.h"
#include "locator/fingerprint_codec.h"
#include "locator/locate_request.h"
#include "locator/matcher.h"

#include <boost/json/serialize.hpp>
#include <emscripten/emscripten.h>

#include <optional>
#include <string>
#include <vector>

namespace {

// A 20,000-element page measures to several megabytes of descriptors.
constexpr cairn::json::ParseLimits kPageLimits{64u << 20, 64};

void answer_problems(const cairn::json::Problems& problems) {
  boost::json::object out;
  out["match"] = nullptr;
  out["reason"] = "bad_request";
  out["problems"] = problems.to_json();
  cairn::wasm::set_result(boost::json::serialize(out));
}

}  // namespace

extern "C" {

// {"target", "candidates", "locale"} → {"match", "confidence", "runner_up", "reason"};
// a malformed request answers reason "bad_request" with every problem.
EMSCRIPTEN_KEEPALIVE int cairn_locate(const char* data, int length) {
  cairn::json::Problems problems;
  std::optional<boost::json::value> doc =
      cairn::json::parse_document(cairn::wasm::input(data, length), problems, kPageLimits);
  std::optional<cairn::locator::LocateRequest> request;
  if (doc) request = cairn::locator::read_locate_request(*doc, problems);
  if (!request) {
    answer_problems(problems);
    return 1;
  }
  const cairn::locator::Matcher matcher(request->target);
  const cairn::locator::MatchResult result = matcher.match(request->candidates, request->locale);
  cairn::wasm::set_result(boost::json::serialize(cairn::locator::write_match_result(result)));
  return 0;
}

// {"candidates": [...], "self_index": n, "locale": "en"} → the fingerprint of
// candidate n (selectors made unique among the candidates).
EMSCRIPTEN_KEEPALIVE int cairn_fingerprint(const char* data, int length) {
  cairn::json::Problems problems;
  std::optional<boost::json::value> doc =
      cairn::json::parse_document(cairn::wasm::input(data, length), problems, kPageLimits);
  std::vector<cairn::locator::ElementDescriptor> candidates;
  std::optional<std::int64_t> self;
  std::string locale;
  if (doc) {
    cairn::json::ObjectReader reader(*doc, "", problems);
    if (const boost::json::array* list = reader.array("candidates", cairn::json::Need::required, 20000)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        std::optional<cairn::locator::ElementDescriptor> d = cairn::locator::read_descriptor(
            (*list)[i], cairn::json::pointer_append("/candidates", i), problems);
        if (d) candidates.push_back(std::move(*d));
      }
    }
    self = reader.integer("self_index", cairn::json::Need::required, 0, 19999);
    locale = reader.string("locale", cairn::json::Need::optional, 64).value_or("");
    if (self && static_cast<std::size_t>(*self) >= candidates.size() && problems.empty()) {
      reader.error("self_index", "must be an index into candidates");
    }
  }
  if (!problems.empty()) {
    answer_problems(problems);
    return 1;
  }
  const std::size_t index = static_cast<std::size_t>(*self);
  cairn::locator::PageContext page{candidates, index, locale};
  cairn::wasm::set_result(boost::json::serialize(
      cairn::locator::write_fingerprint(cairn::locator::fingerprint_from_descriptor(candidates[index], page))));
  return 0;
}

}  // extern "C"
