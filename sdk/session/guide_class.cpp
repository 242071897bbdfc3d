#include "session/guide_class.h"

#include <algorithm>

namespace cairn::session {

GuideClass classify(const guide::Guide& guide) {
  const bool all_stacking =
      std::all_of(guide.steps.begin(), guide.steps.end(), [](const guide::Step& step) {
        return step.kind == guide::StepKind::banner || step.kind == guide::StepKind::hotspot ||
               step.kind == guide::StepKind::launcher;
      });
  return all_stacking && !guide.steps.empty() ? GuideClass::stacking : GuideClass::modal;
}

}  // namespace cairn::session
