// Choosing which locale's text a step shows. Authors write content per locale
// tag ("en", "pt-BR"); users come with a UI locale that may be more or less
// specific than what the author wrote.
//
// Threading: pure function.
#pragma once

#include "guide/guide.h"

#include <string>
#include <string_view>

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

}  // namespace cairn::session
