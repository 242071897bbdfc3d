#include "guide/ui_text.h"

namespace cairn::guide {

const UiWord* find_ui_word(std::string_view key) {
  for (const UiWord& word : kUiWords) {
    if (word.key == key) return &word;
  }
  return nullptr;
}

std::optional<std::string> ui_text_problem(const UiWord& word, std::string_view text) {
  // Every `{name}` in the text must be one the SDK fills in: another would be
  // shown as typed ("Schritt {nummer}").
  for (std::size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    std::string_view name = text.substr(open, close - open + 1);
    bool known = false;
    for (std::string_view p : word.placeholders) known = known || (!p.empty() && p == name);
    if (!known) {
      std::string reason = "unknown placeholder " + std::string(name) + "; ";
      if (word.placeholders[0].empty()) return reason + "this word takes none";
      reason += "this word takes " + std::string(word.placeholders[0]);
      if (!word.placeholders[1].empty()) reason += " and " + std::string(word.placeholders[1]);
      return reason;
    }
  }
  for (std::string_view p : word.placeholders) {
    if (!p.empty() && text.find(p) == std::string_view::npos) {
      return "must keep the placeholder " + std::string(p) + " (the SDK fills it in)";
    }
  }
  return std::nullopt;
}

}  // namespace cairn::guide
