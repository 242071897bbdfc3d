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

std::size_t choose_locale(const std::string* const* keys, std::size_t count,
                          std::string_view locale, std::string_view fallback_locale) {
  for (std::size_t i = 0; i < count; ++i) {
    if (*keys[i] == locale) return i;
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (equal_ignoring_case(*keys[i], locale)) return i;
  }
  const std::string_view language = language_of(locale);
  if (!language.empty()) {
    for (std::size_t i = 0; i < count; ++i) {
      if (equal_ignoring_case(*keys[i], language)) return i;
    }
    for (std::size_t i = 0; i < count; ++i) {
      if (equal_ignoring_case(language_of(*keys[i]), language)) return i;
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (*keys[i] == fallback_locale) return i;
  }
  return count;
}

namespace {

// The entry of `entries` choose_locale() picks, or nullptr. Past kMaxLocales
// entries (more than the codec and the packed reader accept) only the first
// kMaxLocales are chosen from.
template <class T>
const std::pair<const std::string, T>* choose_entry(const std::map<std::string, T>& entries,
                                                    std::string_view locale,
                                                    std::string_view fallback_locale) {
  const std::string* keys[guide::kMaxLocales];
  std::size_t count = 0;
  for (auto it = entries.begin(); it != entries.end() && count < guide::kMaxLocales; ++it) {
    keys[count++] = &it->first;
  }
  std::size_t chosen = choose_locale(keys, count, locale, fallback_locale);
  if (chosen == count) return nullptr;
  auto it = entries.begin();
  while (chosen-- > 0) ++it;
  return &*it;
}

}  // namespace

LocalizedContent resolve_content(const guide::Step& step, std::string_view locale,
                                 std::string_view fallback_locale) {
  if (step.content.empty()) return {};
  const auto* entry = choose_entry(step.content, locale, fallback_locale);
  if (!entry) entry = &*step.content.begin();  // the first locale in key order
  return LocalizedContent{entry->first, &entry->second};
}

UiTextTables resolve_ui_text(const guide::Guide& guide, std::string_view content_locale) {
  UiTextTables tables;
  if (const auto* chosen = choose_entry(guide.ui_text, content_locale, guide.fallback_locale)) {
    tables.chosen = &chosen->second;
  }
  if (auto fallback = guide.ui_text.find(guide.fallback_locale); fallback != guide.ui_text.end()) {
    tables.fallback = &fallback->second;
  }
  return tables;
}

}  // namespace cairn::session
