// The lookup request and answer as JSON: what `cairn-locate` reads and prints
// and what the browser adapter passes through the WASM boundary. Also the
// capture request the editor sends when the author picks an element:
//   {"candidates": [<descriptor>...], "self_index": 12, "locale": "en-US"}
// answered with write_fingerprint(fingerprint_from_descriptor(...)).
//   request: {"target": <fingerprint>, "candidates": [<descriptor>...], "locale": "de-DE"}
//   answer:  {"match": 3 | null, "confidence": 0.93,
//             "runner_up": {"index": 7, "confidence": 0.41} | null, "reason": "matched"}
//
// Threading: free functions without shared state.
#pragma once

#include "json/problems.h"
#include "locator/element_descriptor.h"
#include "locator/fingerprint.h"
#include "locator/matcher.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace cairn::locator {

// More candidates than this are refused rather than truncated: dropping part of
// the page could drop the target and make the answer silently wrong.
inline constexpr std::size_t kMaxCandidates = 20000;

struct LocateRequest {
  Fingerprint target;
  std::vector<ElementDescriptor> candidates;
  std::string locale;
};

// Decodes a request; nullopt with every problem (pointer + reason) otherwise.
std::optional<LocateRequest> read_locate_request(const boost::json::value& value,
                                                 json::Problems& problems);

boost::json::object write_match_result(const MatchResult& result);

struct CaptureRequest {
  std::vector<ElementDescriptor> candidates;  // the page, the picked element included
  std::size_t self_index = 0;                 // which candidate was picked
  std::string locale;
};

// Decodes a capture request; `self_index` must point into `candidates`.
std::optional<CaptureRequest> read_capture_request(const boost::json::value& value,
                                                   json::Problems& problems);

}  // namespace cairn::locator
