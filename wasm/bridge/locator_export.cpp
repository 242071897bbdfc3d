// The locator's lookup and capture over a page loaded once, in the packed form
// (locator/packed_candidates.h), instead of a JSON candidate array per call:
//   cairn_page_load(packed, header unused)     → {"rows": n}; the page is then
//   cairn_page_load_step({"max_rows": k})      → {"done": false} … {"done": true,
//                                                 "candidates": n}, decoded k rows a call
//   cairn_page_locate({"target", "locale"})    → {"match", "confidence", "runner_up", "reason"}
//   cairn_page_locate({"target", "locale", "max_rows": k}) → {"done": false}, then
//   cairn_page_locate_step({"max_rows": k})    → {"done": false} … the same answer as
//                                                 above, scored about k rows a call
//   cairn_page_fingerprint({"self_index", "locale"}) → the fingerprint of that candidate
//                                                 (selectors made unique among the page)
// A malformed input answers reason "bad_request" with every problem; a lookup
// before any load sees an empty page ("no_candidates"). A load or another
// lookup started between the steps of a sliced lookup ends it: its next step is
// refused (bad_request), so an answer never mixes two pages.
//
// Why: a 9,000-element page is ~4 MB of descriptor JSON; writing it in JS and
// parsing it here took longer than measuring the page. Loading and matching are
// separate calls so each stays a short task, and the targets of one scan share
// one load (bench/sdk/RESULTS.md). This is the one way the SDK locates and
// fingerprints; the editor's picker and check (editor_export.cpp) use it too.
//
// Threading: one loaded page (and one load in progress) per module instance,
// the browser's one thread.
#include "bridge/bridge_buffer.h"
#include "bridge/loaded_page.h"
#include "json/compact_writer.h"
#include "locator/packed_candidates.h"
#include "json/reader.h"
#include "json/writer.h"
#include "locator/fingerprint_builder.h"
#include "locator/fingerprint_codec.h"
#include "locator/locate_request.h"
#include "locator/matcher.h"
#include "locator/text_clip.h"

#include <emscripten/emscripten.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cairn::wasm {

std::vector<cairn::locator::ElementDescriptor>& loaded_page() {
  static std::vector<cairn::locator::ElementDescriptor> page;
  return page;
}

}  // namespace cairn::wasm

namespace {

using cairn::json::Need;
using cairn::locator::ElementDescriptor;
using cairn::wasm::loaded_page;

// A fingerprint and a locale.
constexpr cairn::json::ParseLimits kRequestLimits{1u << 20, 64};

// The load in progress: the packed bytes (the caller's buffer is freed after
// each call) and the decoder reading them.
struct PageLoad {
  std::string bytes;
  std::unique_ptr<cairn::locator::PackedPageDecoder> decoder;
};

PageLoad& page_load() {
  static PageLoad load;
  return load;
}

// The sliced lookup in progress over the loaded page, if any.
std::optional<cairn::locator::Matcher>& sliced_locate() {
  static std::optional<cairn::locator::Matcher> matcher;
  return matcher;
}

std::optional<std::size_t> max_rows_of(cairn::json::ObjectReader& reader, Need need) {
  std::optional<std::int64_t> rows =
      reader.integer("max_rows", need, 1, static_cast<std::int64_t>(1) << 30);
  if (!rows) return std::nullopt;
  return static_cast<std::size_t>(*rows);
}

// A step's request: {"max_rows": k}.
std::optional<std::size_t> step_request(const char* data, int length, cairn::json::Problems& problems) {
  std::optional<boost::json::value> doc =
      cairn::json::parse_document(cairn::wasm::input(data, length), problems, kRequestLimits);
  if (!doc) return std::nullopt;
  cairn::json::ObjectReader reader(*doc, "", problems);
  return max_rows_of(reader, Need::required);
}

// One step of the sliced lookup: {"done": false}, or its answer (and it ends).
int answer_locate_step(std::size_t max_rows) {
  std::optional<cairn::locator::Matcher>& matcher = sliced_locate();
  std::optional<cairn::locator::MatchResult> result = matcher->step(loaded_page(), max_rows);
  if (!result) {
    cairn::wasm::set_result(R"({"done":false})");
    return 0;
  }
  matcher.reset();
  cairn::wasm::set_result(cairn::json::to_text(cairn::locator::write_match_result(*result)));
  return 0;
}

int answer_problems(const cairn::json::Problems& problems) {
  boost::json::object out;
  out["match"] = nullptr;
  cairn::json::put_name(out, "reason", "bad_request");
  out["problems"] = problems.to_json();
  cairn::wasm::set_result(cairn::json::to_text(out));
  return 1;
}

std::string locale_of(cairn::json::ObjectReader& reader) {
  std::optional<std::string> locale = reader.string("locale", Need::optional, 1024);
  return locale ? std::string(cairn::locator::clip_utf8(*locale, cairn::locator::FingerprintLimits::kMaxLocaleBytes))
                : std::string();
}

}  // namespace

extern "C" {

// Starts replacing the loaded page (empty until the load is done).
EMSCRIPTEN_KEEPALIVE int cairn_page_load(const char* data, int length) {
  PageLoad& load = page_load();
  loaded_page().clear();
  sliced_locate().reset();
  load.bytes.assign(cairn::wasm::input(data, length));
  load.decoder = std::make_unique<cairn::locator::PackedPageDecoder>(load.bytes);
  boost::json::object out;
  cairn::json::put_value(out, "rows", load.bytes.size());
  cairn::wasm::set_result(cairn::json::to_text(out));
  return 0;
}

// Decodes up to max_rows more rows of the load in progress; when done the page
// is loaded, or (malformed) left empty with every problem in the answer.
EMSCRIPTEN_KEEPALIVE int cairn_page_load_step(const char* data, int length) {
  cairn::json::Problems problems;
  const std::optional<std::size_t> max_rows = step_request(data, length, problems);
  PageLoad& load = page_load();
  if (!load.decoder) problems.add("", "no page load in progress (call cairn_page_load first)");
  if (!max_rows || !problems.empty()) return answer_problems(problems);
  boost::json::object out;
  const bool done = load.decoder->step(*max_rows);
  cairn::json::put_value(out, "done", done);
  if (done) {
    const bool failed = load.decoder->failed();
    if (failed) problems = load.decoder->problems();
    else loaded_page() = std::move(load.decoder->candidates());
    load.decoder.reset();
    load.bytes = std::string();
    if (failed) return answer_problems(problems);
    cairn::json::put_value(out, "candidates", loaded_page().size());
  }
  cairn::wasm::set_result(cairn::json::to_text(out));
  return 0;
}

EMSCRIPTEN_KEEPALIVE int cairn_page_locate(const char* data, int length) {
  cairn::json::Problems problems;
  std::optional<boost::json::value> doc =
      cairn::json::parse_document(cairn::wasm::input(data, length), problems, kRequestLimits);
  std::optional<cairn::locator::Fingerprint> target;
  std::string locale;
  std::optional<std::size_t> max_rows;
  if (doc) {
    cairn::json::ObjectReader reader(*doc, "", problems);
    if (const boost::json::value* t = reader.field("target", Need::required)) {
      target = cairn::locator::read_fingerprint(*t, "/target", problems);
    }
    locale = locale_of(reader);
    max_rows = max_rows_of(reader, Need::optional);
  }
  if (!target || !problems.empty()) return answer_problems(problems);
  // Without max_rows, at once (one step of every row). Either way it replaces a
  // sliced lookup in progress: the adapter starts that one over.
  sliced_locate().emplace(*target).begin(loaded_page(), locale);
  return answer_locate_step(max_rows.value_or(SIZE_MAX));
}

// Scores about max_rows more rows of the sliced lookup in progress.
EMSCRIPTEN_KEEPALIVE int cairn_page_locate_step(const char* data, int length) {
  cairn::json::Problems problems;
  const std::optional<std::size_t> max_rows = step_request(data, length, problems);
  if (!sliced_locate()) {
    problems.add("", "no lookup in progress (a page load or another lookup ends one)");
  }
  if (!max_rows || !problems.empty()) return answer_problems(problems);
  return answer_locate_step(*max_rows);
}

EMSCRIPTEN_KEEPALIVE int cairn_page_fingerprint(const char* data, int length) {
  cairn::json::Problems problems;
  std::optional<boost::json::value> doc =
      cairn::json::parse_document(cairn::wasm::input(data, length), problems, kRequestLimits);
  std::optional<std::int64_t> self;
  std::string locale;
  const std::vector<ElementDescriptor>& page = loaded_page();
  if (doc) {
    cairn::json::ObjectReader reader(*doc, "", problems);
    self = reader.integer("self_index", Need::required, 0, static_cast<std::int64_t>(cairn::locator::kMaxCandidates));
    locale = locale_of(reader);
    if (self && static_cast<std::size_t>(*self) >= page.size()) {
      reader.error("self_index", "must be the index of one of the " + cairn::json::integer_text(page.size()) +
                                     " loaded candidates");
    }
  }
  if (!self || !problems.empty()) return answer_problems(problems);
  const std::size_t index = static_cast<std::size_t>(*self);
  const cairn::locator::PageContext context{page, index, locale};
  cairn::wasm::set_result(cairn::json::to_text(
      cairn::locator::write_fingerprint(cairn::locator::fingerprint_from_descriptor(page[index], context))));
  return 0;
}

}  // extern "C"
