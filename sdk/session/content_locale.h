// Choosing which locale's text a step shows. Authors write content per locale
// tag ("en", "pt-BR"); users come with a UI locale that may be more or less
// specific than what the author wrote.
//
// Threading: pure function.
#pragma once

#include "guide/guide.h"

#include <cstddef>
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

// The same rules among `keys` (in key order, as a std::map's), but the last:
// the index of the key for `locale`, or `count` when none is for it or for
// the fallback locale. One function for every table by locale (the WASM SDK
// has one copy of it).
std::size_t choose_locale(const std::string* const* keys, std::size_t count,
                          std::string_view locale, std::string_view fallback_locale);

using UiWords = std::map<std::string, std::string>;

// The tables of the SDK's own words (guide/ui_text.h) a step shows. A word
// is `chosen`'s, else `fallback`'s, else (in neither, or both null) the
// adapter's English. Pointers into the guide.
struct UiTextTables {
  const UiWords* chosen = nullptr;
  const UiWords* fallback = nullptr;
};

// For a step whose content is in `content_locale`, so the words are in the
// card's language: the table for that locale by the rules above (but never
// just the first table: another language's words would be wrong, English is
// not), and the guide's fallback locale's table.
UiTextTables resolve_ui_text(const guide::Guide& guide, std::string_view content_locale);

}  // namespace cairn::session
