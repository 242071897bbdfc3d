#include "locator/fingerprint_builder.h"

#include "locator/generated_class.h"
#include "locator/selector.h"
#include "locator/text_clip.h"

#include <algorithm>

namespace cairn::locator {

namespace {

void add_generated(const std::vector<std::string>& classes, std::vector<std::string>& out) {
  for (const std::string& c : classes) {
    if (out.size() >= FingerprintLimits::kMaxGeneratedClasses) return;
    if (looks_generated_class(c) && std::find(out.begin(), out.end(), c) == out.end()) {
      out.push_back(c);
    }
  }
}

}  // namespace

Fingerprint fingerprint_from_descriptor(const ElementDescriptor& element, const PageContext& page) {
  Fingerprint f;
  // Copied, then moved in: a copy assignment would inline ElementDescriptor's
  // whole copy assignment (every vector's assign) into the WASM.
  f.element = ElementDescriptor(element);
  f.classified = true;
  add_generated(element.classes, f.generated_classes);
  for (const AncestorLevel& level : element.ancestors) add_generated(level.classes, f.generated_classes);
  f.locale = clip_utf8(page.locale, FingerprintLimits::kMaxLocaleBytes);
  if (page.self_index && *page.self_index < page.candidates.size()) {
    SelectorRules css_rules;
    if (std::optional<Selector> css = unique_selector(page.candidates, *page.self_index, css_rules)) {
      std::string text = to_css(*css);
      if (text.size() <= FingerprintLimits::kMaxSelectorBytes) f.css_selector = std::move(text);
    }
    SelectorRules xpath_rules;
    xpath_rules.use_text = true;
    if (std::optional<Selector> xpath = unique_selector(page.candidates, *page.self_index, xpath_rules)) {
      std::string text = to_xpath(*xpath);
      if (text.size() <= FingerprintLimits::kMaxSelectorBytes) f.xpath = std::move(text);
    }
  }
  return f;
}

}  // namespace cairn::locator
