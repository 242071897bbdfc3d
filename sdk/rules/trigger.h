// Trigger matching: whether something that happened starts a guide. The
// session asks these questions on each input; element triggers are matched by
// the locator (the session passes the candidate), so here they only check the page.
//
// Threading: pure functions.
#pragma once

#include "guide/guide.h"
#include "rules/context.h"

#include <string_view>

namespace cairn::rules {

// A page was shown (load or SPA route change): true for page_load triggers
// whose pages match.
bool page_trigger_matches(const guide::Trigger& trigger, const UrlParts& url);

// The page is one where the trigger can fire at all (false for manual ones).
// For element_* triggers the session then asks the locator about `element`.
bool trigger_applies_on_page(const guide::Trigger& trigger, const UrlParts& url);

// The host tracked `event` on `url`: true for custom_event triggers naming it
// whose pages match.
bool event_trigger_matches(const guide::Trigger& trigger, std::string_view event,
                           const UrlParts& url);

}  // namespace cairn::rules
