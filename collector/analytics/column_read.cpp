#include "analytics/column_read.h"

#include <algorithm>

namespace cairn::analytics {

ColumnRead::ColumnRead(std::vector<std::string> keys)
    : keys_(std::move(keys)), dictionaries_(keys_.size()), ids_(keys_.size()) {}

bool ColumnRead::read(EventSource& source, std::uint64_t after, std::uint64_t through, std::string* error) {
  bool in_order = true;
  auto sink = [&](const EventRow& row) {
    if (!in_order) return;
    if (row.sequence == 0) {
      in_order = false;
      return;
    }
    if (row.sequence <= after || row.sequence > through) return;
    if (row.sequence <= last_sequence_) {
      in_order = false;
      return;
    }
    last_sequence_ = row.sequence;
    for (auto& column : ids_) column.push_back(ValueDictionary::kAbsent);
    // The last value of a repeated key wins, as in EventIndex::append().
    for (const auto& [key, value] : row.properties) {
      const auto it = std::find(keys_.begin(), keys_.end(), key);
      if (it == keys_.end()) continue;
      const auto c = static_cast<std::size_t>(it - keys_.begin());
      ids_[c].back() = dictionaries_[c].intern(value);
    }
    ++rows_;
  };
  if (!source.scan_properties(after, through, keys_, sink, error)) return false;
  if (!in_order) {
    *error = "the event source delivered a row without a sequence or out of sequence order";
    return false;
  }
  return true;
}

}  // namespace cairn::analytics
