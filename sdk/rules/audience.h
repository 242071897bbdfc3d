// Audience evaluation: does the user in a context satisfy a guide's audience
// predicate tree (guide::Audience)? Semantics, documented in docs/rules.md:
//
// - A missing attribute (or null) fails every operator except through "not";
//   "exists" is true when the attribute is present and not null.
// - No type coercion: the string "5" does not eq the number 5 (and so it neq 5);
//   gt/lt compare two numbers numerically or two strings bytewise, and fail on
//   a mix. contains works on strings (substring) and arrays (an element eq value).
// - Attribute names are looked up exactly; if absent and the name has dots,
//   "company.plan" walks nested objects.
// - Event counts are over from = now - within_ms to now, both ends inclusive.
// - Rollout uses bucket(user_id, salt or guide id) (bucket.h).
//
// Evaluation is linear in the size of the tree. It recurses once per nesting
// level: at most kMaxAudienceDepth for trees the codec read, and it answers
// false past 64 levels for trees built in code.
//
// Threading: pure functions over const inputs.
#pragma once

#include "guide/guide.h"
#include "rules/context.h"

#include <boost/json/value.hpp>

#include <string_view>

namespace cairn::rules {

// `guide_id` is the guide being evaluated (the default rollout seed).
bool audience_matches(const guide::Audience& audience, const EvaluationContext& context,
                      std::string_view guide_id);

// One attribute comparison; `attribute` is nullptr when the user lacks it.
bool attribute_matches(const boost::json::value* attribute, guide::AttributeOp op,
                       const boost::json::value& operand);

// The attribute by exact name, else by dotted path; nullptr when absent.
const boost::json::value* find_attribute(const boost::json::object& attributes,
                                         std::string_view name);

}  // namespace cairn::rules
