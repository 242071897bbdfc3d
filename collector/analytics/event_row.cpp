#include "analytics/event_row.h"

#include "analytics/element_summary.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace cairn::analytics {

void decode_event_properties(std::string_view text, const std::vector<std::string>& keys, EventRow* row) {
  row->properties.clear();
  if (keys.empty() || text.empty()) return;
  bool any = false;
  for (const std::string& key : keys) {
    if (text.find(key) != std::string_view::npos) any = true;  // Cheap pre-check before parsing.
  }
  if (!any) return;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  const boost::json::object* object = ec ? nullptr : value.if_object();
  if (!object) return;
  for (const std::string& key : keys) {
    auto it = object->find(key);
    if (it == object->end()) continue;
    const boost::json::value& v = it->value();
    if (const boost::json::string* s = v.if_string()) {
      row->properties.emplace_back(key, std::string(s->data(), s->size()));
    } else if (v.is_number()) {
      row->properties.emplace_back(key, v.is_double() ? v.get_double()
                                        : v.is_int64() ? static_cast<double>(v.get_int64())
                                                       : static_cast<double>(v.get_uint64()));
    } else if (const bool* b = v.if_bool()) {
      row->properties.emplace_back(key, std::string(*b ? "true" : "false"));
    } else if (key == kClickTargetProperty) {
      if (std::optional<std::string> summary = element_summary(v)) row->properties.emplace_back(key, *summary);
    }
  }
}

bool EventSource::scan_after(std::uint64_t after, const std::vector<std::string>& property_keys,
                             const std::function<void(const EventRow&)>& sink, std::string* error) {
  return scan(property_keys, [&](const EventRow& row) { if (row.sequence > after) sink(row); }, error);
}

bool MemoryEventSource::scan(const std::vector<std::string>& /*property_keys*/,
                             const std::function<void(const EventRow&)>& sink,
                             std::string* /*error*/) {
  for (const EventRow& row : rows_) sink(row);
  return true;
}

}  // namespace cairn::analytics
