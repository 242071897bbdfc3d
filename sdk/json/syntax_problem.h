// The Problem a JSON parser reports when the text is not JSON, worded the same
// whichever parser read it (parse_document picks one per build, see reader.cpp).
#pragma once

#include "json/problems.h"

#include <cstddef>
#include <string_view>

namespace cairn::json {

// Adds "invalid JSON at byte <offset>: <what>" at "" (the whole document).
void add_syntax_problem(Problems& problems, std::size_t offset, std::string_view what);

// Adds "nesting deeper than <max_depth> levels" at "".
void add_depth_problem(Problems& problems, std::size_t max_depth);

}  // namespace cairn::json
