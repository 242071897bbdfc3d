// GuideSession: how a running guide moves through its steps: entering a step
// (its page, its target), showing it, advancing, going back, completing,
// dismissing, and the missing-target policy.
#include "event/guide_events.h"
#include "rules/url_match.h"
#include "session/content_locale.h"
#include "session/guide_session.h"
#include "session/run.h"

#include <algorithm>

namespace cairn::session {
namespace {

bool in_variant(const guide::Step& step, const std::string& variant) {
  if (step.variants.empty() || variant.empty()) return true;
  return std::find(step.variants.begin(), step.variants.end(), variant) != step.variants.end();
}

std::optional<std::int64_t> integer_of(const boost::json::value& v) {
  if (const std::int64_t* i = v.if_int64()) return *i;
  if (const std::uint64_t* u = v.if_uint64()) {
    if (*u <= 1000000) return static_cast<std::int64_t>(*u);
  }
  return std::nullopt;
}

bool is_option(const guide::SurveyQuestion& q, const boost::json::value& v) {
  const boost::json::string* s = v.if_string();
  return s != nullptr &&
         std::find(q.options.begin(), q.options.end(), std::string_view(*s)) != q.options.end();
}

// A survey answer of the question's shape: an NPS score 0..10, a rating
// 1..scale, one option id, or (multiple choice) distinct option ids.
bool valid_answer(const guide::SurveyQuestion& q, const boost::json::value& answer) {
  switch (q.kind) {
    case guide::SurveyKind::nps: {
      const std::optional<std::int64_t> n = integer_of(answer);
      return n && *n >= 0 && *n <= 10;
    }
    case guide::SurveyKind::rating: {
      const std::optional<std::int64_t> n = integer_of(answer);
      return n && *n >= 1 && *n <= q.scale;
    }
    case guide::SurveyKind::choice: {
      if (is_option(q, answer)) return true;
      const boost::json::array* picked = answer.if_array();
      if (!q.multiple || picked == nullptr || picked->empty()) return false;
      for (std::size_t i = 0; i < picked->size(); ++i) {
        if (!is_option(q, (*picked)[i])) return false;
        for (std::size_t j = 0; j < i; ++j) {
          if ((*picked)[j] == (*picked)[i]) return false;
        }
      }
      return true;
    }
  }
  return false;
}

event::MissingTargetOutcome outcome_of(guide::MissingTargetOutcome then) {
  switch (then) {
    case guide::MissingTargetOutcome::centered: return event::MissingTargetOutcome::centered_fallback;
    case guide::MissingTargetOutcome::skip: return event::MissingTargetOutcome::skipped;
    case guide::MissingTargetOutcome::end: return event::MissingTargetOutcome::ended;
  }
  return event::MissingTargetOutcome::ended;
}

}  // namespace

// ---------------------------------------------------------------------------
// Entering and showing a step

void GuideSession::enter_step(Run& run, std::size_t index, bool resuming) {
  if (!resuming || index != run.saved.step_index) {
    // A new visit of a step: its events may be recorded again.
    run.saved.step_seen_recorded = false;
    run.saved.target_missing_recorded = false;
    run.saved.changed_ms = now_;
  }
  if (run.on_screen && index != run.saved.step_index) hide_step(run);
  run.saved.step_index = index;
  run.element.reset();
  run.fallback = false;
  run.advance_element_seen = false;
  const guide::Step& step = run.step();
  if (!page_known_ || (step.page && !rules::url_rule_matches(*step.page, url_))) {
    hide_step(run);
    run.phase = RunPhase::waiting_for_page;
    return;
  }
  if (!step.target) {
    run.phase = RunPhase::showing;
    show_step(run);
    return;
  }
  run.phase = RunPhase::waiting_for_target;
  run.wait_started_ms = now_;
  // The element may already be located (the same key watched before, e.g. the
  // step was shown, hidden by a page change, and entered again).
  auto it = reports_.find(run.target_key());
  if (it != reports_.end() && it->second.state == TargetState::found &&
      watched_.count(it->first) != 0) {
    run.element = it->second.element;
    run.phase = RunPhase::showing;
    show_step(run);
    return;
  }
  hide_step(run);
}

void GuideSession::show_step(Run& run) {
  const guide::Guide& g = *run.guide;
  const guide::Step& step = run.step();
  ShowStep show;
  show.guide_id = g.id;
  show.guide_version = g.version;
  show.step_index = run.saved.step_index;
  show.step_count = g.steps.size();
  show.step_id = step.id;
  show.kind = step.kind;
  if (step.target && !run.fallback && run.element) {
    show.element = run.element;
    show.target_key = run.target_key();
  }
  show.fallback = run.fallback;
  const LocalizedContent localized = resolve_content(step, options_.locale, g.fallback_locale);
  show.locale = localized.locale;
  show.content = localized.content;
  show.ui_text = resolve_ui_text(g, localized.locale.empty() ? options_.locale : localized.locale);
  show.placement = step.placement;
  show.theme = &g.theme;
  show.backdrop = step.backdrop;
  show.can_go_back = previous_step_index(run, run.saved.step_index).has_value();
  for (const guide::ChecklistItem& item : step.items) {
    ChecklistItemView view;
    view.id = item.id;
    if (localized.content != nullptr) {
      auto label = localized.content->labels.find(item.id);
      if (label != localized.content->labels.end()) view.label = label->second;
    }
    view.done = checklist_item_done(g.id, item);
    view.action = item.action;
    view.guide_id = item.guide_id;
    view.url = item.url;
    show.checklist.push_back(std::move(view));
  }
  if (step.survey) show.survey = &*step.survey;
  out_.push_back(std::move(show));
  run.on_screen = true;
  if (!run.saved.guide_seen_recorded) {
    run.saved.guide_seen_recorded = true;
    record_guide_seen(ref(run, true));
  }
  if (!run.saved.step_seen_recorded) {
    run.saved.step_seen_recorded = true;
    record(event::make_step_seen(ref(run, true)));
  }
}

void GuideSession::hide_step(Run& run) {
  if (!run.on_screen) return;
  out_.push_back(HideStep{run.saved.guide_id});
  run.on_screen = false;
}

// ---------------------------------------------------------------------------
// Moving between steps, ending

void GuideSession::advance(Run& run, const boost::json::object* completed_properties) {
  event::Event completed = event::make_step_completed(ref(run, true));
  if (completed_properties != nullptr) {
    for (const auto& [key, value] : *completed_properties) completed.properties[key] = value;
  }
  record(std::move(completed));
  if (const std::optional<std::size_t> next = next_step_index(run, run.saved.step_index + 1)) {
    enter_step(run, *next, false);
  } else {
    complete_guide(run);
  }
}

void GuideSession::go_back(Run& run) {
  if (const std::optional<std::size_t> previous =
          previous_step_index(run, run.saved.step_index)) {
    enter_step(run, *previous, false);
  }
}

void GuideSession::complete_guide(Run& run) {
  record(event::make_guide_completed(ref(run, false)));
  rules::note_completed(state_.history.guides[run.saved.guide_id], now_);
  end_run(run);
}

void GuideSession::complete_from_step(Run& run) {
  record(event::make_step_completed(ref(run, true)));
  complete_guide(run);
}

void GuideSession::dismiss_guide(Run& run, event::DismissReason reason) {
  record(event::make_guide_dismissed(ref(run, true), reason));
  rules::note_dismissed(state_.history.guides[run.saved.guide_id], now_);
  end_run(run);
}

std::optional<std::size_t> GuideSession::next_step_index(const Run& run, std::size_t begin) const {
  for (std::size_t i = begin; i < run.guide->steps.size(); ++i) {
    if (in_variant(run.guide->steps[i], run.saved.variant)) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> GuideSession::previous_step_index(const Run& run,
                                                             std::size_t from) const {
  for (std::size_t i = from; i > 0; --i) {
    if (in_variant(run.guide->steps[i - 1], run.saved.variant)) return i - 1;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Missing targets

bool GuideSession::apply_missing_target_deadlines() {
  bool changed = false;
  for (Run* run : live_runs()) {
    if (run->ended || run->phase != RunPhase::waiting_for_target) continue;
    const std::int64_t wait = std::max<std::int64_t>(0, run->step().missing_target.wait_ms);
    if (now_ - run->wait_started_ms < wait) continue;
    apply_missing_target_outcome(*run);
    changed = true;
  }
  return changed;
}

void GuideSession::apply_missing_target_outcome(Run& run) {
  const guide::MissingTargetPolicy& policy = run.step().missing_target;
  if (!run.saved.target_missing_recorded) {
    run.saved.target_missing_recorded = true;
    record(event::make_target_missing(ref(run, true), now_ - run.wait_started_ms,
                                      outcome_of(policy.then)));
  }
  switch (policy.then) {
    case guide::MissingTargetOutcome::centered:
      run.fallback = true;
      run.phase = RunPhase::showing;
      show_step(run);
      return;
    case guide::MissingTargetOutcome::skip:
      if (const std::optional<std::size_t> next =
              next_step_index(run, run.saved.step_index + 1)) {
        enter_step(run, *next, false);
        return;
      }
      // Skipping the last step leaves nothing to show: the guide ends as below.
      break;
    case guide::MissingTargetOutcome::end:
      break;
  }
  dismiss_guide(run, event::DismissReason::target_missing);
}

void GuideSession::on_target_report(const TargetReport& report) {
  auto watched = watched_.find(report.key);
  if (watched == watched_.end()) return;
  const Watch& watch = watched->second;
  Run* run = find_run(watch.guide_id);
  if (run == nullptr) return;  // trigger elements: evaluate_triggers() reads reports_
  const bool found = report.state == TargetState::found;
  if (watch.purpose == Purpose::step_target && report.key == run->target_key()) {
    if (found) {
      if (run->phase == RunPhase::waiting_for_target ||
          (run->phase == RunPhase::showing && (run->fallback || run->element != report.element))) {
        run->element = report.element;
        run->fallback = false;
        run->phase = RunPhase::showing;
        show_step(*run);
      }
      return;
    }
    if (run->phase == RunPhase::showing && !run->fallback && run->element) {
      const guide::AdvanceRule& rule = run->step().advance;
      if (rule.kind == guide::AdvanceKind::element_disappears && rule.element.empty()) {
        advance(*run);
        return;
      }
      // The anchor went away under a shown step: wait for it again.
      hide_step(*run);
      run->element.reset();
      run->phase = RunPhase::waiting_for_target;
      run->wait_started_ms = now_;
      return;
    }
    if (run->phase == RunPhase::waiting_for_target) {
      // The locator has answered: with no wait left, apply the policy now.
      const std::int64_t wait = std::max<std::int64_t>(0, run->step().missing_target.wait_ms);
      if (now_ - run->wait_started_ms >= wait) apply_missing_target_outcome(*run);
    }
    return;
  }
  if (watch.purpose == Purpose::advance_element && report.key == run->advance_key() &&
      run->phase == RunPhase::showing) {
    const guide::AdvanceKind kind = run->step().advance.kind;
    if (kind == guide::AdvanceKind::element_appears && found) {
      advance(*run);
    } else if (kind == guide::AdvanceKind::element_disappears) {
      if (found) {
        run->advance_element_seen = true;
      } else if (run->advance_element_seen) {
        advance(*run);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Page, event and element inputs for running guides

void GuideSession::on_page_for_runs() {
  const rules::UrlParts& url = url_;
  for (Run* run : live_runs()) {
    if (run->ended || run->phase == RunPhase::suspended) continue;
    const guide::Step& step = run->step();
    const bool active = run->phase == RunPhase::showing || run->phase == RunPhase::waiting_for_target;
    if (active && step.advance.kind == guide::AdvanceKind::url_change &&
        rules::url_rules_match(step.advance.pages, url)) {
      advance(*run);
    } else if (step.page && !rules::url_rule_matches(*step.page, url)) {
      hide_step(*run);
      run->phase = RunPhase::waiting_for_page;
    } else if (run->phase == RunPhase::waiting_for_page) {
      enter_step(*run, run->saved.step_index, true);
    }
  }
}

void GuideSession::on_event_for_runs(std::string_view event) {
  for (Run* run : live_runs()) {
    if (run->ended || run->phase != RunPhase::showing) continue;
    const guide::AdvanceRule& rule = run->step().advance;
    if (rule.kind == guide::AdvanceKind::custom_event && rule.event == event) advance(*run);
  }
}

void GuideSession::on_target_action(const UserAction& action) {
  auto it = watched_.find(action.key);
  if (it == watched_.end()) return;
  const Watch watch = it->second;
  const bool clicked = action.kind == UserActionKind::target_clicked;
  if (watch.purpose == Purpose::trigger_element) {
    const guide::Guide* g = find_guide(watch.guide_id);
    if (clicked && g != nullptr && g->trigger.kind == guide::TriggerKind::element_clicked &&
        find_run(g->id) == nullptr) {
      fire_trigger(*g);
    }
    return;
  }
  Run* run = find_run(watch.guide_id);
  if (run == nullptr || run->phase != RunPhase::showing || action.key != run->target_key()) return;
  const guide::AdvanceKind kind = run->step().advance.kind;
  if ((clicked && kind == guide::AdvanceKind::click_target) ||
      (!clicked && kind == guide::AdvanceKind::input_target)) {
    advance(*run);
  }
}

// ---------------------------------------------------------------------------
// Buttons, surveys, checklists

void GuideSession::on_button(Run& run, std::int64_t button) {
  const LocalizedContent localized =
      resolve_content(run.step(), options_.locale, run.guide->fallback_locale);
  if (localized.content == nullptr || button < 0 ||
      static_cast<std::size_t>(button) >= localized.content->buttons.size()) {
    return;
  }
  const guide::Button b = localized.content->buttons[static_cast<std::size_t>(button)];
  switch (b.action) {
    case guide::ButtonAction::next: advance(run); return;
    case guide::ButtonAction::back: go_back(run); return;
    case guide::ButtonAction::dismiss: dismiss_guide(run, event::DismissReason::close_button); return;
    case guide::ButtonAction::complete: complete_from_step(run); return;
    case guide::ButtonAction::url:
      out_.push_back(OpenUrl{b.url, b.new_tab});
      advance(run);
      return;
    case guide::ButtonAction::launch_guide: {
      // The button is this guide's call to action: it has done its job.
      complete_from_step(run);
      if (const guide::Guide* target = find_guide(b.guide_id)) {
        if (find_run(target->id) == nullptr) start_guide(*target, true);
      }
      return;
    }
  }
}

void GuideSession::on_survey_answer(Run& run, const boost::json::value& answer) {
  const guide::Step& step = run.step();
  if (step.kind != guide::StepKind::survey || !step.survey || !valid_answer(*step.survey, answer)) {
    return;
  }
  boost::json::object properties;
  properties["answer"] = answer;
  advance(run, &properties);
}

void GuideSession::on_checklist_item(Run& run, std::string_view item_id) {
  const guide::Step& step = run.step();
  auto item = std::find_if(step.items.begin(), step.items.end(),
                           [&](const guide::ChecklistItem& i) { return i.id == item_id; });
  if (step.kind != guide::StepKind::checklist || item == step.items.end()) return;
  if (item->completed_by_guide.empty()) {
    std::vector<std::string>& checked = state_.checked_items[run.saved.guide_id];
    if (std::find(checked.begin(), checked.end(), item->id) == checked.end() &&
        checked.size() < kMaxCheckedItems) {
      checked.push_back(item->id);
    }
  }
  if (item->action == guide::ChecklistAction::url) out_.push_back(OpenUrl{item->url, false});
  if (item->action == guide::ChecklistAction::launch_guide) {
    const guide::Guide* target = find_guide(item->guide_id);
    if (target != nullptr && target->id != run.saved.guide_id && find_run(target->id) == nullptr) {
      // The checklist steps aside while the guide it launched runs, and comes
      // back when that guide ends (resume_suspended).
      hide_step(run);
      run.phase = RunPhase::suspended;
      run.saved.changed_ms = now_;
      if (start_guide(*target, true)) return;
      run.phase = RunPhase::showing;
    }
  }
  const bool all_done = std::all_of(step.items.begin(), step.items.end(),
                                    [&](const guide::ChecklistItem& i) {
                                      return checklist_item_done(run.saved.guide_id, i);
                                    });
  if (all_done) {
    advance(run);
  } else {
    show_step(run);
  }
}

bool GuideSession::checklist_item_done(const std::string& guide_id,
                                       const guide::ChecklistItem& item) const {
  if (!item.completed_by_guide.empty()) {
    const rules::GuideRecord* record = state_.history.find(item.completed_by_guide);
    return record != nullptr && record->completed_count > 0;
  }
  auto it = state_.checked_items.find(guide_id);
  return it != state_.checked_items.end() &&
         std::find(it->second.begin(), it->second.end(), item.id) != it->second.end();
}

// ---------------------------------------------------------------------------
// Events

event::GuideRef GuideSession::ref(const Run& run, bool with_step) const {
  event::GuideRef r;
  r.guide_id = run.saved.guide_id;
  r.guide_version = run.saved.guide_version;
  r.variant = run.saved.variant;
  if (with_step) {
    r.step_index = static_cast<std::int64_t>(run.saved.step_index);
    r.step_id = run.step().id;
  }
  return r;
}

void GuideSession::record_guide_seen(const event::GuideRef& guide, bool held_out) {
  record(event::make_guide_seen(guide));
  rules::note_seen(state_.history.guides[guide.guide_id], session_id(), now_, held_out);
}

void GuideSession::record(event::Event e) {
  e.user_id = user_id_;
  if (user_id_.empty()) e.anonymous_id = options_.anonymous_id;
  e.timestamp_ms = now_;
  out_.push_back(RecordEvent{std::move(e)});
}

}  // namespace cairn::session
