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
#include "locator/element_descriptor.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace cairn::locator {

// Decodes one descriptor found at `pointer`. Returns nullopt when at least one
// problem was added for this value; unknown fields are kept in `unknown`.
std::optional<ElementDescriptor> read_descriptor(const boost::json::value& value,
                                                 const std::string& pointer,
                                                 json::Problems& problems);

// Encodes `descriptor`; empty fields are omitted, unknown fields written back.
boost::json::object write_descriptor(const ElementDescriptor& descriptor);

}  // namespace cairn::locator
