#include "rules/eligibility.h"

#include "rules/audience.h"

#include <algorithm>

namespace cairn::rules {

bool schedule_allows(const guide::Schedule& schedule, std::int64_t now_ms) {
  if (schedule.start_ms && now_ms < *schedule.start_ms) return false;
  if (schedule.end_ms && now_ms >= *schedule.end_ms) return false;
  return true;
}

bool frequency_allows(const guide::Frequency& frequency, const GuideRecord* record,
                      std::string_view session_id, std::int64_t now_ms) {
  if (!record) return frequency.kind != guide::FrequencyKind::at_most || frequency.times > 0;
  bool started_this_session = record->seen_count > 0 && !session_id.empty() &&
                              record->last_seen_session == session_id;
  switch (frequency.kind) {
    case guide::FrequencyKind::once:
      return record->seen_count == 0;
    case guide::FrequencyKind::until_completed:
      return record->completed_count == 0 && !started_this_session;
    case guide::FrequencyKind::every_session:
      return !started_this_session;
    case guide::FrequencyKind::at_most: {
      if (!frequency.window_ms) return record->seen_count < frequency.times;
      std::int64_t from = now_ms - *frequency.window_ms;
      const std::vector<std::int64_t>& starts = record->recent_starts_ms;
      auto lo = std::lower_bound(starts.begin(), starts.end(), from);
      auto hi = std::upper_bound(starts.begin(), starts.end(), now_ms);
      return (hi - lo) < frequency.times;
    }
  }
  return false;
}

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::eligible: return "eligible";
    case Verdict::not_published: return "not_published";
    case Verdict::wrong_environment: return "wrong_environment";
    case Verdict::outside_schedule: return "outside_schedule";
    case Verdict::frequency_capped: return "frequency_capped";
    case Verdict::audience_mismatch: return "audience_mismatch";
    case Verdict::holdout: return "holdout";
    case Verdict::unknown_user: return "unknown_user";
  }
  return "unknown";
}

Eligibility check_eligibility(const guide::Guide& guide, const EvaluationContext& context,
                              Start start) {
  Eligibility out;
  if (guide.status != guide::GuideStatus::published &&
      guide.status != guide::GuideStatus::scheduled) {
    out.verdict = Verdict::not_published;
    return out;
  }
  if (!guide.environments.empty() &&
      std::find(guide.environments.begin(), guide.environments.end(), context.environment) ==
          guide.environments.end()) {
    out.verdict = Verdict::wrong_environment;
    return out;
  }
  if (start == Start::triggered) {
    if (!schedule_allows(guide.schedule, context.now_ms)) {
      out.verdict = Verdict::outside_schedule;
      return out;
    }
    const GuideRecord* record = context.history ? context.history->find(guide.id) : nullptr;
    if (!frequency_allows(guide.frequency, record, context.session_id, context.now_ms)) {
      out.verdict = Verdict::frequency_capped;
      return out;
    }
    if (guide.audience && !audience_matches(*guide.audience, context, guide.id)) {
      out.verdict = Verdict::audience_mismatch;
      return out;
    }
  }
  if (guide.experiment && context.user_id.empty()) {
    // Recording a holdout start here would keep a once-only guide from the
    // user for good, after they consent and get a real assignment.
    out.verdict = Verdict::unknown_user;
    return out;
  }
  if (guide.experiment) {
    out.assignment = assign_variant(*guide.experiment, guide.id, context.user_id);
    if (out.assignment->holdout) out.verdict = Verdict::holdout;
  }
  return out;
}

}  // namespace cairn::rules
