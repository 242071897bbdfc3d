// Building a fingerprint at capture time, when the author picks an element in
// the editor: the element's descriptor plus what the matcher and people need
// later (generated classes, a unique CSS selector, a robust XPath, the locale).
//
// Threading: pure function.
#pragma once

#include "locator/element_descriptor.h"
#include "locator/fingerprint.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace cairn::locator {

// The page the element was picked on. `candidates` are the page's elements as the
// adapter measures them at lookup (docs/fingerprint.md); the selectors are made
// unique among them. `self_index` says which candidate is the picked element;
// without it uniqueness cannot be judged and the selectors are left empty.
struct PageContext {
  std::span<const ElementDescriptor> candidates;
  std::optional<std::size_t> self_index;
  std::string locale;
};

// REQUIRES: if `page.self_index` is set, it is < page.candidates.size().
Fingerprint fingerprint_from_descriptor(const ElementDescriptor& element, const PageContext& page);

}  // namespace cairn::locator
