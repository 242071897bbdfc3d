// ClickObservation: one click as the adapter saw it, the input of the rage- and
// dead-click detectors. `element_key` is the adapter's stable key for the
// clicked element (so "the same element" survives re-renders that replace the
// DOM node); `selector` and `target` only travel along into the events the
// detectors cause (a label for dashboards and the element's fingerprint).
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <string>

namespace cairn::recorder {

struct ClickObservation {
  std::int64_t time_ms = 0;  // Milliseconds since the Unix epoch.
  double x = 0;              // Viewport CSS pixels.
  double y = 0;
  std::string element_key;   // Identity of the element; compared, never parsed.
  std::string selector;      // Human-readable label ("button 'Save'"); may be empty.
  boost::json::value target; // Element fingerprint from the locator; null if unknown.
  // The browser answered the click itself, with nothing to see in the page: a
  // link that downloads or opens another tab or window (the adapter reads
  // the link once the page's handlers ran and did not prevent it). Never a
  // dead click; it saves no other click either.
  bool answered_by_browser = false;
};

}  // namespace cairn::recorder
