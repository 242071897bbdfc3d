// GuideSession::Run: one running guide, shared by guide_session.cpp (which
// starts and ends runs) and step_flow.cpp (which moves them through steps).
// Internal to the session module.
#pragma once

#include "json/compact_writer.h"
#include "session/guide_session.h"

#include <string>

namespace cairn::session {

struct GuideSession::Run {
  ActiveGuideState saved;               // the part that is persisted
  const guide::Guide* guide = nullptr;  // into GuideSession::guides_
  RunPhase phase = RunPhase::waiting_for_page;
  std::int64_t wait_started_ms = 0;     // waiting_for_target: when the wait began
  std::optional<std::int64_t> element;  // the anchor, when found
  bool fallback = false;                // showing centered after the wait ran out
  bool on_screen = false;               // a ShowStep is in effect
  bool advance_element_seen = false;    // element_disappears: it was there once
  bool ended = false;

  const guide::Step& step() const { return guide->steps[saved.step_index]; }
  // Watch keys are unique per guide and purpose; the adapter treats them as opaque.
  std::string target_key() const { return saved.guide_id + "#" + json::integer_text(saved.step_index); }
  std::string advance_key() const { return target_key() + "/advance"; }
};

inline std::string trigger_key(const std::string& guide_id) { return guide_id + "#trigger"; }

}  // namespace cairn::session
