// The grammar of URL path patterns (see guide::UrlRule): which patterns are
// well formed. The codec refuses malformed ones on load, and the matcher
// (rules/url_match.h) may then assume well-formed input.
//
// Threading: pure function.
#pragma once

#include <string>
#include <string_view>

namespace cairn::guide {

// Empty if `pattern` is well formed, otherwise why not: it must start with "/",
// contain no spaces, control characters, "?" or "#", use "**" only as a whole
// segment and ":" only to start a segment followed by a name of [A-Za-z0-9_].
std::string path_pattern_problem(std::string_view pattern);

}  // namespace cairn::guide
