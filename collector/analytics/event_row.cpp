#include "analytics/event_row.h"

namespace cairn::analytics {

bool MemoryEventSource::scan(const std::vector<std::string>& /*property_keys*/,
                             const std::function<void(const EventRow&)>& sink,
                             std::string* /*error*/) {
  for (const EventRow& row : rows_) sink(row);
  return true;
}

}  // namespace cairn::analytics
