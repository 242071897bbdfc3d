// Selectors computed over descriptors instead of a live DOM: the unique CSS
// selector @medv/finder would generate, a ROBULA+-style robust XPath, and the
// absolute XPath. They serve three uses: the fingerprint keeps two of them for
// people and for a querySelector fast path, and the locator benchmark uses the
// finder-style CSS and the absolute XPath as the baselines the matcher must beat.
//
// Only what descriptors carry can be expressed: tag, id, classes, a test-id or
// name attribute and the text of the element itself, and :nth-of-type
// (descriptors count same-tag siblings; finder counts all siblings with
// :nth-child, the closest expressible equivalent).
//
// Threading: pure functions.
#pragma once

#include "locator/element_descriptor.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cairn::locator {

struct SelectorStep {
  std::string tag;  // "" matches any tag
  std::string id;
  std::vector<std::string> classes;
  std::string attribute_name;  // element step only
  std::string attribute_value;
  std::string text;       // element step only: exact whitespace-collapsed text
  int nth_of_type = 0;    // 1-based; 0 = no position
  bool child_of_previous = false;  // '>' between the previous step and this one
};

// Outermost step first; the last step describes the element itself.
struct Selector {
  std::vector<SelectorStep> steps;
};

struct SelectorRules {
  bool use_test_ids = true;   // [data-testid="..."], [name="..."]
  bool use_text = false;      // text predicates (XPath only)
  bool skip_generated = true; // leave out ids/classes that look generated
  bool finder_word_like = false;  // finder's own filter instead: ids/classes must be word-like
};

std::string to_css(const Selector& selector);
std::string to_xpath(const Selector& selector);

// True when `element` (with its ancestor chain) matches `selector`.
bool selector_matches(const Selector& selector, const ElementDescriptor& element);

// The shortest selector under `rules` that matches `page[self_index]` and no
// other element of `page`; nullopt when none was found within the search limits
// (short paths first, then an nth-of-type path from the nearest stable anchor).
std::optional<Selector> unique_selector(std::span<const ElementDescriptor> page,
                                        std::size_t self_index, const SelectorRules& rules);

// "/html/body/div[2]/button[1]" from the ancestor chain (all levels indexed);
// starts with "//" when the chain was truncated before reaching body.
std::string absolute_xpath(const ElementDescriptor& element);

// finder's word-likeness test for ids and class names.
bool finder_word_like(std::string_view name);

}  // namespace cairn::locator
