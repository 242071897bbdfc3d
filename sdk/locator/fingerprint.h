// Fingerprint: what a guide step stores about its target element. It is the
// descriptor measured when the author picked the element, plus what the core
// derived from the page at that moment (which classes look generated, a unique
// CSS selector and a robust XPath, the page locale). The matcher (matcher.h)
// compares it against the current page's candidates.
//
// Versioned: kFingerprintVersion is the format this build writes and the newest
// it reads; fields are only ever added (docs/fingerprint.md).
//
// Threading: a value type.
#pragma once

#include "locator/element_descriptor.h"

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace cairn::locator {

inline constexpr int kFingerprintVersion = 1;

struct FingerprintLimits {
  static constexpr std::size_t kMaxGeneratedClasses = 256;  // drop extra
  static constexpr std::size_t kMaxSelectorBytes = 1024;    // reject
  static constexpr std::size_t kMaxLocaleBytes = 64;        // truncate
};

struct Fingerprint {
  int version = kFingerprintVersion;
  ElementDescriptor element;
  // Classes of the element and its ancestors judged machine-generated at capture.
  // When `classified` is false (an old or hand-written fingerprint), the matcher
  // classifies classes itself.
  std::vector<std::string> generated_classes;
  bool classified = false;
  std::string css_selector;
  std::string xpath;
  std::string locale;  // BCP 47, "" when unknown
  boost::json::object unknown;
  boost::json::object unknown_selectors;
};

}  // namespace cairn::locator
