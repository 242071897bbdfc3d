// ColumnRead: property columns for an EventIndex that already exists, read
// from its EventSource in arrival order, so the engine can add a column
// without rebuilding the index (docs/analytics.md, "Index").
//
// The values are kept by arrival position (the k-th row read is position k),
// with value ids interned in arrival order like EventIndex::append() would;
// EventIndex::lay_out_columns() then places them in each user's timeline
// order through the index's per-event arrival positions.
//
// Threading: a value; one thread reads at a time. It touches no index, so the
// engine reads with no index lock held.
#pragma once

#include "analytics/event_index.h"
#include "analytics/event_row.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cairn::analytics {

class ColumnRead {
 public:
  explicit ColumnRead(std::vector<std::string> keys);

  // Reads the source's rows with after < sequence <= through, in arrival
  // order, after those read so far (the first call passes after = 0), with
  // EventSource::scan_properties(). Returns false with
  // `*error` when the source fails, or when a row has no sequence or comes
  // out of sequence order: then arrival positions cannot be matched.
  bool read(EventSource& source, std::uint64_t after, std::uint64_t through, std::string* error);

  // Rows read so far: valid arrival positions are [0, rows()).
  std::uint64_t rows() const { return rows_; }
  const std::vector<std::string>& keys() const { return keys_; }
  // [column][arrival position] value ids into dictionaries()[column].
  const std::vector<std::vector<std::uint32_t>>& ids_by_arrival() const { return ids_; }
  std::vector<ValueDictionary> take_dictionaries() { return std::move(dictionaries_); }

 private:
  std::vector<std::string> keys_;
  std::vector<ValueDictionary> dictionaries_;
  std::vector<std::vector<std::uint32_t>> ids_;
  std::uint64_t rows_ = 0;
  std::uint64_t last_sequence_ = 0;
};

}  // namespace cairn::analytics
