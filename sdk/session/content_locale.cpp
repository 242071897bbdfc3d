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

LocalizedContent resolve_content(const guide::Step& step, std::string_view locale,
                                 std::string_view fallback_locale) {
  const auto& content = step.content;
  if (content.empty()) return {};
  auto pick = [](const auto& entry) { return LocalizedContent{entry.first, &entry.second}; };

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

}  // namespace cairn::session
