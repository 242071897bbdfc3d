#include "session/content_locale.h"

#include <cctype>

namespace cairn::session {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view language_of(std::string_view tag) {
  return tag.substr(0, tag.find_first_of("-_"));
}

}  // namespace

template <class T>
const std::pair<const std::string, T>* resolve_locale(const std::map<std::string, T>& content,
                                                      std::string_view locale,
                                                      std::string_view fallback_locale) {
  if (content.empty()) return nullptr;
  auto pick = [](const auto& entry) { return &entry; };

  if (auto it = content.find(std::string(locale)); it != content.end()) return pick(*it);
  for (const auto& entry : content) {
    if (equal_ignoring_case(entry.first, locale)) return pick(entry);
  }
  const std::string_view language = language_of(locale);
  if (!language.empty()) {
    for (const auto& entry : content) {
      if (equal_ignoring_case(entry.first, language)) return pick(entry);
    }
    for (const auto& entry : content) {
      if (equal_ignoring_case(language_of(entry.first), language)) return pick(entry);
    }
  }
  if (auto it = content.find(std::string(fallback_locale)); it != content.end()) return pick(*it);
  return pick(*content.begin());
}

template const std::pair<const std::string, guide::StepContent>* resolve_locale(
    const std::map<std::string, guide::StepContent>&, std::string_view, std::string_view);

LocalizedContent resolve_content(const guide::Step& step, std::string_view locale,
                                 std::string_view fallback_locale) {
  const auto* entry = resolve_locale(step.content, locale, fallback_locale);
  if (!entry) return {};
  return LocalizedContent{entry->first, &entry->second};
}

std::map<std::string, std::string> resolve_ui_text(const guide::Guide& guide,
                                                   std::string_view content_locale) {
  std::map<std::string, std::string> words;
  if (const auto* chosen = resolve_locale(guide.ui_text, content_locale, guide.fallback_locale)) {
    words = chosen->second;
  }
  if (auto fallback = guide.ui_text.find(guide.fallback_locale); fallback != guide.ui_text.end()) {
    words.insert(fallback->second.begin(), fallback->second.end());  // keeps the chosen ones
  }
  return words;
}

}  // namespace cairn::session
