// The one JSON codec for ElementDescriptor (format in docs/fingerprint.md).
//
// Reading never throws: every problem is added to `problems` with its JSON
// pointer and the whole document is checked, not only up to the first error.
// Harmless excess (long texts, long class lists, deep ancestor chains) is
// truncated silently; values that would change which element matches if guessed
// at (missing tag, bad rect, too many attributes) are rejected.
//
// Threading: free functions without shared state.
#pragma once

#include "json/problems.h"
#include "json/reader.h"
#include "locator/element_descriptor.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::locator {

// Decodes one descriptor found at `pointer`. Returns nullopt when at least one
// problem was added for this value; unknown fields are kept in `unknown`.
std::optional<ElementDescriptor> read_descriptor(const boost::json::value& value,
                                                 const std::string& pointer,
                                                 json::Problems& problems);
// The same into `out`, a default descriptor; false when a problem was added.
// The fingerprint reader fills its element in place with it (no optional to
// move from: smaller WASM).
bool read_descriptor_into(const boost::json::value& value, const std::string& pointer,
                          json::Problems& problems, ElementDescriptor& out);

// An array of strings at `key` (absent: nothing), read the descriptor's way:
// each item clipped to `max_bytes`, items past `max_items` dropped but still
// type-checked. The fingerprint codec reads its class list with it too.
enum class ListItems { all, non_empty, distinct_non_empty };
void read_clipped_list(json::ObjectReader& reader, std::string_view key, std::size_t max_items,
                       std::size_t max_bytes, ListItems keep, std::vector<std::string>& out);

// Encodes `descriptor`; empty fields are omitted, unknown fields written back.
boost::json::object write_descriptor(const ElementDescriptor& descriptor);

}  // namespace cairn::locator
