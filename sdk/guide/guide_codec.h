// The guide codec: JSON text or a parsed boost::json::value to a Guide, and a
// Guide back to JSON. The only way guides are read or written anywhere in Cairn
// (SDK, collector, tools), so every consumer applies the same checks.
//
// Reading checks everything docs/guide-format.md promises: types, ranges, the
// named limits in guide.h, and the cross-field rules (a tooltip needs a target,
// a modal must not have one, step ids are unique, the fallback locale has
// content in every step, schedule start < end, ...). It never stops at the
// first problem: every problem is reported with its JSON Pointer. A document
// whose "schema" is newer than kSchemaVersion is refused, with one problem at
// "/schema". Unknown fields are kept on the object they appear in and written
// back by write_guide.
//
// The step target's fingerprint belongs to the locator; here it is only
// checked to be an object.
//
// Never throws (the core is built without exceptions for WASM).
// Threading: pure functions.
#pragma once

#include "guide/guide.h"
#include "json/problems.h"
#include "json/reader.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string_view>

namespace cairn::guide {

struct GuideParseResult {
  std::optional<Guide> guide;  // set exactly when problems is empty
  json::Problems problems;

  bool ok() const { return guide.has_value(); }
};

// Parses a whole document (size and depth bounded by json::ParseLimits).
GuideParseResult parse_guide(std::string_view json_text);

// Reads a guide at `pointer` inside a larger document (e.g. "/guides/3" in a
// collector response). Adds every problem to `problems` with pointers under
// `pointer`; returns nullopt if this guide had any problem.
std::optional<Guide> parse_guide(const boost::json::value& value, std::string_view pointer,
                                 json::Problems& problems);

// The JSON form: every known field (defaults included, absent optionals
// omitted), then the unknown fields kept when reading.
// REQUIRES: nothing; writes any Guide, valid or not (validation is on read).
boost::json::object write_guide(const Guide& guide);

// The audience predicate tree on its own, for segment definitions that reuse it.
std::optional<Audience> parse_audience(const boost::json::value& value, std::string_view pointer,
                                       json::Problems& problems);
boost::json::object write_audience(const Audience& audience);

// The rule every guide, step, item and variant id follows: 1..kMaxIdBytes of
// [A-Za-z0-9_.:-]. The collector checks an imported guide's own id with it.
bool is_valid_guide_id(std::string_view id);

}  // namespace cairn::guide
