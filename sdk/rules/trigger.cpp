#include "rules/trigger.h"

#include "rules/url_match.h"

namespace cairn::rules {

bool trigger_applies_on_page(const guide::Trigger& trigger, const UrlParts& url) {
  if (trigger.kind == guide::TriggerKind::manual) return false;
  return url_rules_match(trigger.pages, url);
}

bool page_trigger_matches(const guide::Trigger& trigger, const UrlParts& url) {
  return trigger.kind == guide::TriggerKind::page_load && url_rules_match(trigger.pages, url);
}

bool event_trigger_matches(const guide::Trigger& trigger, std::string_view event,
                           const UrlParts& url) {
  return trigger.kind == guide::TriggerKind::custom_event && trigger.event == event &&
         url_rules_match(trigger.pages, url);
}

}  // namespace cairn::rules
