// Choosing which locale's text a step shows. Authors write content per locale
// tag ("en", "pt-BR"); users come with a UI locale that may be more or less
// specific than what the author wrote.
//
// Threading: pure function.
#pragma once

#include "guide/guide.h"

#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace cairn::session {

struct LocalizedContent {
  std::string locale;                          // the key chosen; empty when the step has none
  const guide::StepContent* content = nullptr;  // nullptr when the step has no content at all
};

// In order: the exact tag; the same tag ignoring case; the tag's language
// ("pt-BR" -> "pt"); another region of that language ("pt" -> "pt-PT", the
// first in key order); the guide's fallback locale; the first locale in key order.
LocalizedContent resolve_content(const guide::Step& step, std::string_view locale,
                                 std::string_view fallback_locale);

// The same choice over any table by locale tag: the entry for `locale`, or
// nullptr when `entries` is empty.
template <class T>
const std::pair<const std::string, T>* resolve_locale(const std::map<std::string, T>& entries,
                                                      std::string_view locale,
                                                      std::string_view fallback_locale);

// The SDK's own words (guide/ui_text.h) for a step whose content is in
// `content_locale`, so they are in the card's language: per word, the table
// resolve_locale() picks for that locale, then the fallback locale's table.
// Words in neither are absent (the adapter has them in English).
std::map<std::string, std::string> resolve_ui_text(const guide::Guide& guide,
                                                   std::string_view content_locale);

}  // namespace cairn::session
