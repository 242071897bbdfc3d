// EvaluationContext: everything the rule engine may look at when it decides
// whether a guide applies to this user now (the page is matched separately:
// UrlParts below, rules/trigger.h, rules/url_match.h). The host (through the
// browser adapter or a native platform) fills it; the rule engine only reads it.
//
// Nothing here reads a clock, storage or the DOM: time is `now_ms`, event
// counts come through the EventCounts interface, and guide history is a table
// the session keeps and persists.
//
// Threading: plain values and a const interface; evaluation does not modify the
// context, so one context may be read by several evaluations at once if the
// EventCounts implementation allows concurrent const calls.
#pragma once

#include "guide/guide.h"

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn::rules {

// A page address split into the parts URL rules look at.
struct UrlParts {
  std::string path = "/";  // raw (not percent-decoded), always starts with "/"
  // Query parameters in order, names and values percent-decoded ("+" is a space).
  std::vector<std::pair<std::string, std::string>> query;
  std::string hash;  // fragment without "#"; empty when absent

  bool operator==(const UrlParts&) const = default;
};

// Splits "https://host/a/b?x=1&y#frag", "/a/b?x=1" or "a/b" into UrlParts.
// Never fails: malformed percent escapes are kept as written.
UrlParts split_url(std::string_view url);

// How many times the user did an event in a time range. Implementations are
// the recorder's counters in the SDK, a table in tests, a query in tools.
class EventCounts {
 public:
  virtual ~EventCounts() = default;
  // Number of `event` occurrences with from_ms <= time <= to_ms.
  virtual std::int64_t count(std::string_view event, std::int64_t from_ms,
                             std::int64_t to_ms) const = 0;
};

// Adds `time_ms` to the ascending list `times`, after any equal times. Every
// sorted time list (event counts, guide starts) grows through this one
// function: a push and a few swaps, since the new time is nearly always the
// newest; vector::insert cost the WASM 0.5 KB gzip (bench/sdk).
void insert_time(std::vector<std::int64_t>& times, std::int64_t time_ms);

// EventCounts over an in-memory list of timestamps per event; for tests, the
// CLI tools and hosts that keep few events. Not a cache: it keeps what it is given.
class EventLog final : public EventCounts {
 public:
  // Beyond this many timestamps per event the oldest are dropped.
  static constexpr std::size_t kMaxPerEvent = 10000;

  void add(std::string_view event, std::int64_t time_ms);
  std::int64_t count(std::string_view event, std::int64_t from_ms,
                     std::int64_t to_ms) const override;

 private:
  std::map<std::string, std::vector<std::int64_t>, std::less<>> times_;  // sorted
};

// What this user has done with one guide, across sessions.
struct GuideRecord {
  // Starts kept for "at most N per window" caps; also the upper bound of N.
  static constexpr std::size_t kMaxRecentStarts = 100;

  std::int64_t seen_count = 0;  // times the guide started (first step shown, or held out)
  // Of those starts, the ones in the guide's experiment holdout: nothing was
  // shown, so "has seen" audiences do not count them (frequency caps do).
  std::int64_t held_out_count = 0;
  std::int64_t completed_count = 0;
  std::int64_t dismissed_count = 0;
  std::optional<std::int64_t> last_seen_ms;
  std::optional<std::int64_t> last_completed_ms;
  std::optional<std::int64_t> last_dismissed_ms;
  std::string last_seen_session;           // session id of the latest start
  std::vector<std::int64_t> recent_starts_ms;  // ascending, newest kMaxRecentStarts

  bool operator==(const GuideRecord&) const = default;
};

// Updates a record for one start of the guide, keeping recent_starts_ms sorted
// and bounded. The session calls this when a guide's first step is shown, and
// with `held_out` when the user is in its holdout (the start counts for caps,
// nothing is shown).
void note_seen(GuideRecord& record, std::string_view session_id, std::int64_t now_ms,
               bool held_out = false);
void note_completed(GuideRecord& record, std::int64_t now_ms);
void note_dismissed(GuideRecord& record, std::int64_t now_ms);

// Guide history by guide id.
struct GuideHistory {
  std::map<std::string, GuideRecord, std::less<>> guides;

  // nullptr when the user never met the guide.
  const GuideRecord* find(std::string_view guide_id) const;

  bool operator==(const GuideHistory&) const = default;
};

struct EvaluationContext {
  // The id used for bucketing and history: the identified user id, or the
  // anonymous id before identify(). Empty means "unknown user": rollouts and
  // experiments then exclude the user (no stable bucket).
  std::string user_id;
  // User attributes from identify(); nullptr: none. Borrowed, so building a
  // context copies no JSON.
  const boost::json::object* attributes = nullptr;
  const EventCounts* events = nullptr;    // nullptr: every count is 0
  const GuideHistory* history = nullptr;  // nullptr: no guide ever seen
  // The ids of the guides running now (the session's runs, waiting ones
  // included; a held-out start runs nothing); nullptr: none.
  const std::vector<std::string>* running = nullptr;
  std::int64_t now_ms = 0;
  guide::Environment environment = guide::Environment::production;
  std::string session_id;
};

}  // namespace cairn::rules
