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

// How a summary of an element inside Cairn's UI ends (the key added last).
constexpr std::string_view kCairnUiMark = R"(,"cairn_ui":true})";

// Whether the descriptor's ancestors (docs/fingerprint.md: nearest first,
// across shadow roots) include Cairn's UI host element.
bool inside_cairn_ui(const boost::json::object& descriptor) {
  const boost::json::value* ancestors = descriptor.if_contains("ancestors");
  const boost::json::array* list = ancestors ? ancestors->if_array() : nullptr;
  if (!list) return false;
  for (const boost::json::value& ancestor : *list) {
    const boost::json::object* a = ancestor.if_object();
    const boost::json::value* tag = a ? a->if_contains("tag") : nullptr;
    const boost::json::string* s = tag ? tag->if_string() : nullptr;
    if (s && *s == "cairn-ui") return true;
  }
  return false;
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
  if (inside_cairn_ui(*descriptor)) summary["cairn_ui"] = true;
  return boost::json::serialize(summary);
}

bool is_cairn_ui_summary(std::string_view summary) {
  return summary.ends_with(kCairnUiMark);
}

}  // namespace cairn::analytics
