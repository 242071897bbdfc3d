// Catalog: what one app's event data knows, for the editor's targeting builder
// and the dashboard's funnel builder (GET /api/apps/{app_id}/catalog,
// docs/api.md): track event names, page paths, Cairn's own event names, the
// property keys of each event name, user trait keys with example values, and
// the most clicked elements.
//
// CatalogAccumulator folds stored events one at a time, so a catalog is kept
// current by folding only the events stored since the last answer. Its memory
// is bounded: each section tracks at most a fixed number of distinct keys
// (CatalogLimits); events bringing a key beyond that are counted as
// `untracked` and the section is reported incomplete.
//
// Threading: not thread-safe; the owner serialises fold() and snapshot().
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::catalog {

// Distinct keys tracked per section (memory bound) and entries answered (top N
// by count). Documented in docs/api.md.
struct CatalogLimits {
  static constexpr std::size_t kMaxTrackedNames = 5000;
  static constexpr std::size_t kMaxTrackedPages = 5000;
  static constexpr std::size_t kMaxTrackedTraits = 1000;
  static constexpr std::size_t kMaxTrackedClicks = 5000;
  static constexpr std::size_t kMaxTrackedPropertiesPerName = 200;

  static constexpr std::size_t kTopTrackEvents = 100;
  static constexpr std::size_t kTopCairnEvents = 50;
  static constexpr std::size_t kTopPages = 100;
  static constexpr std::size_t kTopTraits = 50;
  static constexpr std::size_t kTopClicks = 50;
  static constexpr std::size_t kTopPropertiesPerName = 30;
  static constexpr std::size_t kTraitExamples = 5;
  // Example values, page URLs and element texts are cut to this (UTF-8 safe).
  static constexpr std::size_t kMaxValueBytes = 100;
};

// The stored event type codes (collector/store/schema.h: events.type).
enum class StoredType : int { track = 0, page = 1, screen = 2, identify = 3, group = 4 };

// One stored event as the accumulator reads it. `properties` and `extra` are
// the stored JSON objects (null pointers when the event had none).
struct CatalogEvent {
  StoredType type = StoredType::track;
  std::string_view name;  // analytics name: the track event, "$page", ...
  std::int64_t time_ms = 0;
  const boost::json::object* properties = nullptr;
  const boost::json::object* extra = nullptr;
};

struct KeyCount {
  std::string key;
  std::uint64_t count = 0;
};

struct EventEntry {
  std::string name;
  std::uint64_t count = 0;
  std::int64_t last_seen_ms = 0;
  std::vector<KeyCount> properties;  // Most frequent property keys first.
};

struct PageEntry {
  std::string path;
  std::string url;  // The most recent full URL seen for the path ("" if none).
  std::uint64_t count = 0;
  std::int64_t last_seen_ms = 0;
};

struct TraitEntry {
  std::string key;
  std::uint64_t count = 0;
  std::int64_t last_seen_ms = 0;
  std::vector<boost::json::value> examples;  // Distinct scalars, most recent first.
};

struct ClickEntry {
  std::string tag, text, role, test_id;
  std::uint64_t count = 0;
  std::int64_t last_seen_ms = 0;
};

// Counts of events whose key was not tracked (the section's cap was reached).
struct Untracked {
  std::uint64_t names = 0, pages = 0, traits = 0, clicks = 0;
};

struct Catalog {
  std::uint64_t events = 0;  // Events folded in.
  std::vector<EventEntry> track_events;  // track events, Cairn's own (cairn_*) excluded.
  std::vector<EventEntry> cairn_events;  // cairn_* events: guides, clicks, rage/dead clicks.
  std::vector<PageEntry> pages;
  std::vector<TraitEntry> traits;
  std::vector<ClickEntry> clicks;
  Untracked untracked;
};

class CatalogAccumulator {
 public:
  void fold(const CatalogEvent& event);
  // The top entries of every section, most frequent first (ties: most recent,
  // then by key).
  Catalog snapshot() const;

 private:
  struct Tally {
    std::uint64_t count = 0;
    std::int64_t last_seen_ms = 0;
    void add(std::int64_t time_ms);
  };
  struct NameTally : Tally {
    std::map<std::string, std::uint64_t, std::less<>> properties;
  };
  struct PageTally : Tally {
    std::string url;
    std::int64_t url_time_ms = 0;
  };
  struct TraitTally : Tally {
    std::vector<boost::json::value> examples;
  };

  void fold_name(const CatalogEvent& event);
  void fold_page(const CatalogEvent& event);
  void fold_traits(const CatalogEvent& event);
  void fold_click(const CatalogEvent& event);

  std::uint64_t events_ = 0;
  std::map<std::string, NameTally, std::less<>> names_;
  std::map<std::string, PageTally, std::less<>> pages_;
  std::map<std::string, TraitTally, std::less<>> traits_;
  // Key: tag, text, role, test id joined by '\x1f' (a byte no descriptor field holds).
  std::map<std::string, Tally, std::less<>> clicks_;
  Untracked untracked_;
};

}  // namespace cairn::catalog
