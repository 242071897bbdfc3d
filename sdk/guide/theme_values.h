// Checks for theme values. Each becomes the value of a CSS custom property in
// the guide's shadow root; a value that could close the declaration (";", "}")
// or pull in resources ("url(", "@import") would let a guide author restyle or
// track the host page, so only plain, known-safe shapes pass.
//
// The problems are string literals (a string_view, not a std::string, so no
// caller builds one unless it reports it).
//
// Threading: pure functions.
#pragma once

#include <string_view>

namespace cairn::guide {

// Empty if `value` is #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba() with up to
// four numeric (optionally %) arguments separated by commas or spaces (and "/"
// before alpha), "transparent" or a CSS named colour; otherwise why not.
std::string_view color_problem(std::string_view value);

// Empty if `value` is a comma-separated list of font family names made of
// letters, digits, spaces, hyphens, underscores and matching quotes; otherwise why not.
std::string_view font_family_problem(std::string_view value);

}  // namespace cairn::guide
