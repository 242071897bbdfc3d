#include "rules/trigger.h"

#include <catch2/catch.hpp>

namespace cr = cairn::rules;
namespace cg = cairn::guide;

TEST_CASE("page triggers fire on matching pages only") {
  cg::Trigger t;
  t.kind = cg::TriggerKind::page_load;
  t.pages.include.push_back(cg::UrlRule{"/app/**", {}, std::nullopt, {}});
  t.pages.exclude.push_back(cg::UrlRule{"/app/settings", {}, std::nullopt, {}});
  CHECK(cr::page_trigger_matches(t, cr::split_url("/app/projects")));
  CHECK_FALSE(cr::page_trigger_matches(t, cr::split_url("/app/settings")));
  CHECK_FALSE(cr::page_trigger_matches(t, cr::split_url("/home")));
  CHECK(cr::trigger_applies_on_page(t, cr::split_url("/app")));
  t.kind = cg::TriggerKind::element_clicked;
  CHECK_FALSE(cr::page_trigger_matches(t, cr::split_url("/app/projects")));
  CHECK(cr::trigger_applies_on_page(t, cr::split_url("/app/projects")));
  CHECK_FALSE(cr::trigger_applies_on_page(t, cr::split_url("/home")));
}

TEST_CASE("manual triggers never fire on their own") {
  cg::Trigger t;
  t.kind = cg::TriggerKind::manual;
  CHECK_FALSE(cr::page_trigger_matches(t, cr::split_url("/")));
  CHECK_FALSE(cr::trigger_applies_on_page(t, cr::split_url("/")));
  CHECK_FALSE(cr::event_trigger_matches(t, "", cr::split_url("/")));
}

TEST_CASE("event triggers need the named event on a matching page") {
  cg::Trigger t;
  t.kind = cg::TriggerKind::custom_event;
  t.event = "report_exported";
  CHECK(cr::event_trigger_matches(t, "report_exported", cr::split_url("/any")));
  CHECK_FALSE(cr::event_trigger_matches(t, "report_viewed", cr::split_url("/any")));
  t.pages.include.push_back(cg::UrlRule{"/reports/**", {}, std::nullopt, {}});
  CHECK_FALSE(cr::event_trigger_matches(t, "report_exported", cr::split_url("/any")));
  CHECK(cr::event_trigger_matches(t, "report_exported", cr::split_url("/reports/1")));
  t.kind = cg::TriggerKind::page_load;
  CHECK_FALSE(cr::event_trigger_matches(t, "report_exported", cr::split_url("/reports/1")));
}
