// cairn_editor_check(): the editor's "check guide" and "highlight"
// (docs/editor-bridge.md) — for each step of a draft guide, or for one
// fingerprint, is the element on the current page and how sure is the
// locator? The page rule and the matcher are the same code that runs guides
// for users, so "found" here means found there.
//
// {"fingerprint"?, "url", "locale"} →
// {"steps": [{"step_id", "status", "confidence", "runner_up", "candidates"}]}
// for each step of the draft guide loaded just before by cairn_guides_load
// (loaded_guides.h), or with one entry with step_id "" for a fingerprint, over
// the page the adapter last loaded with cairn_page_load (loaded_page.h), the one
// encoding of a page the SDK has; candidate indexes are that page's. status:
// found | ambiguous | missing | no_target | other_page; "candidates" are the
// elements to outline ({"index", "score"}, best first: the match, or the
// best-scoring ones when there is none); "runner_up" is {"index", "confidence"}
// or null. Found and ambiguous steps also say how reliably the target will be
// found (the editor's verdict): "anchors", the values the matcher relies on
// ({"test_id": "save", ...}, Matcher::anchors), and "look_alikes", how many other
// elements only context tells from the best (Matcher::look_alikes).
// A malformed request answers {"steps": [], "problems": [...]}.
#include "bridge/bridge_buffer.h"
#include "bridge/loaded_guides.h"
#include "bridge/loaded_page.h"
#include "json/compact_writer.h"
#include "json/reader.h"
#include "json/writer.h"
#include "locator/fingerprint_codec.h"
#include "locator/matcher.h"
#include "rules/context.h"
#include "rules/url_match.h"

#include <emscripten/emscripten.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using cairn::json::Need;

// Enough to show the author what the locator hesitated between.
constexpr std::size_t kCandidatesShown = 3;
// Scores below this are unrelated elements, not candidates worth outlining.
constexpr double kMinCandidateScore = 0.3;
// One fingerprint at most; the page and the guide come packed, not here.
constexpr cairn::json::ParseLimits kRequestLimits{1u << 20, 64};

// A step's answer before (or without) locating: `status`, no match, no candidates.
boost::json::object unlocated(std::string_view status) {
  boost::json::object out;
  cairn::json::put_name(out, "status", status);
  cairn::json::put_value(out, "confidence", 0);
  out["runner_up"] = nullptr;
  out["candidates"] = boost::json::array();
  return out;
}

// One element the answer names: its candidate index and score.
boost::json::object scored(std::size_t index, const char* score_key, double score) {
  boost::json::object out;
  cairn::json::put_value(out, "index", index);
  cairn::json::put_value(out, score_key, score);
  return out;
}

// The locator's verdict on `fingerprint` among the page's candidates.
boost::json::object locate_status(const boost::json::value& fingerprint_json, const std::string& pointer,
                                  const std::vector<cairn::locator::ElementDescriptor>& candidates,
                                  const std::string& locale, cairn::json::Problems& problems) {
  boost::json::object out = unlocated("missing");
  std::optional<cairn::locator::Fingerprint> fingerprint =
      cairn::locator::read_fingerprint(fingerprint_json, pointer, problems);
  if (!fingerprint) return out;
  const cairn::locator::Matcher matcher(*fingerprint);
  const cairn::locator::MatchResult result = matcher.match(candidates, locale);
  const char* status = result.match ? "found"
                       : result.reason == cairn::locator::MatchReason::ambiguous ? "ambiguous"
                                                                                 : "missing";
  cairn::json::put_name(out, "status", status);
  cairn::json::put_value(out, "confidence", result.confidence);
  if (result.reason == cairn::locator::MatchReason::matched ||
      result.reason == cairn::locator::MatchReason::ambiguous) {
    boost::json::object anchors;
    for (const cairn::locator::Anchor& a : matcher.anchors()) anchors[a.kind] = a.value;
    out["anchors"] = std::move(anchors);
    cairn::json::put_value(out, "look_alikes", matcher.look_alikes(*result.best));
  }
  if (result.runner_up) {
    out["runner_up"] = scored(*result.runner_up, "confidence", result.runner_up_confidence);
  }
  boost::json::array shown;
  if (result.match) {
    shown.push_back(scored(*result.match, "score", result.confidence));
  } else {
    // The best few scores, best first (equal scores by index): a list of
    // kCandidatesShown kept in order by hand costs the WASM less than
    // std::partial_sort and its heap code (bench/sdk).
    const std::vector<double> scores = matcher.scores(candidates, locale);
    std::vector<std::size_t> best;
    for (std::size_t i = 0; i < scores.size(); ++i) {
      if (scores[i] < kMinCandidateScore) continue;
      best.push_back(i);
      for (std::size_t j = best.size() - 1; j > 0 && scores[best[j - 1]] < scores[best[j]]; --j) {
        std::swap(best[j - 1], best[j]);
      }
      if (best.size() > kCandidatesShown) best.pop_back();
    }
    for (std::size_t i : best) shown.push_back(scored(i, "score", scores[i]));
  }
  out["candidates"] = std::move(shown);
  return out;
}

boost::json::object step_status(const cairn::guide::Step& step, std::size_t index,
                                const cairn::rules::UrlParts& url,
                                const std::vector<cairn::locator::ElementDescriptor>& candidates,
                                const std::string& locale, cairn::json::Problems& problems) {
  boost::json::object out;
  if (!step.target || (step.page && !cairn::rules::url_rule_matches(*step.page, url))) {
    out = unlocated(step.target ? "other_page" : "no_target");
  } else {
    out = locate_status(step.target->fingerprint,
                        "/guide/steps/" + cairn::json::integer_text(index) + "/target/fingerprint", candidates,
                        locale, problems);
  }
  cairn::json::put_text(out, "step_id", step.id);
  return out;
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE int cairn_editor_check(const char* data, int length) {
  cairn::json::Problems problems;
  boost::json::array steps;
  if (std::optional<boost::json::value> doc =
          cairn::json::parse_document(cairn::wasm::input(data, length), problems, kRequestLimits)) {
    cairn::json::ObjectReader in(*doc, "", problems);
    const boost::json::value* fingerprint = in.field("fingerprint");
    // Initialised, not assigned: assigning an optional<Guide> inlined Guide's
    // whole move assignment here (bench/sdk/RESULTS.md).
    const std::optional<cairn::guide::Guide> guide =
        fingerprint == nullptr ? cairn::wasm::take_loaded_guide(problems) : std::nullopt;
    const std::string url = in.string("url", Need::required, 8192).value_or("");
    const std::string locale = in.string("locale", Need::optional, 64).value_or("");
    const std::vector<cairn::locator::ElementDescriptor>& candidates = cairn::wasm::loaded_page();
    if (problems.empty() && fingerprint != nullptr) {
      boost::json::object one = locate_status(*fingerprint, "/fingerprint", candidates, locale, problems);
      one["step_id"] = "";
      steps.push_back(std::move(one));
    } else if (problems.empty() && guide) {
      const cairn::rules::UrlParts parts = cairn::rules::split_url(url);
      for (std::size_t i = 0; i < guide->steps.size(); ++i) {
        steps.push_back(step_status(guide->steps[i], i, parts, candidates, locale, problems));
      }
    }
  }
  boost::json::object out;
  out["steps"] = problems.empty() ? std::move(steps) : boost::json::array();
  if (!problems.empty()) out["problems"] = problems.to_json();
  cairn::wasm::set_result(cairn::json::to_text(out));
  return problems.empty() ? 0 : 1;
}
