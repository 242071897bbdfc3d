// GuideSession: the state machine that runs guides for one user on one page
// load. It decides which published guides start (trigger, audience, schedule,
// frequency cap, environment, experiment), runs their steps (advance rules,
// back, dismissal, the missing-target policy, multi-page steps) and keeps the
// history that frequency caps read. docs/session.md describes its inputs,
// outputs, states and policies.
//
// It is pure: no DOM, no clock, no storage, no randomness. Every input is a
// method taking the host's current time; every method returns the commands the
// host must execute, in order (session_commands.h): what to locate, what to
// draw or hide, which events to record, what to persist, when to call tick().
// Feeding the same inputs gives the same commands, so tests drive it directly.
//
// Lifecycle on a page load: construct; restore() with the JSON of the last
// PersistState (if any); set_guides(); identify() when the user is known;
// page_changed() with the URL; then targets_changed(), user_action(), track(),
// tick() as things happen, and page_changed() on SPA route changes.
//
// Time: `now_ms` is milliseconds since the Unix epoch. A `now_ms` smaller than
// one already seen is treated as the latest one seen (clocks can step back;
// deadlines must not).
//
// Threading: not thread-safe; one thread (the page's) drives a session.
#pragma once

#include "guide/guide.h"
#include "rules/context.h"
#include "session/persisted_state.h"
#include "session/recent_events.h"
#include "session/session_commands.h"
#include "session/session_inputs.h"

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::session {

struct SessionOptions {
  guide::Environment environment = guide::Environment::production;
  std::string locale = "en";   // the user's UI locale (BCP 47)
  // The device's id before identify(): bucketing and rollouts use it until a
  // user id is known. Empty: rollouts below 100% and experiments exclude the user.
  std::string anonymous_id;
};

// Where a running guide is, for tests, debugging and the editor's preview.
enum class RunPhase {
  waiting_for_page,    // the step belongs to another page; nothing on screen
  waiting_for_target,  // the step's element is not found yet; deadline running
  showing,             // the step is on screen (anchored or centered)
  suspended,           // a checklist paused while a guide it launched runs
};

struct RunView {
  std::string guide_id;
  std::size_t step_index = 0;
  RunPhase phase = RunPhase::waiting_for_page;
  bool fallback = false;  // showing centered because the target was missing
  std::optional<std::int64_t> element;  // anchor when showing anchored
};

// What the last launch() did with its guide id, so the adapter can tell the
// host's developer why an id launches nothing (docs/sdk.md#wrong-arguments).
enum class LaunchOutcome {
  started,            // shown, or waiting for its step's page or element
  running,            // already running: shown again if on screen
  holdout,            // the user is in its experiment's holdout: nothing shown
  unknown_guide,      // no guide in the list has this id
  not_published,      // draft or archived
  wrong_environment,  // not published for the session's environment
};

class GuideSession {
 public:
  explicit GuideSession(SessionOptions options = {});
  ~GuideSession();
  // Runs point into the session's own guide list: no copies.
  GuideSession(const GuideSession&) = delete;
  GuideSession& operator=(const GuideSession&) = delete;

  // Replaces all state with the persisted JSON `text` (PersistState.json of an
  // earlier session object). Corrupt text or another format version starts
  // fresh, as does another visitor's state (same_visitor(): another user id,
  // or another anonymous id); malformed entries are dropped (see
  // persisted_state_codec.h). Guides
  // that were running resume, at the same step, once set_guides() provides
  // them at the same version. Call it first; calling it later hides and drops
  // whatever was running.
  std::vector<Command> restore(std::int64_t now_ms, std::string_view text);

  // Another tab of this origin stored its state (`text`, the json of its
  // PersistState): its guide history, checklist ticks and event counts join
  // this session's (tab_state_merge.h), so this tab's next write keeps them,
  // and a guide running here that the other tab completed or dismissed since
  // ends here too, hidden without an event (the other tab recorded it). A
  // running guide is one in all tabs: the other tab's copy of a run, if it
  // moved it later (ActiveGuideState::changed_ms), replaces this one's (its
  // step is entered, no events), and a run there and not here starts here at
  // its step, as restored runs do, unless its guide was completed or
  // dismissed here since. The state of another visitor (another user id, or
  // without one another anonymous id: same_visitor()), or text that cannot be
  // read, changes nothing.
  std::vector<Command> merge_other_tab(std::int64_t now_ms, std::string_view text);

  // The published guides (the whole list; replaces the previous one). A running
  // guide missing from the list, or present with another version, is hidden
  // and dropped without an event (it was unpublished or edited).
  std::vector<Command> set_guides(std::int64_t now_ms, std::vector<guide::Guide> guides);

  // Who the user is. A user id different from the one whose history is stored
  // starts a fresh history (another person on this device); going from
  // anonymous ("") to a user id keeps it. Attributes replace earlier ones.
  std::vector<Command> identify(std::int64_t now_ms, std::string user_id,
                                boost::json::object attributes);

  // The user's UI locale changed; steps on screen are shown again in it.
  std::vector<Command> set_locale(std::int64_t now_ms, std::string locale);

  // A page was shown: a load or an SPA route change, with the full URL.
  std::vector<Command> page_changed(std::int64_t now_ms, std::string_view url);

  // The locator's answers for watched keys whose answer changed (or all of them:
  // repeating an unchanged answer is harmless). Unknown keys are ignored.
  std::vector<Command> targets_changed(std::int64_t now_ms,
                                       const std::vector<TargetReport>& reports);

  // The user acted on a guide or a watched element. Actions naming a guide that
  // has no step on screen, a step button that does not exist, an invalid survey
  // answer or an unknown checklist item are ignored (no commands).
  std::vector<Command> user_action(std::int64_t now_ms, const UserAction& action);

  // The host tracked a custom event: counts for audiences, starts guides with a
  // matching custom_event trigger, advances steps waiting for it.
  std::vector<Command> track(std::int64_t now_ms, std::string_view event);

  // Time passed (the host calls this at the time a ScheduleTick asked for):
  // delayed starts, missing-target deadlines, schedules opening.
  std::vector<Command> tick(std::int64_t now_ms);

  // Starts a guide now, whatever its trigger, frequency cap, schedule and
  // audience; it must be published, for this environment, and the user not in
  // its experiment's holdout. A modal-type guide replaces the running one (which
  // is dismissed with reason "superseded"). A guide already running is shown
  // again at its current step. Unknown or refused guides give no commands;
  // launch_outcome() says why.
  std::vector<Command> launch(std::int64_t now_ms, std::string_view guide_id);

  // The editor's preview (docs/editor-bridge.md): replaces the guide list with
  // `guide` alone and runs it now from `step_index`, whatever its status,
  // trigger, audience, environment, schedule, rollout, frequency cap or
  // experiment holdout (a step limited to variants runs as its first one).
  // Step page rules, advance rules and the missing-target policy apply as
  // usual. A step_index past the last step only clears what ran before.
  std::vector<Command> preview(std::int64_t now_ms, guide::Guide guide, std::size_t step_index);

  // Observers (no commands, no state change).
  const PersistedState& state() const { return state_; }
  LaunchOutcome launch_outcome() const { return launch_outcome_; }
  std::vector<RunView> runs() const;
  // The JSON a PersistState command would carry now.
  std::string persisted_json() const;

 private:
  struct Run;
  enum class Purpose { step_target, advance_element, trigger_element };
  struct Watch {
    Purpose purpose = Purpose::step_target;
    std::string guide_id;
    const boost::json::object* fingerprint = nullptr;
  };

  // Input bracket: begin() normalises time and browsing sessions; finish()
  // settles everything that follows from the input and appends the derived
  // commands (watches, tick, persist).
  void begin(std::int64_t now_ms);
  std::vector<Command> finish();
  void start_new_session_if_idle();

  // Selection (guide_session.cpp).
  void settle();
  bool evaluate_triggers();
  bool start_due_pending();
  bool resume_suspended();
  bool fire_trigger(const guide::Guide& guide);
  bool start_guide(const guide::Guide& guide, bool manual);
  Run& add_run(const guide::Guide& guide, std::string variant, bool manual);
  void resolve_restored_runs();
  // merge_other_tab: another tab's copy of a run moved later than ours
  // replaces ours; a run there and not here starts here at its step.
  void follow_runs_of_other_tab(const std::vector<ActiveGuideState>& theirs);
  void end_run(Run& run);
  void drop_all_runs();
  // The running guides, as pointers that stay valid while ending runs (ended
  // runs live until the input returns), for loops that may end some.
  std::vector<Run*> live_runs() const;
  const guide::Guide* find_guide(std::string_view id) const;
  Run* find_run(std::string_view guide_id) const;
  bool modal_slot_free() const;
  bool fired_in_view(std::string_view guide_id) const;
  void note_fired_in_view(const std::string& guide_id);

  // Step flow (step_flow.cpp).
  void enter_step(Run& run, std::size_t index, bool resuming);
  void show_step(Run& run);
  void hide_step(Run& run);
  void advance(Run& run, const boost::json::object* completed_properties = nullptr);
  void go_back(Run& run);
  void complete_guide(Run& run);
  // Ends the guide from the step on screen (a complete action or button): that
  // step counts as completed, then the guide.
  void complete_from_step(Run& run);
  void dismiss_guide(Run& run, event::DismissReason reason);
  bool apply_missing_target_deadlines();
  void apply_missing_target_outcome(Run& run);
  void on_target_report(const TargetReport& report);
  void on_page_for_runs();
  void on_event_for_runs(std::string_view event);
  void on_target_action(const UserAction& action);
  void on_button(Run& run, std::int64_t button);
  void on_survey_answer(Run& run, const boost::json::value& answer);
  void on_checklist_item(Run& run, std::string_view item_id);
  std::optional<std::size_t> next_step_index(const Run& run, std::size_t begin) const;
  std::optional<std::size_t> previous_step_index(const Run& run, std::size_t from) const;
  bool checklist_item_done(const std::string& guide_id, const guide::ChecklistItem& item) const;
  void record(event::Event e);
  // A guide's start, shown or held out: the event, and the history caps count.
  void record_guide_seen(const event::GuideRef& guide, bool held_out = false);
  event::GuideRef ref(const Run& run, bool with_step) const;

  // Derived commands (guide_session.cpp).
  std::map<std::string, Watch> desired_watches() const;
  void emit_watches();
  void emit_schedule();
  void emit_persist();
  // The running guides as persisted: state_.active stays empty while a session runs.
  std::vector<ActiveGuideState> active_snapshot() const;
  rules::EvaluationContext context() const;
  std::string session_id() const;

  SessionOptions options_;
  std::vector<guide::Guide> guides_;
  PersistedState state_;
  RecentEvents events_{state_.event_times};
  std::vector<ActiveGuideState> unresolved_;  // restored runs waiting for set_guides()
  std::vector<std::unique_ptr<Run>> runs_;    // in the order they started
  std::vector<std::unique_ptr<Run>> ended_;   // kept alive until the input returns
  mutable std::vector<std::string> running_ids_;  // context()'s list of the runs' guide ids
  std::string user_id_;
  boost::json::object attributes_;
  rules::UrlParts url_;  // the page, split once when it changes
  bool page_known_ = false;
  // Guides whose page-view trigger was used: a handful per page, so a list
  // (a std::set of its own cost the WASM more than its searches save).
  std::vector<std::string> fired_in_view_;
  std::map<std::string, std::int64_t> pending_starts_;  // guide id -> start time (trigger delay)
  std::map<std::string, TargetReport> reports_;  // latest answer per watched key
  std::map<std::string, Watch> watched_;         // the last WatchTargets sent
  bool resend_watches_ = false;                  // set_guides: fingerprints may differ
  std::optional<std::int64_t> scheduled_tick_;   // the last ScheduleTick sent
  std::string persisted_;                        // the last PersistState sent
  std::int64_t persisted_activity_ms_ = 0;
  std::int64_t now_ = 0;
  std::vector<Command> out_;
  LaunchOutcome launch_outcome_ = LaunchOutcome::unknown_guide;
};

}  // namespace cairn::session
