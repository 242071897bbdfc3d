#include "saved_funnels/saved_funnel_json.h"

#include "analytics/event_condition_json.h"
#include "analytics/funnel_json.h"
#include "json/reader.h"
#include "json/utf8.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace cairn::saved_funnels {

namespace {

using Limits = SavedFunnelLimits;

// The same bound as funnel queries' from_ms/to_ms (analytics/funnel_json.cpp).
constexpr std::int64_t kMaxTime = 253402300799999;  // 9999-12-31T23:59:59.999Z

// Code points of valid UTF-8 (Boost.JSON has validated parsed strings).
std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void read_name(json::ObjectReader& reader, SavedFunnelInput& input) {
  // Four bytes per code point at most; the exact count is checked below.
  std::optional<std::string> name = reader.string("name", json::Need::required, Limits::kMaxNameChars * 4);
  if (!name) return;
  const std::size_t chars = code_points(*name);
  if (chars < Limits::kMinNameChars || chars > Limits::kMaxNameChars) {
    reader.error("name", "must be " + std::to_string(Limits::kMinNameChars) + " to " +
                             std::to_string(Limits::kMaxNameChars) + " characters");
    return;
  }
  if (name->find_first_not_of(" \t") == std::string::npos) {
    reader.error("name", "must not be blank");
    return;
  }
  if (json::has_control_character(*name)) {
    reader.error("name", "must not contain control characters");
    return;
  }
  input.name = std::move(*name);
}

// The query is checked by the analytics API's own parser; its pointers are
// relative to the query, so they are reported under "/query".
void read_query(json::ObjectReader& reader, SavedFunnelInput& input) {
  const boost::json::value* query = reader.field("query", json::Need::required);
  if (!query) return;
  json::Problems own;
  std::optional<analytics::FunnelQuery> parsed = analytics::read_funnel_query(*query, own);
  for (const json::Problem& p : own.stored()) reader.problems().add(reader.pointer_of("query") + p.pointer, p.reason);
  if (own.total() > own.stored().size()) {
    reader.error("query", std::to_string(own.total() - own.stored().size()) + " more problems");
  }
  if (!parsed || !own.empty()) return;
  input.query_json = boost::json::serialize(*query);
  if (input.query_json.size() > Limits::kMaxQueryBytes) {
    reader.error("query", "must be at most " + std::to_string(Limits::kMaxQueryBytes) +
                              " bytes, the analytics API's limit");
  }
}

std::optional<CompareRange> read_range(const boost::json::value& value, std::string pointer,
                                       json::Problems& problems) {
  json::ObjectReader r(value, std::move(pointer), problems);
  if (!r.valid()) return std::nullopt;
  CompareRange range;
  range.days = r.integer("days", json::Need::optional, 1, Limits::kMaxCompareDays);
  range.from_ms = r.integer("from_ms", json::Need::optional, 0, kMaxTime);
  range.to_ms = r.integer("to_ms", json::Need::optional, 0, kMaxTime);
  r.reject_unknown_fields();
  const bool relative = r.has("days");
  const bool fixed = r.has("from_ms") || r.has("to_ms");
  if (relative && fixed) {
    r.error_here("give either days or from_ms and to_ms, not both");
  } else if (!relative && !fixed) {
    r.error_here("needs days, or from_ms and to_ms");
  } else if (fixed && !r.has("from_ms")) {
    r.error("from_ms", "required with to_ms");
  } else if (fixed && !r.has("to_ms")) {
    r.error("to_ms", "required with from_ms");
  } else if (range.from_ms && range.to_ms && *range.from_ms >= *range.to_ms) {
    r.error("to_ms", "must be after from_ms");
  }
  return range;
}

boost::json::object compare_object(const CompareRange& range) {
  boost::json::object o;
  if (range.days) o["days"] = *range.days;
  if (range.from_ms) o["from_ms"] = *range.from_ms;
  if (range.to_ms) o["to_ms"] = *range.to_ms;
  return o;
}

}  // namespace

std::optional<SavedFunnelInput> read_saved_funnel_input(const boost::json::value& body,
                                                        json::Problems& problems) {
  json::ObjectReader reader(body, "", problems);
  if (!reader.valid()) return std::nullopt;
  SavedFunnelInput input;
  read_name(reader, input);
  read_query(reader, input);
  if (const boost::json::value* compare = reader.field("compare"); compare && !compare->is_null()) {
    input.compare = read_range(*compare, reader.pointer_of("compare"), problems);
  }
  reader.reject_unknown_fields();
  if (!problems.empty()) return std::nullopt;
  return input;
}

std::string write_compare_range(const CompareRange& range) {
  return boost::json::serialize(compare_object(range));
}

std::optional<CompareRange> parse_compare_range(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec) return std::nullopt;
  json::Problems problems;
  std::optional<CompareRange> range = read_range(value, "", problems);
  if (!problems.empty()) return std::nullopt;
  return range;
}

boost::json::object write_saved_funnel(const SavedFunnel& funnel) {
  // The stored query was serialized by read_saved_funnel_input(), so it parses.
  boost::system::error_code ec;
  boost::json::value query = boost::json::parse(funnel.query_json, ec);
  if (ec) query = nullptr;
  return {{"id", funnel.id},
          {"app_id", funnel.app_id},
          {"name", funnel.name},
          {"query", std::move(query)},
          {"compare", funnel.compare ? boost::json::value(compare_object(*funnel.compare)) : nullptr},
          {"created_by", funnel.created_by},
          {"created_by_email", funnel.created_by_email},
          {"created_at_ms", funnel.created_at_ms},
          {"updated_at_ms", funnel.updated_at_ms}};
}

}  // namespace cairn::saved_funnels
