#include "guide/guide.h"

#include <catch2/catch.hpp>

namespace cg = cairn::guide;

TEST_CASE("anchored kinds need a target, centered kinds refuse one") {
  CHECK(cg::target_need(cg::StepKind::tooltip) == cg::TargetNeed::required);
  CHECK(cg::target_need(cg::StepKind::hotspot) == cg::TargetNeed::required);
  CHECK(cg::target_need(cg::StepKind::modal) == cg::TargetNeed::forbidden);
  CHECK(cg::target_need(cg::StepKind::banner) == cg::TargetNeed::forbidden);
  CHECK(cg::target_need(cg::StepKind::slideout) == cg::TargetNeed::forbidden);
  CHECK(cg::target_need(cg::StepKind::checklist) == cg::TargetNeed::forbidden);
  CHECK(cg::target_need(cg::StepKind::launcher) == cg::TargetNeed::optional);
  CHECK(cg::target_need(cg::StepKind::survey) == cg::TargetNeed::optional);
}

TEST_CASE("guides compare by value, unknown fields included") {
  cg::Guide a;
  a.id = "g";
  a.steps.push_back(cg::Step{});
  cg::Guide b = a;
  CHECK(a == b);
  b.steps[0].unknown["x-future"] = 1;
  CHECK_FALSE(a == b);
  cg::Audience tree;
  tree.kind = cg::AudienceKind::any;
  tree.children.push_back(cg::Audience{});
  a.audience = tree;
  CHECK_FALSE(a == b);
}
