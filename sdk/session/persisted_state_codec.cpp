#include "session/persisted_state_codec.h"

#include "json/reader.h"
#include "json/writer.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace cairn::session {
namespace {

using cairn::json::Need;
using cairn::json::ObjectReader;
using cairn::json::Problems;
using cairn::json::put_text;
using cairn::json::put_value;

constexpr std::int64_t kMaxMs = std::numeric_limits<std::int64_t>::max() / 4;
constexpr std::size_t kMaxKeyBytes = 256;

// Keeps the newest `limit` entries of a list sorted oldest first.
template <class T>
void keep_newest(std::vector<T>& list, std::size_t limit) {
  if (list.size() > limit) list.erase(list.begin(), list.end() - static_cast<std::ptrdiff_t>(limit));
}

// The newest `limit` valid times of `array`, oldest first. Built through
// rules::insert_time like every time list: stored lists are written sorted and
// within the limit, so this is one push per time; a hand-edited list costs at
// most `limit` swaps per time, and the WASM needs no std::sort of times.
std::vector<std::int64_t> read_times(const boost::json::array* array, const std::string& pointer,
                                     Problems& problems, std::size_t limit) {
  std::vector<std::int64_t> out;
  if (array == nullptr) return out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const boost::json::value& v = (*array)[i];
    const std::int64_t* n = v.if_int64();
    if (n == nullptr || *n < 0 || *n > kMaxMs) {
      problems.add(cairn::json::pointer_append(pointer, i), "must be a time in milliseconds");
      continue;
    }
    rules::insert_time(out, *n);
    keep_newest(out, limit);
  }
  return out;
}

std::optional<rules::GuideRecord> read_record(const boost::json::value& value,
                                              const std::string& pointer, Problems& problems) {
  const std::size_t before = problems.total();
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return std::nullopt;
  rules::GuideRecord record;
  record.seen_count = r.integer("seen", Need::optional, 0, kMaxMs).value_or(0);
  // Never more than the starts (an edited store): "seen" audiences subtract it.
  record.held_out_count = std::min(
      record.seen_count, r.integer("held_out", Need::optional, 0, kMaxMs).value_or(0));
  record.completed_count = r.integer("completed", Need::optional, 0, kMaxMs).value_or(0);
  record.dismissed_count = r.integer("dismissed", Need::optional, 0, kMaxMs).value_or(0);
  record.last_seen_ms = r.integer("last_seen_ms", Need::optional, 0, kMaxMs);
  record.last_completed_ms = r.integer("last_completed_ms", Need::optional, 0, kMaxMs);
  record.last_dismissed_ms = r.integer("last_dismissed_ms", Need::optional, 0, kMaxMs);
  record.last_seen_session = r.string("last_seen_session", Need::optional, 64).value_or("");
  record.recent_starts_ms = read_times(r.array("starts", Need::optional, 100000),
                                       r.pointer_of("starts"), problems,
                                       rules::GuideRecord::kMaxRecentStarts);
  if (problems.total() != before) return std::nullopt;
  return record;
}

// The newest thing that happened to a guide, for evicting the stalest records.
std::int64_t last_touched(const rules::GuideRecord& r) {
  return std::max({r.last_seen_ms.value_or(0), r.last_completed_ms.value_or(0),
                   r.last_dismissed_ms.value_or(0)});
}

std::vector<std::string> read_items(const boost::json::value& value, const std::string& pointer,
                                    Problems& problems) {
  std::vector<std::string> out;
  const boost::json::array* items = value.if_array();
  if (items == nullptr) {
    problems.add(pointer, "must be an array of item ids");
    return out;
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    const boost::json::string* s = (*items)[i].if_string();
    if (s == nullptr || s->empty() || s->size() > kMaxKeyBytes) {
      problems.add(cairn::json::pointer_append(pointer, i), "must be a non-empty item id");
      continue;
    }
    if (out.size() < kMaxCheckedItems) out.emplace_back(*s);
  }
  return out;
}

std::optional<ActiveGuideState> read_active(const boost::json::value& value,
                                            const std::string& pointer, Problems& problems) {
  const std::size_t before = problems.total();
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return std::nullopt;
  ActiveGuideState a;
  a.guide_id = r.non_empty_string("guide", Need::required, kMaxKeyBytes).value_or("");
  a.guide_version = r.integer("version", Need::required, 0, kMaxMs).value_or(0);
  a.step_index = static_cast<std::size_t>(r.integer("step", Need::required, 0, 1000).value_or(0));
  a.variant = r.string("variant", Need::optional, kMaxKeyBytes).value_or("");
  a.guide_seen_recorded = r.boolean("guide_seen").value_or(false);
  a.step_seen_recorded = r.boolean("step_seen").value_or(false);
  a.target_missing_recorded = r.boolean("target_missing").value_or(false);
  a.launched_manually = r.boolean("manual").value_or(false);
  a.suspended = r.boolean("suspended").value_or(false);
  a.changed_ms = r.integer("changed", Need::optional, 0, kMaxMs).value_or(0);
  if (problems.total() != before) return std::nullopt;
  return a;
}

boost::json::array write_times(const std::vector<std::int64_t>& times) {
  boost::json::array out;
  for (std::int64_t t : times) out.emplace_back(t);
  return out;
}

}  // namespace

PersistedState read_persisted_state(std::string_view text, Problems& problems) {
  PersistedState state;
  std::optional<boost::json::value> doc = cairn::json::parse_document(text, problems);
  if (!doc) return state;
  ObjectReader r(*doc, "", problems);
  if (!r.valid()) return state;
  // A version this build does not know may mean anything: start fresh.
  const std::optional<std::int64_t> version =
      r.integer("version", Need::required, kPersistedStateVersion, kPersistedStateVersion);
  if (!version) return state;

  state.user_id = r.string("user_id", Need::optional, kMaxKeyBytes).value_or("");
  state.anonymous_id = r.string("anonymous_id", Need::optional, kMaxKeyBytes).value_or("");
  if (const boost::json::value* session = r.field("session")) {
    ObjectReader s(*session, r.pointer_of("session"), problems);
    state.session_number = s.integer("number", Need::optional, 0, kMaxMs).value_or(0);
    state.last_activity_ms = s.integer("last_activity_ms", Need::optional, 0, kMaxMs).value_or(0);
  }
  if (const boost::json::object* guides = r.object("guides")) {
    for (const auto& [key, value] : *guides) {
      const std::string pointer = cairn::json::pointer_append(r.pointer_of("guides"), key);
      if (key.empty() || key.size() > kMaxKeyBytes) {
        problems.add(pointer, "guide id must be 1 to 256 bytes");
        continue;
      }
      if (std::optional<rules::GuideRecord> record = read_record(value, pointer, problems)) {
        state.history.guides.emplace(std::string(key), std::move(*record));
      }
    }
  }
  if (const boost::json::object* checked = r.object("checked")) {
    for (const auto& [key, value] : *checked) {
      const std::string pointer = cairn::json::pointer_append(r.pointer_of("checked"), key);
      if (key.empty() || key.size() > kMaxKeyBytes) {
        problems.add(pointer, "guide id must be 1 to 256 bytes");
        continue;
      }
      if (state.checked_items.size() >= kMaxHistoryGuides) break;
      state.checked_items.emplace(std::string(key), read_items(value, pointer, problems));
    }
  }
  if (const boost::json::array* active = r.array("active", Need::optional, 100000)) {
    for (std::size_t i = 0; i < active->size(); ++i) {
      const std::string pointer = cairn::json::pointer_append(r.pointer_of("active"), i);
      std::optional<ActiveGuideState> a = read_active((*active)[i], pointer, problems);
      if (!a) continue;
      const bool duplicate =
          std::any_of(state.active.begin(), state.active.end(),
                      [&](const ActiveGuideState& other) { return other.guide_id == a->guide_id; });
      if (duplicate) {
        problems.add(pointer, "guide is already active");
        continue;
      }
      if (state.active.size() < kMaxActiveGuides) state.active.push_back(std::move(*a));
    }
  }
  if (const boost::json::object* events = r.object("events")) {
    for (const auto& [key, value] : *events) {
      const std::string pointer = cairn::json::pointer_append(r.pointer_of("events"), key);
      const boost::json::array* times = value.if_array();
      if (key.empty() || key.size() > kMaxKeyBytes || times == nullptr) {
        problems.add(pointer, "must be an event name with a list of times");
        continue;
      }
      if (state.event_times.size() >= kMaxEventNames) break;
      state.event_times.emplace(std::string(key),
                                read_times(times, pointer, problems, kMaxEventTimesPerName));
    }
  }
  // Keep the most recently touched guides when a stored state exceeds the cap.
  auto& guides = state.history.guides;
  while (guides.size() > kMaxHistoryGuides) {
    guides.erase(std::min_element(guides.begin(), guides.end(), [](const auto& a, const auto& b) {
      return last_touched(a.second) < last_touched(b.second);
    }));
  }
  return state;
}

std::string write_persisted_state(const PersistedState& state) {
  return write_persisted_state(state, state.active, state.last_activity_ms);
}

std::string write_persisted_state(const PersistedState& state,
                                  const std::vector<ActiveGuideState>& active_guides,
                                  std::int64_t last_activity_ms) {
  boost::json::object out;
  put_value(out, "version", kPersistedStateVersion);
  if (!state.user_id.empty()) put_text(out, "user_id", state.user_id);
  if (!state.anonymous_id.empty()) put_text(out, "anonymous_id", state.anonymous_id);
  boost::json::object session;
  put_value(session, "number", state.session_number);
  put_value(session, "last_activity_ms", last_activity_ms);
  out["session"] = std::move(session);
  boost::json::object guides;
  for (const auto& [id, record] : state.history.guides) {
    boost::json::object g;
    if (record.seen_count != 0) put_value(g, "seen", record.seen_count);
    if (record.held_out_count != 0) put_value(g, "held_out", record.held_out_count);
    if (record.completed_count != 0) put_value(g, "completed", record.completed_count);
    if (record.dismissed_count != 0) put_value(g, "dismissed", record.dismissed_count);
    if (record.last_seen_ms) put_value(g, "last_seen_ms", *record.last_seen_ms);
    if (record.last_completed_ms) put_value(g, "last_completed_ms", *record.last_completed_ms);
    if (record.last_dismissed_ms) put_value(g, "last_dismissed_ms", *record.last_dismissed_ms);
    if (!record.last_seen_session.empty()) put_text(g, "last_seen_session", record.last_seen_session);
    if (!record.recent_starts_ms.empty()) g["starts"] = write_times(record.recent_starts_ms);
    guides[id] = std::move(g);
  }
  out["guides"] = std::move(guides);
  boost::json::object checked;
  for (const auto& [id, items] : state.checked_items) {
    boost::json::array list;
    for (const std::string& item : items) list.emplace_back(item);
    checked[id] = std::move(list);
  }
  out["checked"] = std::move(checked);
  boost::json::array active;
  for (const ActiveGuideState& a : active_guides) {
    boost::json::object o;
    put_text(o, "guide", a.guide_id);
    put_value(o, "version", a.guide_version);
    put_value(o, "step", a.step_index);
    if (!a.variant.empty()) put_text(o, "variant", a.variant);
    put_value(o, "guide_seen", a.guide_seen_recorded);
    put_value(o, "step_seen", a.step_seen_recorded);
    put_value(o, "target_missing", a.target_missing_recorded);
    put_value(o, "manual", a.launched_manually);
    put_value(o, "suspended", a.suspended);
    if (a.changed_ms != 0) put_value(o, "changed", a.changed_ms);
    active.push_back(std::move(o));
  }
  out["active"] = std::move(active);
  boost::json::object events;
  for (const auto& [name, times] : state.event_times) events[name] = write_times(times);
  out["events"] = std::move(events);
  return cairn::json::to_text(out);
}

}  // namespace cairn::session
