#include "analytics/element_summary.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <string_view>

namespace cairn::analytics {

namespace {

// The identity fields of a descriptor (docs/fingerprint.md), in output order.
const char* const kFields[] = {"tag", "id", "role", "name", "text", "label"};
// The test-id attributes the matcher reads (docs/fingerprint.md).
const char* const kTestIdAttributes[] = {"data-testid", "data-test", "data-test-id", "data-cy",
                                         "data-qa",     "data-id",   "data-action",  "data-cairn-id"};

// `text` cut to at most kMaxSummaryFieldBytes without splitting a UTF-8
// sequence (Boost.JSON strings are valid UTF-8).
std::string_view clipped(const boost::json::string& text) {
  std::string_view s(text.data(), text.size());
  if (s.size() <= kMaxSummaryFieldBytes) return s;
  std::size_t end = kMaxSummaryFieldBytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

}  // namespace

std::optional<std::string> element_summary(const boost::json::value& target) {
  const boost::json::object* descriptor = target.if_object();
  if (!descriptor) return std::nullopt;
  boost::json::object summary;
  for (const char* field : kFields) {
    const boost::json::value* v = descriptor->if_contains(field);
    const boost::json::string* s = v ? v->if_string() : nullptr;
    if (s && !s->empty()) summary[field] = clipped(*s);
  }
  if (!summary.contains("tag")) return std::nullopt;
  const boost::json::value* attributes = descriptor->if_contains("attributes");
  if (const boost::json::object* a = attributes ? attributes->if_object() : nullptr) {
    boost::json::object test_ids;
    for (const char* name : kTestIdAttributes) {
      const boost::json::value* v = a->if_contains(name);
      const boost::json::string* s = v ? v->if_string() : nullptr;
      if (s && !s->empty()) test_ids[name] = clipped(*s);
    }
    if (!test_ids.empty()) summary["attributes"] = std::move(test_ids);
  }
  return boost::json::serialize(summary);
}

}  // namespace cairn::analytics
