// Guide validation for the admin API: parses a guide document sent by the
// editor and lists every problem with its JSON Pointer. Uses the SDK's guide
// codec (sdk/guide/guide_codec.h) when this build has it, so the collector
// refuses exactly what the SDK could not run; without it only the JSON shape is
// checked (an object with a string "name").
//
// Threading: pure function.
#pragma once

#include "json/problems.h"

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace cairn::guides {

// Largest guide document accepted by the admin API.
inline constexpr std::size_t kMaxGuideBytes = 512 * 1024;
// Deepest nesting accepted in a guide document.
inline constexpr std::size_t kMaxGuideDepth = 32;

struct ParsedGuide {
  std::optional<boost::json::object> document;  // Set when the text is a JSON object.
  json::Problems problems;  // Syntax problems, or everything the codec refuses.
};

// Parses `text`; `document` is set whenever it is a JSON object (even with
// codec problems: drafts may be incomplete), `problems` lists what would stop
// it being published.
ParsedGuide parse_guide_document(std::string_view text);

// Re-checks a document already parsed (for publish and rollback).
json::Problems check_guide(const boost::json::object& document);

// True when the build validates with the SDK's guide codec.
bool uses_guide_codec();

// True when `id` may be kept as a guide's id on import (the codec's id rule;
// false in a build without the codec, which cannot check it).
bool is_valid_guide_id(std::string_view id);

}  // namespace cairn::guides
