// Eligibility: whether a guide may start now for this user, and if not, why.
// Combines status, environment, schedule, frequency cap, audience and the
// experiment holdout. The trigger (when to start) is separate: see trigger.h.
//
// Threading: pure functions over const inputs.
#pragma once

#include "guide/guide.h"
#include "rules/bucket.h"
#include "rules/context.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace cairn::rules {

// True if start_ms <= now_ms < end_ms (missing bounds are open).
bool schedule_allows(const guide::Schedule& schedule, std::int64_t now_ms);

// Frequency caps against the guide's record (nullptr: never seen):
//   once:            never seen
//   until_completed: never completed, and not already started in this session
//   every_session:   not already started in this session
//   at_most:         fewer than `times` starts in [now - window_ms, now]
//                    (ever, without a window)
bool frequency_allows(const guide::Frequency& frequency, const GuideRecord* record,
                      std::string_view session_id, std::int64_t now_ms);

// The first reason a guide is not eligible, checked in this order.
enum class Verdict {
  eligible,
  not_published,      // draft or archived
  wrong_environment,  // not listed for the context's environment
  outside_schedule,
  frequency_capped,
  audience_mismatch,  // includes rollouts the user is not in
  holdout,            // in the experiment's holdout group: record, don't show
  // The guide runs an experiment and the user has no id (no consent yet, Do
  // Not Track): no variant can be assigned, so nothing is shown or recorded,
  // and the user is assigned once an id is known.
  unknown_user,
};

std::string_view verdict_name(Verdict verdict);

struct Eligibility {
  Verdict verdict = Verdict::eligible;
  // The user's experiment assignment when the guide has an experiment, the
  // user has an id and no earlier check refused the guide (also for holdout,
  // so the session can record exposure).
  std::optional<VariantAssignment> assignment;
};

// How a guide is being started. A launch (the host's launch(), a button or a
// checklist item starting it) overrides schedule, frequency cap and audience,
// but not status, environment or the experiment: a launched guide carries the
// user's variant on its events and the holdout is not shown it. So for
// `launched` the verdict is eligible, not_published, wrong_environment,
// holdout or unknown_user.
enum class Start { triggered, launched };

Eligibility check_eligibility(const guide::Guide& guide, const EvaluationContext& context,
                              Start start = Start::triggered);

}  // namespace cairn::rules
