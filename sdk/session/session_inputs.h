// What the browser adapter (or any host) tells a GuideSession: the values that
// travel with its inputs. The session's methods (guide_session.h) take these.
//
// Watch keys name what the session asked the adapter to look for (see
// WatchTargets in session_commands.h); the adapter answers per key. Element
// handles are the adapter's own ids for elements; the session never looks
// inside them, it only hands them back in ShowStep so the adapter knows where
// to anchor.
//
// Threading: plain values.
#pragma once

#include "event/guide_events.h"

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cairn::session {

// The locator's answer for one watched key.
enum class TargetState {
  found,      // exactly one element matched well enough
  missing,    // nothing matched
  ambiguous,  // several elements matched equally: treated as missing, never guessed
};

struct TargetReport {
  std::string key;                  // a key from the latest WatchTargets
  TargetState state = TargetState::missing;
  std::int64_t element = 0;         // adapter's handle; meaningful when found
  std::int64_t candidate_index = 0; // position among the candidates the locator scored
};

// Something the user did to a guide on screen, or to a watched element.
enum class UserActionKind {
  next,            // the step's next control (keyboard or button without a button index)
  back,            // the previous step
  dismiss,         // close / Escape / outside click / skip: see `reason`
  complete,        // finish the guide from its last step
  button,          // the step's button number `button` (its action decides)
  target_clicked,  // a click on the element watched under `key`
  target_input,    // input into the element watched under `key` (never the value)
  survey_answer,   // the survey step was answered with `answer`
  checklist_item,  // the checklist item `item_id` was clicked
};

struct UserAction {
  UserActionKind kind = UserActionKind::next;
  // Which guide the action is about (ignored for target_* kinds, which name a
  // watch key instead). An action for a guide that is not on screen is ignored.
  std::string guide_id;
  event::DismissReason reason = event::DismissReason::close_button;  // dismiss
  std::int64_t button = 0;      // button: index into the step's buttons
  std::string key;              // target_clicked / target_input
  boost::json::value answer;    // survey_answer: number (nps/rating), string or array (choice)
  std::string item_id;          // checklist_item
};

}  // namespace cairn::session
