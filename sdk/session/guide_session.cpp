// GuideSession: inputs, guide selection and the derived commands. The step
// flow of a running guide is in step_flow.cpp.
#include "session/guide_session.h"

#include "json/compact_writer.h"
#include "rules/eligibility.h"
#include "rules/trigger.h"
#include "rules/url_match.h"
#include "session/guide_class.h"
#include "session/persisted_state_codec.h"
#include "session/run.h"
#include "session/tab_state_merge.h"

#include <algorithm>
#include <utility>

namespace cairn::session {
namespace {

// A URL longer than this is cut: no rule can usefully look further, and the
// session must not keep arbitrarily large host input.
constexpr std::size_t kMaxUrlBytes = 8 * 1024;
constexpr std::size_t kMaxEventNameBytes = 256;
// last_activity_ms is persisted at most this often when nothing else changed,
// so an active user does not cause a storage write per input.
constexpr std::int64_t kActivityPersistIntervalMs = 60 * 1000;

// A guide whose schedule has ended is not on screen any more, unless the host,
// a button or the editor launched it (launches ignore schedules).
bool past_its_end(const guide::Guide& guide, bool launched_manually, std::int64_t now_ms) {
  return !launched_manually && guide.schedule.end_ms && now_ms >= *guide.schedule.end_ms;
}

bool usable(rules::Verdict verdict) {
  return verdict == rules::Verdict::eligible || verdict == rules::Verdict::holdout;
}

// Higher priority first; equal priorities by id, so the choice never depends on
// the order guides were published in.
bool runs_before(const guide::Guide* a, const guide::Guide* b) {
  if (a->priority != b->priority) return a->priority > b->priority;
  return a->id < b->id;
}

// Puts guides that fired together in the order they start (runs_before). An
// insertion sort: one input fires a handful of guides, each then costs far more
// to start than to place, and std::sort on them cost the WASM 0.8 KB gzip
// (bench/sdk).
void sort_by_run_order(std::vector<const guide::Guide*>& guides) {
  for (std::size_t i = 1; i < guides.size(); ++i) {
    for (std::size_t j = i; j > 0 && runs_before(guides[j], guides[j - 1]); --j) {
      std::swap(guides[j - 1], guides[j]);
    }
  }
}

// Completed or dismissed in `a` since `b` was written: a larger count there.
bool finished_in(const PersistedState& a, const PersistedState& b, const std::string& guide_id) {
  const rules::GuideRecord* in_a = a.history.find(guide_id);
  const rules::GuideRecord* in_b = b.history.find(guide_id);
  return in_a && (in_a->completed_count > (in_b ? in_b->completed_count : 0) ||
                  in_a->dismissed_count > (in_b ? in_b->dismissed_count : 0));
}

}  // namespace

GuideSession::GuideSession(SessionOptions options) : options_(std::move(options)) {
  state_.anonymous_id = options_.anonymous_id;
}

GuideSession::~GuideSession() = default;

// ---------------------------------------------------------------------------
// Inputs

std::vector<Command> GuideSession::restore(std::int64_t now_ms, std::string_view text) {
  begin(now_ms);
  drop_all_runs();
  unresolved_.clear();
  const std::int64_t session_before = state_.session_number;
  json::Problems problems;
  state_ = read_persisted_state(text, problems);
  if (!same_visitor(state_, user_id_, options_.anonymous_id)) {
    state_ = PersistedState{};  // someone else's history
  }
  if (!user_id_.empty()) state_.user_id = user_id_;
  if (!options_.anonymous_id.empty()) state_.anonymous_id = options_.anonymous_id;
  unresolved_ = std::move(state_.active);
  state_.active.clear();
  if (state_.session_number == 0) {
    state_.session_number = std::max<std::int64_t>(session_before, 1);
  } else {
    start_new_session_if_idle();
  }
  state_.last_activity_ms = now_;
  persisted_.clear();
  resolve_restored_runs();
  return finish();
}

std::vector<Command> GuideSession::merge_other_tab(std::int64_t now_ms, std::string_view text) {
  begin(now_ms);
  // Unreadable text reads as an empty state: nothing to merge.
  json::Problems problems;
  const PersistedState other = read_persisted_state(text, problems);
  if (other.user_id == state_.user_id && same_visitor(other, state_.user_id, state_.anonymous_id)) {
    for (Run* run : live_runs()) {
      if (finished_in(other, state_, run->saved.guide_id)) end_run(*run);
    }
    // A run there of a guide finished here since (its copy older than the
    // completion or dismissal) stays ended here.
    std::vector<ActiveGuideState> theirs;
    for (const ActiveGuideState& run : other.active) {
      if (!finished_in(state_, other, run.guide_id)) theirs.push_back(run);
    }
    merge_tab_state(state_, other);
    follow_runs_of_other_tab(theirs);
  }
  return finish();
}

void GuideSession::follow_runs_of_other_tab(const std::vector<ActiveGuideState>& theirs) {
  for (const ActiveGuideState& saved : theirs) {
    Run* run = find_run(saved.guide_id);
    if (run == nullptr) {
      unresolved_.push_back(saved);  // resolved below as a restored run
      continue;
    }
    if (saved.guide_version != run->saved.guide_version ||
        saved.step_index >= run->guide->steps.size()) {
      continue;  // the tabs hold different versions of the guide
    }
    if (saved.changed_ms == run->saved.changed_ms && saved.step_index == run->saved.step_index) {
      // The same visit of the step: what either tab recorded is recorded.
      run->saved.guide_seen_recorded |= saved.guide_seen_recorded;
      run->saved.step_seen_recorded |= saved.step_seen_recorded;
      run->saved.target_missing_recorded |= saved.target_missing_recorded;
    } else if (saved.changed_ms > run->saved.changed_ms) {
      const bool moved = saved.step_index != run->saved.step_index ||
                         saved.suspended != (run->phase == RunPhase::suspended);
      run->saved = saved;
      if (!moved) continue;  // not drawn again: a modal would take the focus back
      if (saved.suspended) {
        hide_step(*run);
        run->phase = RunPhase::suspended;
      } else {
        enter_step(*run, saved.step_index, true);
      }
    }
  }
  resolve_restored_runs();
}

std::vector<Command> GuideSession::set_guides(std::int64_t now_ms,
                                              std::vector<guide::Guide> guides) {
  begin(now_ms);
  guides_.clear();
  for (guide::Guide& g : guides) {
    if (g.steps.empty() || find_guide(g.id) != nullptr) continue;  // first of duplicate ids wins
    guides_.push_back(std::move(g));
  }
  for (Run* run : live_runs()) {
    const guide::Guide* g = find_guide(run->saved.guide_id);
    if (g == nullptr || g->version != run->saved.guide_version ||
        run->saved.step_index >= g->steps.size()) {
      // Its guide object is gone: end it without looking at the old guide.
      if (run->on_screen) out_.push_back(HideStep{run->saved.guide_id});
      run->on_screen = false;
      end_run(*run);
    } else {
      run->guide = g;
    }
  }
  for (auto it = pending_starts_.begin(); it != pending_starts_.end();) {
    it = find_guide(it->first) == nullptr ? pending_starts_.erase(it) : std::next(it);
  }
  resend_watches_ = true;  // fingerprints may have changed
  resolve_restored_runs();
  return finish();
}

std::vector<Command> GuideSession::identify(std::int64_t now_ms, std::string user_id,
                                            boost::json::object attributes) {
  begin(now_ms);
  if (state_.user_id != user_id && !state_.user_id.empty()) {
    // Another person (or a logout): their guides and history are not ours.
    drop_all_runs();
    unresolved_.clear();
    const std::int64_t session = state_.session_number;
    state_ = PersistedState{};
    state_.anonymous_id = options_.anonymous_id;
    state_.session_number = session;
    state_.last_activity_ms = now_;
    fired_in_view_.clear();
  }
  user_id_ = std::move(user_id);
  state_.user_id = user_id_;
  attributes_ = std::move(attributes);
  return finish();
}

std::vector<Command> GuideSession::set_locale(std::int64_t now_ms, std::string locale) {
  begin(now_ms);
  options_.locale = std::move(locale);
  for (const std::unique_ptr<Run>& run : runs_) {
    if (run->on_screen) show_step(*run);
  }
  return finish();
}

std::vector<Command> GuideSession::page_changed(std::int64_t now_ms, std::string_view url) {
  begin(now_ms);
  url_ = rules::split_url(url.substr(0, kMaxUrlBytes));
  page_known_ = true;
  fired_in_view_.clear();
  on_page_for_runs();
  return finish();
}

std::vector<Command> GuideSession::targets_changed(std::int64_t now_ms,
                                                   const std::vector<TargetReport>& reports) {
  begin(now_ms);
  for (const TargetReport& report : reports) {
    if (watched_.count(report.key) == 0) continue;
    reports_[report.key] = report;
    on_target_report(report);
  }
  return finish();
}

std::vector<Command> GuideSession::user_action(std::int64_t now_ms, const UserAction& action) {
  begin(now_ms);
  if (action.kind == UserActionKind::target_clicked ||
      action.kind == UserActionKind::target_input) {
    on_target_action(action);
    return finish();
  }
  Run* run = find_run(action.guide_id);
  if (run == nullptr || run->phase != RunPhase::showing) return finish();
  switch (action.kind) {
    case UserActionKind::next: advance(*run); break;
    case UserActionKind::back: go_back(*run); break;
    case UserActionKind::dismiss: dismiss_guide(*run, action.reason); break;
    case UserActionKind::complete: complete_from_step(*run); break;
    case UserActionKind::button: on_button(*run, action.button); break;
    case UserActionKind::survey_answer: on_survey_answer(*run, action.answer); break;
    case UserActionKind::checklist_item: on_checklist_item(*run, action.item_id); break;
    case UserActionKind::target_clicked:
    case UserActionKind::target_input: break;
  }
  return finish();
}

std::vector<Command> GuideSession::track(std::int64_t now_ms, std::string_view event) {
  begin(now_ms);
  if (event.empty() || event.size() > kMaxEventNameBytes) return finish();
  events_.add(event, now_);
  on_event_for_runs(event);
  if (page_known_) {
    const rules::UrlParts& url = url_;
    std::vector<const guide::Guide*> fired;
    for (const guide::Guide& g : guides_) {
      if (find_run(g.id) == nullptr && rules::event_trigger_matches(g.trigger, event, url)) {
        fired.push_back(&g);
      }
    }
    sort_by_run_order(fired);
    for (const guide::Guide* g : fired) fire_trigger(*g);
  }
  return finish();
}

std::vector<Command> GuideSession::tick(std::int64_t now_ms) {
  begin(now_ms);
  apply_missing_target_deadlines();
  return finish();
}

std::vector<Command> GuideSession::launch(std::int64_t now_ms, std::string_view guide_id) {
  begin(now_ms);
  launch_outcome_ = LaunchOutcome::unknown_guide;
  if (const guide::Guide* g = find_guide(guide_id)) {
    if (Run* run = find_run(guide_id)) {
      launch_outcome_ = LaunchOutcome::running;
      if (run->on_screen) show_step(*run);
    } else {
      // The verdict start_guide() acts on, for the outcome's reason.
      switch (rules::check_eligibility(*g, context(), rules::Start::launched).verdict) {
        case rules::Verdict::not_published: launch_outcome_ = LaunchOutcome::not_published; break;
        case rules::Verdict::wrong_environment: launch_outcome_ = LaunchOutcome::wrong_environment; break;
        // Without a user id nothing is shown either, as for the holdout.
        case rules::Verdict::holdout:
        case rules::Verdict::unknown_user: launch_outcome_ = LaunchOutcome::holdout; break;
        default: launch_outcome_ = LaunchOutcome::started;
      }
      start_guide(*g, true);
    }
  }
  return finish();
}

std::vector<RunView> GuideSession::runs() const {
  std::vector<RunView> out;
  for (const std::unique_ptr<Run>& run : runs_) {
    out.push_back({run->saved.guide_id, run->saved.step_index, run->phase, run->fallback,
                   run->phase == RunPhase::showing && !run->fallback ? run->element : std::nullopt});
  }
  return out;
}

std::string GuideSession::persisted_json() const {
  return write_persisted_state(state_, active_snapshot(), state_.last_activity_ms);
}

// ---------------------------------------------------------------------------
// Input bracket

void GuideSession::begin(std::int64_t now_ms) {
  now_ = std::max(now_, now_ms);
  out_.clear();
  if (state_.session_number == 0) {
    state_.session_number = 1;
  } else {
    start_new_session_if_idle();
  }
  state_.last_activity_ms = now_;
}

void GuideSession::start_new_session_if_idle() {
  if (state_.last_activity_ms == 0 || now_ - state_.last_activity_ms <= kSessionIdleMs) return;
  ++state_.session_number;
  // Progress resumes within a browsing session. A guide not on screen when the
  // user comes back later would otherwise hold the modal slot indefinitely
  // waiting for a page the user may never visit again.
  unresolved_.clear();
  for (Run* run : live_runs()) {
    if (!run->on_screen) end_run(*run);
  }
}

std::vector<Command> GuideSession::finish() {
  settle();
  emit_watches();
  emit_schedule();
  emit_persist();
  ended_.clear();
  return std::move(out_);
}

// ---------------------------------------------------------------------------
// Selection

void GuideSession::settle() {
  // Its end date is when the author wants a guide gone (a promotion that
  // ended): hidden and dropped without an event, as when unpublished.
  for (Run* run : live_runs()) {
    if (past_its_end(*run->guide, run->saved.launched_manually, now_)) end_run(*run);
  }
  // Each round may free the modal slot (a guide ended) or start a guide; a
  // guide starts at most once per page view, so this converges quickly. The
  // bound is a guard, not an expected limit.
  for (int round = 0; round < 32; ++round) {
    bool changed = start_due_pending();
    changed = resume_suspended() || changed;
    changed = evaluate_triggers() || changed;
    if (!changed) break;
  }
}

bool GuideSession::evaluate_triggers() {
  if (!page_known_ || guides_.empty()) return false;
  const rules::UrlParts& url = url_;
  std::vector<const guide::Guide*> fired;
  for (const guide::Guide& g : guides_) {
    if (fired_in_view(g.id) || find_run(g.id) != nullptr ||
        pending_starts_.count(g.id) != 0) {
      continue;
    }
    bool fires = false;
    switch (g.trigger.kind) {
      case guide::TriggerKind::page_load: fires = rules::page_trigger_matches(g.trigger, url); break;
      case guide::TriggerKind::element_appears: {
        auto it = reports_.find(trigger_key(g.id));
        fires = it != reports_.end() && it->second.state == TargetState::found &&
                watched_.count(it->first) != 0 && rules::trigger_applies_on_page(g.trigger, url);
        break;
      }
      case guide::TriggerKind::element_clicked:  // user_action(target_clicked)
      case guide::TriggerKind::custom_event:     // track()
      case guide::TriggerKind::manual:           // launch()
        break;
    }
    if (fires) fired.push_back(&g);
  }
  if (fired.empty()) return false;
  sort_by_run_order(fired);
  bool changed = false;
  for (const guide::Guide* g : fired) changed = fire_trigger(*g) || changed;
  return changed;
}

bool GuideSession::fire_trigger(const guide::Guide& g) {
  if (g.trigger.delay_ms > 0) {
    if (pending_starts_.count(g.id) != 0) return false;
    pending_starts_[g.id] = now_ + g.trigger.delay_ms;
    note_fired_in_view(g.id);
    return true;
  }
  return start_guide(g, false);
}

bool GuideSession::start_due_pending() {
  std::vector<const guide::Guide*> due;
  for (auto it = pending_starts_.begin(); it != pending_starts_.end();) {
    if (it->second > now_) {
      ++it;
      continue;
    }
    if (const guide::Guide* g = find_guide(it->first)) due.push_back(g);
    it = pending_starts_.erase(it);
  }
  if (due.empty()) return false;
  sort_by_run_order(due);
  const rules::UrlParts& url = url_;
  for (const guide::Guide* g : due) {
    // The user may have left the page the trigger fired on while the delay ran.
    if (g->trigger.kind != guide::TriggerKind::manual &&
        !rules::trigger_applies_on_page(g->trigger, url)) {
      continue;
    }
    start_guide(*g, false);
  }
  return true;
}

bool GuideSession::start_guide(const guide::Guide& g, bool manual) {
  if (find_run(g.id) != nullptr) return false;
  const bool modal = classify(g) == GuideClass::modal;
  if (modal && !modal_slot_free() && !manual) return false;
  // A launch skips schedule, frequency and audience, never the experiment: a
  // tour launched from a checklist item after its once-only cap is spent still
  // carries the user's variant, and the holdout still sees nothing.
  const rules::Eligibility eligibility = rules::check_eligibility(
      g, context(), manual ? rules::Start::launched : rules::Start::triggered);
  if (!usable(eligibility.verdict)) return false;
  note_fired_in_view(g.id);
  std::string variant;
  const bool holdout = eligibility.assignment && eligibility.assignment->holdout;
  if (eligibility.assignment && !holdout && g.experiment &&
      eligibility.assignment->variant < g.experiment->variants.size()) {
    variant = g.experiment->variants[eligibility.assignment->variant].id;
  }
  if (holdout) {
    // The holdout never sees the guide, but its exposure is recorded (and
    // counted by frequency caps) exactly when a shown guide's would be, so
    // guide impact compares like with like.
    record_guide_seen(event::GuideRef{g.id, g.version, "holdout", std::nullopt, ""}, true);
    return true;
  }
  if (modal) {
    for (Run* other : live_runs()) {
      if (other->phase != RunPhase::suspended && classify(*other->guide) == GuideClass::modal) {
        dismiss_guide(*other, event::DismissReason::superseded);
      }
    }
  }
  Run& r = add_run(g, variant, manual);
  const std::optional<std::size_t> first = next_step_index(r, 0);
  if (!first) {
    end_run(r);  // no step for this variant
    return false;
  }
  enter_step(r, *first, false);
  return true;
}

GuideSession::Run& GuideSession::add_run(const guide::Guide& g, std::string variant, bool manual) {
  auto run = std::make_unique<Run>();
  run->guide = &g;
  run->saved.guide_id = g.id;
  run->saved.guide_version = g.version;
  run->saved.variant = std::move(variant);
  run->saved.launched_manually = manual;
  run->saved.changed_ms = now_;
  runs_.push_back(std::move(run));
  return *runs_.back();
}

std::vector<Command> GuideSession::preview(std::int64_t now_ms, guide::Guide guide,
                                           std::size_t step_index) {
  begin(now_ms);
  drop_all_runs();
  unresolved_.clear();
  guides_.clear();
  if (step_index < guide.steps.size()) {
    // A manual trigger never fires by itself, so the draft runs only from here
    // and is not started again by its own trigger after it ends.
    guide.trigger.kind = guide::TriggerKind::manual;
    guides_.push_back(std::move(guide));
    const guide::Guide& g = guides_.back();
    const std::vector<std::string>& variants = g.steps[step_index].variants;
    Run& r = add_run(g, variants.empty() ? "" : variants.front(), true);
    enter_step(r, step_index, false);
  }
  resend_watches_ = true;
  return finish();
}

bool GuideSession::resume_suspended() {
  if (!modal_slot_free()) return false;
  for (const std::unique_ptr<Run>& run : runs_) {
    if (run->ended || run->phase != RunPhase::suspended) continue;
    run->saved.suspended = false;
    run->saved.changed_ms = now_;
    enter_step(*run, run->saved.step_index, true);
    // The launched guide may have ticked the last open item.
    const guide::Step& step = run->step();
    const bool all_done =
        step.kind == guide::StepKind::checklist && !step.items.empty() &&
        std::all_of(step.items.begin(), step.items.end(), [&](const guide::ChecklistItem& item) {
          return checklist_item_done(run->saved.guide_id, item);
        });
    if (all_done && run->phase == RunPhase::showing) advance(*run);
    return true;
  }
  return false;
}

void GuideSession::resolve_restored_runs() {
  if (guides_.empty()) return;
  for (ActiveGuideState& saved : unresolved_) {
    const guide::Guide* g = find_guide(saved.guide_id);
    if (g == nullptr || g->version != saved.guide_version ||
        saved.step_index >= g->steps.size() || find_run(saved.guide_id) != nullptr ||
        past_its_end(*g, saved.launched_manually, now_)) {
      continue;  // unpublished, edited or ended since: its progress no longer applies
    }
    const bool modal = classify(*g) == GuideClass::modal;
    if (modal && !saved.suspended && !modal_slot_free()) continue;  // corrupt: two modal runs
    auto run = std::make_unique<Run>();
    run->guide = g;
    run->saved = saved;
    Run& r = *run;
    runs_.push_back(std::move(run));
    note_fired_in_view(g->id);
    if (saved.suspended) {
      r.phase = RunPhase::suspended;
    } else {
      enter_step(r, saved.step_index, true);
    }
  }
  unresolved_.clear();
}

void GuideSession::end_run(Run& run) {
  if (run.ended) return;
  hide_step(run);
  run.ended = true;
  auto it = std::find_if(runs_.begin(), runs_.end(),
                         [&](const std::unique_ptr<Run>& r) { return r.get() == &run; });
  if (it != runs_.end()) {
    ended_.push_back(std::move(*it));
    runs_.erase(it);
  }
}

void GuideSession::drop_all_runs() {
  for (Run* run : live_runs()) end_run(*run);
  pending_starts_.clear();
}

std::vector<GuideSession::Run*> GuideSession::live_runs() const {
  std::vector<Run*> out;
  for (const std::unique_ptr<Run>& run : runs_) out.push_back(run.get());
  return out;
}

bool GuideSession::fired_in_view(std::string_view guide_id) const {
  return std::find(fired_in_view_.begin(), fired_in_view_.end(), guide_id) != fired_in_view_.end();
}

void GuideSession::note_fired_in_view(const std::string& guide_id) {
  if (!fired_in_view(guide_id)) fired_in_view_.push_back(guide_id);
}

const guide::Guide* GuideSession::find_guide(std::string_view id) const {
  for (const guide::Guide& g : guides_) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

GuideSession::Run* GuideSession::find_run(std::string_view guide_id) const {
  for (const std::unique_ptr<Run>& run : runs_) {
    if (run->saved.guide_id == guide_id) return run.get();
  }
  return nullptr;
}

bool GuideSession::modal_slot_free() const {
  return std::none_of(runs_.begin(), runs_.end(), [](const std::unique_ptr<Run>& run) {
    return !run->ended && run->phase != RunPhase::suspended &&
           classify(*run->guide) == GuideClass::modal;
  });
}

// ---------------------------------------------------------------------------
// Derived commands

std::string GuideSession::session_id() const { return json::integer_text(state_.session_number); }

rules::EvaluationContext GuideSession::context() const {
  rules::EvaluationContext c;
  c.user_id = user_id_.empty() ? options_.anonymous_id : user_id_;
  c.attributes = &attributes_;
  c.events = &events_;
  c.history = &state_.history;
  running_ids_.clear();
  for (const std::unique_ptr<Run>& run : runs_) running_ids_.push_back(run->saved.guide_id);
  c.running = &running_ids_;
  c.now_ms = now_;
  c.environment = options_.environment;
  c.session_id = session_id();
  return c;
}

std::map<std::string, GuideSession::Watch> GuideSession::desired_watches() const {
  std::map<std::string, Watch> out;
  for (const std::unique_ptr<Run>& run : runs_) {
    if (run->phase != RunPhase::waiting_for_target && run->phase != RunPhase::showing) continue;
    const guide::Step& step = run->step();
    if (step.target) {
      out[run->target_key()] = {Purpose::step_target, run->saved.guide_id, &step.target->fingerprint};
    }
    const guide::AdvanceRule& advance = step.advance;
    if ((advance.kind == guide::AdvanceKind::element_appears ||
         advance.kind == guide::AdvanceKind::element_disappears) &&
        !advance.element.empty() && run->phase == RunPhase::showing) {
      out[run->advance_key()] = {Purpose::advance_element, run->saved.guide_id, &advance.element};
    }
  }
  if (!page_known_) return out;
  const rules::UrlParts& url = url_;
  const rules::EvaluationContext ctx = context();  // cheap: it borrows the attributes
  for (const guide::Guide& g : guides_) {
    const bool element_trigger = g.trigger.kind == guide::TriggerKind::element_appears ||
                                 g.trigger.kind == guide::TriggerKind::element_clicked;
    if (!element_trigger || g.trigger.element.empty() || fired_in_view(g.id) ||
        pending_starts_.count(g.id) != 0 || !rules::trigger_applies_on_page(g.trigger, url)) {
      continue;
    }
    if (find_run(g.id) != nullptr) continue;
    if (!usable(rules::check_eligibility(g, ctx).verdict)) continue;
    out[trigger_key(g.id)] = {Purpose::trigger_element, g.id, &g.trigger.element};
  }
  return out;
}

void GuideSession::emit_watches() {
  std::map<std::string, Watch> desired = desired_watches();
  bool same = desired.size() == watched_.size();
  for (auto a = desired.begin(), b = watched_.begin(); same && a != desired.end(); ++a, ++b) {
    same = a->first == b->first;
  }
  if (same && !resend_watches_) return;
  resend_watches_ = false;
  WatchTargets command;
  for (const auto& [key, watch] : desired) command.targets.push_back({key, *watch.fingerprint});
  for (auto it = reports_.begin(); it != reports_.end();) {
    it = desired.count(it->first) == 0 ? reports_.erase(it) : std::next(it);
  }
  watched_ = std::move(desired);
  out_.push_back(std::move(command));
}

void GuideSession::emit_schedule() {
  std::optional<std::int64_t> next;
  auto consider = [&](std::int64_t at) {
    if (!next || at < *next) next = at;
  };
  for (const std::unique_ptr<Run>& run : runs_) {
    if (run->phase != RunPhase::waiting_for_target) continue;
    const std::int64_t deadline =
        run->wait_started_ms + std::max<std::int64_t>(0, run->step().missing_target.wait_ms);
    // A deadline already due waits for the locator's first answer (which then
    // applies the policy), so the policy never runs before the adapter looked.
    if (deadline > now_ || reports_.count(run->target_key()) != 0) consider(deadline);
  }
  for (const auto& [id, at] : pending_starts_) consider(at);
  for (const std::unique_ptr<Run>& run : runs_) {
    // Its schedule ending hides it (settle()).
    const std::optional<std::int64_t>& end = run->guide->schedule.end_ms;
    if (end && *end > now_ && !run->saved.launched_manually) consider(*end);
  }
  for (const guide::Guide& g : guides_) {
    // A schedule opening later may start a guide on the page the user is on.
    if (g.schedule.start_ms && *g.schedule.start_ms > now_ && find_run(g.id) == nullptr) {
      consider(*g.schedule.start_ms);
    }
  }
  if (next == scheduled_tick_) return;
  scheduled_tick_ = next;
  out_.push_back(ScheduleTick{next});
}

std::vector<ActiveGuideState> GuideSession::active_snapshot() const {
  std::vector<ActiveGuideState> active;
  for (const std::unique_ptr<Run>& run : runs_) {
    if (active.size() == kMaxActiveGuides) return active;
    active.push_back(run->saved);
    active.back().suspended = run->phase == RunPhase::suspended;
  }
  // Restored runs whose guides have not arrived yet must survive another reload.
  for (const ActiveGuideState& a : unresolved_) {
    if (active.size() == kMaxActiveGuides) break;
    active.push_back(a);
  }
  return active;
}

void GuideSession::emit_persist() {
  const std::vector<ActiveGuideState> active = active_snapshot();
  const std::int64_t activity = state_.last_activity_ms;
  const bool unchanged =
      !persisted_.empty() &&
      write_persisted_state(state_, active, persisted_activity_ms_) == persisted_;
  if (unchanged && activity - persisted_activity_ms_ < kActivityPersistIntervalMs) return;
  persisted_ = write_persisted_state(state_, active, activity);
  persisted_activity_ms_ = activity;
  out_.push_back(PersistState{persisted_});
}

}  // namespace cairn::session
