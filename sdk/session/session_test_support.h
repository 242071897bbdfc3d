// Test-only helpers for the session tests: small guide builders and ways to
// look into the command lists a GuideSession returns. Not part of the library.
#pragma once

#include "event/guide_events.h"
#include "guide/guide.h"
#include "session/guide_session.h"

#include <boost/json/object.hpp>

#include <string>
#include <variant>
#include <vector>

namespace cairn::session::testing {

inline guide::Step modal_step(std::string id) {
  guide::Step s;
  s.id = std::move(id);
  s.kind = guide::StepKind::modal;
  s.content["en"].title = "Title " + s.id;
  return s;
}

inline boost::json::object fingerprint(const std::string& name) {
  return boost::json::object{{"element", boost::json::object{{"tag", "button"}, {"id", name}}}};
}

inline guide::Step tooltip_step(std::string id, std::string element = "save",
                                std::int64_t wait_ms = 3000,
                                guide::MissingTargetOutcome then = guide::MissingTargetOutcome::centered) {
  guide::Step s = modal_step(std::move(id));
  s.kind = guide::StepKind::tooltip;
  s.target = guide::Target{fingerprint(element), {}};
  s.missing_target.wait_ms = wait_ms;
  s.missing_target.then = then;
  return s;
}

inline guide::Step banner_step(std::string id) {
  guide::Step s = modal_step(std::move(id));
  s.kind = guide::StepKind::banner;
  return s;
}

inline guide::UrlRule page(std::string path) {
  guide::UrlRule rule;
  rule.path = std::move(path);
  return rule;
}

inline guide::Guide make_guide(std::string id, std::vector<guide::Step> steps,
                               std::int64_t priority = 0) {
  guide::Guide g;
  g.id = std::move(id);
  g.name = g.id;
  g.version = 1;
  g.status = guide::GuideStatus::published;
  g.trigger.kind = guide::TriggerKind::page_load;
  g.frequency.kind = guide::FrequencyKind::once;
  g.priority = priority;
  g.steps = std::move(steps);
  return g;
}

template <class T>
std::vector<T> all(const std::vector<Command>& commands) {
  std::vector<T> out;
  for (const Command& c : commands) {
    if (const T* t = std::get_if<T>(&c)) out.push_back(*t);
  }
  return out;
}

template <class T>
bool has(const std::vector<Command>& commands) {
  return !all<T>(commands).empty();
}

inline std::vector<std::string> event_names(const std::vector<Command>& commands) {
  std::vector<std::string> out;
  for (const RecordEvent& r : all<RecordEvent>(commands)) out.push_back(r.event.event);
  return out;
}

inline std::vector<RecordEvent> events_named(const std::vector<Command>& commands,
                                             std::string_view name) {
  std::vector<RecordEvent> out;
  for (const RecordEvent& r : all<RecordEvent>(commands)) {
    if (r.event.event == name) out.push_back(r);
  }
  return out;
}

inline std::vector<std::string> shown_guides(const std::vector<Command>& commands) {
  std::vector<std::string> out;
  for (const ShowStep& s : all<ShowStep>(commands)) out.push_back(s.guide_id);
  return out;
}

inline std::string last_persisted(const std::vector<Command>& commands) {
  std::vector<PersistState> p = all<PersistState>(commands);
  return p.empty() ? std::string() : p.back().json;
}

// Appends b to a (collecting the commands of several inputs).
inline void append(std::vector<Command>& a, const std::vector<Command>& b) {
  a.insert(a.end(), b.begin(), b.end());
}

inline TargetReport found(std::string key, std::int64_t element) {
  return TargetReport{std::move(key), TargetState::found, element, 0};
}

inline TargetReport missing(std::string key) {
  return TargetReport{std::move(key), TargetState::missing, 0, 0};
}

inline UserAction action(UserActionKind kind, std::string guide_id) {
  UserAction a;
  a.kind = kind;
  a.guide_id = std::move(guide_id);
  return a;
}

}  // namespace cairn::session::testing
