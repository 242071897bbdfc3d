#include "guide/guide.h"

namespace cairn::guide {

TargetNeed target_need(StepKind kind) {
  switch (kind) {
    case StepKind::tooltip:
    case StepKind::hotspot:
      return TargetNeed::required;
    case StepKind::modal:
    case StepKind::banner:
    case StepKind::slideout:
    case StepKind::checklist:
      return TargetNeed::forbidden;
    case StepKind::launcher:
    case StepKind::survey:
      return TargetNeed::optional;
  }
  return TargetNeed::optional;
}

}  // namespace cairn::guide

namespace cairn::guide {

const StepContent* content_for(const Step& step, std::string_view locale,
                               std::string_view fallback) {
  auto find = [&](std::string_view tag) -> const StepContent* {
    if (tag.empty()) return nullptr;
    auto it = step.content.find(std::string(tag));
    return it == step.content.end() ? nullptr : &it->second;
  };
  if (const StepContent* exact = find(locale)) return exact;
  std::size_t dash = locale.find('-');
  if (dash != std::string_view::npos) {
    if (const StepContent* language = find(locale.substr(0, dash))) return language;
  }
  return find(fallback);
}

}  // namespace cairn::guide
