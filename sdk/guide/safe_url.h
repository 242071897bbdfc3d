// Which URLs a guide may point at. Guides are written by people who are not
// the host's engineers and may be shown to every user, so a link must never run
// script ("javascript:", "data:", "vbscript:" ...) whatever its spelling.
//
// Threading: pure functions.
#pragma once

#include <string_view>

namespace cairn::guide {

// Links (buttons, checklist items, markdown links): http:, https:, mailto:
// (case-insensitive) or a relative URL ("/path", "page?x=1", "#part",
// "//host/path"). Refused: any other scheme, ASCII control characters, spaces
// and backslashes (browsers strip or rewrite those, which is how "java\tscript:"
// slips past naive checks), and empty strings.
bool is_safe_link_url(std::string_view url);

// Media (images, videos): absolute http: or https: URLs only, same character rules.
bool is_safe_media_url(std::string_view url);

}  // namespace cairn::guide
