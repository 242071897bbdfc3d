// EventContext: the "where" of every recorded event (Segment's `context`),
// supplied by the adapter, which is the only part that can read the page:
//
//   {"library": {"name": "cairn.js", "version": "0.1.0"},
//    "page": {"url", "path", "title", "referrer", "search"},
//    "locale": "en-GB", "timezone": "Europe/London", "userAgent": "...",
//    "screen": {"width": 1440, "height": 900, "density": 2}}
//
// Empty fields are left out. URLs, titles and referrers go through the PII
// masker's patterns (an email in a query string is still an email). Each text
// is then cut to its limit below, on a code point boundary: a page whose URL
// or title is longer than the event spec takes (8 KiB a string, 32 KiB an
// event, and a page view carries the page twice) would otherwise make every
// event recorded on it invalid.
//
// Threading: plain values and a pure function.
#pragma once

#include "recorder/pii_masker.h"

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>

namespace cairn::recorder {

inline constexpr std::size_t kMaxPageUrlBytes = 2048;      // context.page.url
inline constexpr std::size_t kMaxContextTextBytes = 1024;  // every other context text

struct PageInfo {
  std::string url;       // location.href without the fragment's secrets: the adapter's choice.
  std::string path;      // location.pathname
  std::string title;     // document.title
  std::string referrer;  // document.referrer
  std::string search;    // location.search
};

struct DeviceInfo {
  std::string locale;      // navigator.language
  std::string timezone;    // Intl.DateTimeFormat().resolvedOptions().timeZone
  std::string user_agent;  // navigator.userAgent
  int screen_width = 0;    // screen.width, CSS pixels; 0 = unknown
  int screen_height = 0;
  double pixel_ratio = 0;  // devicePixelRatio; 0 = unknown
};

struct LibraryInfo {
  std::string name = "cairn.js";
  std::string version;
};

// The context object for events recorded now, masked by `masker`'s patterns.
boost::json::object build_event_context(const LibraryInfo& library, const PageInfo& page,
                                        const DeviceInfo& device, const PiiMasker& masker);

// The default properties of a page event (Segment's page properties).
boost::json::object page_properties(const PageInfo& page, const PiiMasker& masker);

}  // namespace cairn::recorder
