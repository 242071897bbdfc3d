// URL rule matching: does a page (UrlParts) match a guide's URL rule?
// Pattern syntax is documented on guide::UrlRule and in docs/rules.md.
//
// Matching is linear in pattern length times path length at worst ("**" is the
// only backtracking construct, and each "**" is tried at each segment once).
//
// Threading: pure functions.
#pragma once

#include "guide/guide.h"
#include "rules/context.h"

#include <string_view>

namespace cairn::rules {

// True if `path` matches the path pattern (see guide::UrlRule).
bool path_matches(std::string_view pattern, std::string_view path);

// True if `text` matches a glob where "*" matches any run of characters.
bool glob_matches(std::string_view glob, std::string_view text);

// Path pattern, every query condition and the hash glob all hold.
bool url_rule_matches(const guide::UrlRule& rule, const UrlParts& url);

// Some include rule matches (or there are none) and no exclude rule matches.
bool url_rules_match(const guide::UrlRules& rules, const UrlParts& url);

// Why a path pattern is invalid, or empty when it is valid. The guide codec
// uses this so that a pattern the matcher would misread is refused on load.
std::string path_pattern_problem(std::string_view pattern);

}  // namespace cairn::rules
