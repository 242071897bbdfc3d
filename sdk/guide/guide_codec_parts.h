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

// Reports `reason` at the field `key`. Every fixed message goes through here:
// building the std::string at each of some forty call sites cost the WASM SDK
// about 700 bytes (200 gzip).
[[gnu::noinline]] void report(json::ObjectReader& reader, std::string_view key, const char* reason);

// A field that only some kinds may carry: read it (so it is not kept as
// unknown) and report it.
[[gnu::noinline]] void refuse(json::ObjectReader& reader, std::string_view key, const char* reason);

// Keeps the fields no getter of `reader` read, for the writer to put back.
// One call per struct instead of an inlined move and destructor of the
// temporary object at each of some twenty places (about 300 bytes of WASM).
void keep_unknown(const json::ObjectReader& reader, boost::json::object& out);

// A fingerprint field (step target, element trigger or advance): validated with
// the locator's codec so a malformed fingerprint is reported with its full
// pointer, but kept as the raw object so fields this version does not know
// survive the round trip. nullptr when absent (a problem if required) or invalid.
const boost::json::object* read_fingerprint_field(json::ObjectReader& reader,
                                                  std::string_view key, json::Need need);

// Field readers that store into the struct being filled: `out` keeps its
// value (the default) when the field is absent or invalid, and the result says
// whether it was set. One out-of-line call per field: an optional returned,
// moved into place and destroyed at each of some forty fields cost the WASM
// build about 700 bytes. Checks and messages are json::ObjectReader's.
bool read_string(json::ObjectReader& reader, std::string_view key, json::Need need,
                 std::size_t max_bytes, std::string& out);
bool read_non_empty(json::ObjectReader& reader, std::string_view key, json::Need need,
                    std::size_t max_bytes, std::string& out);
bool read_integer(json::ObjectReader& reader, std::string_view key, json::Need need,
                  std::int64_t min, std::int64_t max, std::int64_t& out);
void read_flag(json::ObjectReader& reader, std::string_view key, bool& out);

// Ids: 1..kMaxIdBytes of [A-Za-z0-9_.:-]; safe in storage keys and DOM ids.
bool is_valid_id(std::string_view id);
bool read_id(json::ObjectReader& reader, std::string_view key, json::Need need, std::string& out);

// BCP 47-like tags: 2-3 letters, then "-" subtags of 1-8 letters or digits.
bool is_locale_tag(std::string_view tag);

// A percentage in [0, 100] with at most two decimals (bucket resolution).
std::optional<double> read_percent(json::ObjectReader& reader, std::string_view key,
                                   json::Need need);
// Integral percentages are written as integers so documents round-trip exactly.
boost::json::value percent_value(double percent);

// The readers fill `out`, which the caller has just default-constructed (a
// member of a fresh Guide, an emplace_back()): returning the value instead
// made LTO inline a move and a destructor of each large struct at every call.

// URL rules and rule sets at `pointer`; unknown fields are kept on each.
void read_url_rule(const boost::json::value& value, const std::string& pointer,
                   json::Problems& problems, UrlRule& out);
void read_url_rules(const boost::json::value& value, const std::string& pointer,
                    json::Problems& problems, UrlRules& out);
boost::json::object write_url_rule(const UrlRule& rule);
boost::json::object write_url_rules(const UrlRules& rules);

// `budget` counts nodes left in the whole tree (kMaxAudienceNodes at the root).
void read_audience(const boost::json::value& value, const std::string& pointer,
                   json::Problems& problems, std::size_t depth, std::size_t& budget,
                   Audience& out);

// What a step reader needs to know about the guide around it.
struct StepScope {
  std::string guide_id;
  std::set<std::string> variant_ids;  // the experiment's variants
  bool has_experiment = false;
};

void read_step(const boost::json::value& value, const std::string& pointer,
               json::Problems& problems, const StepScope& scope, Step& out);
boost::json::object write_step(const Step& step);

}  // namespace cairn::guide::codec
