#include "analytics/event_row.h"

#include "analytics/property_decoder.h"

#include <optional>

namespace cairn::analytics {

void decode_event_properties(std::string_view text, const std::vector<std::string>& keys, EventRow* row) {
  // One decoder per thread, kept while the keys stay the same (its parser's
  // buffers are reused from row to row).
  thread_local std::optional<PropertyDecoder> decoder;
  if (!decoder || decoder->keys() != keys) decoder.emplace(keys);
  decoder->decode(text, row);
}

bool EventSource::scan_after(std::uint64_t after, const std::vector<std::string>& property_keys,
                             const std::function<void(const EventRow&)>& sink, std::string* error) {
  return scan(property_keys, [&](const EventRow& row) { if (row.sequence > after) sink(row); }, error);
}

bool EventSource::scan_properties(std::uint64_t after, std::uint64_t through,
                                  const std::vector<std::string>& property_keys,
                                  const std::function<void(const EventRow&)>& sink, std::string* error) {
  auto in_range = [&](const EventRow& row) { if (row.sequence <= through) sink(row); };
  return after == 0 ? scan(property_keys, in_range, error) : scan_after(after, property_keys, in_range, error);
}

bool MemoryEventSource::scan(const std::vector<std::string>& /*property_keys*/,
                             const std::function<void(const EventRow&)>& sink,
                             std::string* /*error*/) {
  for (const EventRow& row : rows_) sink(row);
  return true;
}

}  // namespace cairn::analytics
