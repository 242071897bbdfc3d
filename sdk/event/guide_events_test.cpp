#include "event/guide_events.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace ce = cairn::event;
namespace cj = cairn::json;
namespace bj = boost::json;

namespace {

bool has_problem_at(const cj::Problems& problems, const std::string& pointer,
                    const std::string& reason_part) {
  for (const cj::Problem& p : problems.stored()) {
    if (p.pointer == pointer && p.reason.find(reason_part) != std::string::npos) return true;
  }
  return false;
}

// Builders produce events the codec accepts: write them out and read them back.
void check_accepted(ce::Event e) {
  e.anonymous_id = "anon";
  cj::Problems problems;
  auto back = ce::read_event(ce::write_event(e), "", problems);
  INFO(e.event << ": " << problems.summary());
  REQUIRE(back);
  CHECK(bj::value(back->properties) == bj::value(e.properties));
}

}  // namespace

TEST_CASE("every guide event builder makes an event the codec accepts") {
  ce::GuideRef ref{"g1", 3, "control", 2, "s2"};
  check_accepted(ce::make_guide_seen(ref));
  check_accepted(ce::make_step_seen(ref));
  check_accepted(ce::make_step_completed(ref));
  check_accepted(ce::make_guide_dismissed(ref, ce::DismissReason::escape_key));
  check_accepted(ce::make_target_missing(ref, 5000, ce::MissingTargetOutcome::centered_fallback));
  check_accepted(ce::make_guide_completed({"g1", std::nullopt, "", std::nullopt, ""}));
  check_accepted(ce::make_rage_click({bj::parse(R"({"tag":"button"})"), "Save", "https://x/y", 10.5, 20, 4}));
  check_accepted(ce::make_dead_click({nullptr, "", "", std::nullopt, std::nullopt, 0}));
}

TEST_CASE("builders fill the reserved names and properties") {
  ce::Event e = ce::make_guide_dismissed({"g", 1, "", 0, ""}, ce::DismissReason::outside_click);
  CHECK(e.type == ce::EventType::track);
  CHECK(e.event == "cairn_guide_dismissed");
  CHECK(e.properties.at("reason") == "outside_click");
  CHECK(e.properties.at("step_index") == 0);
  CHECK(ce::make_rage_click({nullptr, "", "", std::nullopt, std::nullopt, 5}).properties.at("click_count") == 5);
  CHECK(ce::make_target_missing({"g", std::nullopt, "", 1, ""}, std::nullopt, ce::MissingTargetOutcome::ended)
            .properties.at("outcome") == "ended");
}

TEST_CASE("validate_reserved_event reports each missing or wrong property") {
  struct Case {
    std::string_view name;
    const char* properties;
    const char* pointer;
    const char* reason;
  };
  const Case cases[] = {
      {ce::kGuideSeen, R"({})", "/p/properties/guide_id", "required"},
      {ce::kGuideSeen, R"({"guide_id": ""})", "/p/properties/guide_id", "must not be empty"},
      {ce::kGuideSeen, R"({"guide_id": "g", "guide_version": -1})", "/p/properties/guide_version", "between"},
      {ce::kStepSeen, R"({"guide_id": "g"})", "/p/properties/step_index", "required"},
      {ce::kStepCompleted, R"({"guide_id": "g", "step_index": 1.5})", "/p/properties/step_index", "integer"},
      {ce::kGuideDismissed, R"({"guide_id": "g"})", "/p/properties/reason", "required"},
      {ce::kGuideDismissed, R"({"guide_id": "g", "reason": "bored"})", "/p/properties/reason", "must be one of"},
      {ce::kTargetMissing, R"({"guide_id": "g", "step_index": 0, "waited_ms": -5})", "/p/properties/waited_ms", "between"},
      {ce::kTargetMissing, R"({"guide_id": "g", "step_index": 0, "outcome": "x"})", "/p/properties/outcome", "must be one of"},
      {ce::kGuideCompleted, R"({"guide_id": 5})", "/p/properties/guide_id", "must be a string"},
      {ce::kRageClick, R"({})", "/p/properties/click_count", "required"},
      {ce::kRageClick, R"({"click_count": 1})", "/p/properties/click_count", "between 2"},
      {ce::kDeadClick, R"({"x": "left"})", "/p/properties/x", "must be a number"},
  };
  for (const Case& c : cases) {
    ce::Event e;
    e.event = std::string(c.name);
    e.properties = bj::parse(c.properties).as_object();
    cj::Problems problems;
    INFO(c.name << " " << c.properties);
    CHECK_FALSE(ce::validate_reserved_event(e, "/p", problems));
    CHECK(has_problem_at(problems, c.pointer, c.reason));
  }
}

TEST_CASE("other events and unknown cairn_ names pass validate_reserved_event") {
  ce::Event e;
  e.event = "cairn_future_thing";
  cj::Problems problems;
  CHECK(ce::validate_reserved_event(e, "", problems));
  e.event = "Clicked";
  CHECK(ce::validate_reserved_event(e, "", problems));
  CHECK(problems.empty());
  CHECK(ce::is_reserved_name("cairn_x"));
  CHECK_FALSE(ce::is_reserved_name("cairn"));
}
