// Internal to the guide codec: the readers and writers of the guide's parts,
// split by file (url rules, audience, steps) so each stays small. Not a public
// header; use guide_codec.h.
//
// Each reader returns its best-effort value and adds problems; the caller
// decides by Problems::empty() whether the document is accepted.
#pragma once

#include "guide/guide.h"
#include "json/problems.h"
#include "json/reader.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace cairn::guide::codec {

// A fingerprint field (step target, element trigger or advance): validated with
// the locator's codec so a malformed fingerprint is reported with its full
// pointer, but kept as the raw object so fields this version does not know
// survive the round trip. nullptr when absent (a problem if required) or invalid.
const boost::json::object* read_fingerprint_field(json::ObjectReader& reader,
                                                  std::string_view key, json::Need need);

// Ids: 1..kMaxIdBytes of [A-Za-z0-9_.:-]; safe in storage keys and DOM ids.
bool is_valid_id(std::string_view id);
std::optional<std::string> read_id(json::ObjectReader& reader, std::string_view key,
                                   json::Need need);

// BCP 47-like tags: 2-3 letters, then "-" subtags of 1-8 letters or digits.
bool is_locale_tag(std::string_view tag);

// A percentage in [0, 100] with at most two decimals (bucket resolution).
std::optional<double> read_percent(json::ObjectReader& reader, std::string_view key,
                                   json::Need need);
// Integral percentages are written as integers so documents round-trip exactly.
boost::json::value percent_value(double percent);

// URL rules and rule sets at `pointer`; unknown fields are kept on each.
UrlRule read_url_rule(const boost::json::value& value, const std::string& pointer,
                      json::Problems& problems);
UrlRules read_url_rules(const boost::json::value& value, const std::string& pointer,
                        json::Problems& problems);
boost::json::object write_url_rule(const UrlRule& rule);
boost::json::object write_url_rules(const UrlRules& rules);

// `budget` counts nodes left in the whole tree (kMaxAudienceNodes at the root).
Audience read_audience(const boost::json::value& value, const std::string& pointer,
                       json::Problems& problems, std::size_t depth, std::size_t& budget);

// What a step reader needs to know about the guide around it.
struct StepScope {
  std::string guide_id;
  std::set<std::string> variant_ids;  // the experiment's variants
  bool has_experiment = false;
};

Step read_step(const boost::json::value& value, const std::string& pointer,
               json::Problems& problems, const StepScope& scope);
boost::json::object write_step(const Step& step);

}  // namespace cairn::guide::codec
