// Telling machine-generated class names (CSS-in-JS hashes, CSS-module suffixes,
// framework scoping classes) from names a developer wrote. Generated names change
// on every build or redesign, so the matcher and the selector generator ignore
// them; hand-written names survive and are worth matching on. The rules are
// listed in docs/fingerprint.md; they extend @medv/finder's word-likeness test.
//
// Threading: pure function.
#pragma once

#include <string_view>

namespace cairn::locator {

// True when `class_name` looks generated: "css-1x2y3z", "sc-AbCdE", "_3xk9",
// "Button_primary__3xk9a", "jss123", "svelte-1q2w3e". False for "btn-primary",
// "col-md-6", "text-gray-500", "h1", "MuiButton-root".
bool looks_generated_class(std::string_view class_name);

// Same test for ids: "react-select-3-input", ":r1:", "ember123", "mui-42".
bool looks_generated_id(std::string_view id);

// True when `id` is `original` with a generated part added before or after it
// ("save-project" → "save-project-css-r4ji", "save-project_3xk9a", "x1y2z3-save-project"):
// a build that scopes its ids renamed it, the element is still the one named
// "save-project". A worded addition ("save-project-draft") is a different element.
bool id_regenerated_from(std::string_view id, std::string_view original);

}  // namespace cairn::locator
