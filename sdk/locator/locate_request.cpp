#include "locator/locate_request.h"

#include "json/compact_writer.h"
#include "json/reader.h"
#include "json/writer.h"
#include "locator/descriptor_codec.h"
#include "locator/fingerprint_codec.h"
#include "locator/text_clip.h"

#include <boost/json/array.hpp>

#include <cmath>

namespace cairn::locator {

namespace bj = boost::json;
using json::Need;

std::optional<LocateRequest> read_locate_request(const bj::value& value, json::Problems& problems) {
  const std::size_t before = problems.total();
  json::ObjectReader reader(value, "", problems);
  if (!reader.valid()) return std::nullopt;
  LocateRequest request;
  if (const bj::value* target = reader.field("target", Need::required)) {
    if (auto f = read_fingerprint(*target, "/target", problems)) request.target = std::move(*f);
  }
  if (const bj::array* candidates = reader.array("candidates", Need::required, kMaxCandidates)) {
    request.candidates.reserve(candidates->size());
    for (std::size_t i = 0; i < candidates->size(); ++i) {
      auto d = read_descriptor((*candidates)[i], json::pointer_append("/candidates", i), problems);
      if (d) request.candidates.push_back(std::move(*d));
    }
  }
  if (auto locale = reader.string("locale", Need::optional, 1024)) {
    request.locale = clip_utf8(*locale, FingerprintLimits::kMaxLocaleBytes);
  }
  if (problems.total() != before) return std::nullopt;
  return request;
}

std::optional<CaptureRequest> read_capture_request(const bj::value& value,
                                                   json::Problems& problems) {
  const std::size_t before = problems.total();
  json::ObjectReader reader(value, "", problems);
  if (!reader.valid()) return std::nullopt;
  CaptureRequest request;
  if (const bj::array* candidates = reader.array("candidates", Need::required, kMaxCandidates)) {
    request.candidates.reserve(candidates->size());
    for (std::size_t i = 0; i < candidates->size(); ++i) {
      auto d = read_descriptor((*candidates)[i], json::pointer_append("/candidates", i), problems);
      if (d) request.candidates.push_back(std::move(*d));
    }
    auto self = reader.integer("self_index", Need::required, 0,
                               static_cast<std::int64_t>(kMaxCandidates));
    if (self && static_cast<std::size_t>(*self) >= candidates->size()) {
      reader.error("self_index", "must be the index of one of the " +
                                     json::integer_text(candidates->size()) + " candidates");
    } else if (self) {
      request.self_index = static_cast<std::size_t>(*self);
    }
  }
  if (auto locale = reader.string("locale", Need::optional, 1024)) {
    request.locale = clip_utf8(*locale, FingerprintLimits::kMaxLocaleBytes);
  }
  if (problems.total() != before) return std::nullopt;
  return request;
}

namespace {

double rounded(double v) { return std::round(v * 1000.0) / 1000.0; }

}  // namespace

bj::object write_match_result(const MatchResult& result) {
  bj::object out;
  if (result.match) json::put_value(out, "match", *result.match);
  else out["match"] = nullptr;
  json::put_value(out, "confidence", rounded(result.confidence));
  if (result.runner_up) {
    bj::object runner_up;
    json::put_value(runner_up, "index", *result.runner_up);
    json::put_value(runner_up, "confidence", rounded(result.runner_up_confidence));
    out["runner_up"] = std::move(runner_up);
  } else {
    out["runner_up"] = nullptr;
  }
  if (result.best && !result.match) json::put_value(out, "best", *result.best);
  json::put_name(out, "reason", match_reason_name(result.reason));
  return out;
}

}  // namespace cairn::locator
