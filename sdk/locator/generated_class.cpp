#include "locator/generated_class.h"

#include <array>

namespace cairn::locator {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return is_lower(c) || is_upper(c); }
bool is_hex_letter(char c) { return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_vowel(char c) {
  switch (c | 0x20) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return true;
    default: return false;
  }
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// One '-' or '_' separated segment judged alone.
bool segment_looks_hashed(std::string_view seg) {
  if (seg.size() < 4) return false;
  int switches = 0, digits = 0, letters = 0, uppers = 0, lower_run = 0, longest_lower_run = 0;
  int consonant_run = 0, longest_consonant_run = 0, case_switches = 0;
  bool hex = true;
  for (std::size_t i = 0; i < seg.size(); ++i) {
    char c = seg[i];
    if (is_digit(c)) ++digits;
    else if (is_letter(c)) ++letters;
    else return false;  // other characters (":", "/", ".") belong to utility classes
    if (is_upper(c)) ++uppers;
    if (!is_digit(c) && !is_hex_letter(c)) hex = false;
    if (i > 0 && is_digit(c) != is_digit(seg[i - 1])) ++switches;
    if (i > 0 && is_letter(c) && is_letter(seg[i - 1]) && is_upper(c) != is_upper(seg[i - 1])) {
      ++case_switches;
    }
    lower_run = is_lower(c) ? lower_run + 1 : 0;
    if (lower_run > longest_lower_run) longest_lower_run = lower_run;
    consonant_run = (is_letter(c) && !is_vowel(c)) ? consonant_run + 1 : 0;
    if (consonant_run > longest_consonant_run) longest_consonant_run = consonant_run;
  }
  if (digits > 0 && letters > 0 && switches >= 2) return true;             // 1x2y3z, 3xk9
  if (hex && seg.size() >= 6 && digits > 0 && letters > 0) return true;    // a3f9c2
  if (uppers >= 2 && case_switches >= 3 && longest_lower_run < 3) return true;  // AbCdE
  if (letters == static_cast<int>(seg.size()) && uppers == 0 && seg.size() >= 5 &&
      longest_consonant_run >= 5) {
    // finder says four consonants; "strength" and "widths" have four, hashes five.
    return true;  // xkcdq
  }
  return false;
}

}  // namespace

bool looks_generated_class(std::string_view name) {
  if (name.empty()) return false;
  // Prefixes of CSS-in-JS libraries and framework scoping, followed by a hash.
  static constexpr std::array<std::string_view, 7> kHashPrefixes = {
      "css-", "sc-", "jsx-", "emotion-", "svelte-", "ng-tns-", "styled-"};
  for (std::string_view prefix : kHashPrefixes) {
    if (starts_with(name, prefix) && name.size() > prefix.size() + 2) return true;
  }
  if (starts_with(name, "jss") && all_digits(name.substr(3))) return true;
  if (starts_with(name, "ng-star-inserted")) return true;
  // CSS modules: "Button_primary__3xk9a" / "Button-module__primary___3xk9a".
  std::size_t dunder = name.rfind("__");
  if (dunder != std::string_view::npos && dunder > 0) {
    std::string_view tail = name.substr(dunder + 2);
    while (!tail.empty() && tail.front() == '_') tail.remove_prefix(1);
    if (tail.size() >= 4 && tail.size() <= 8) {
      bool has_digit = false;
      for (char c : tail) has_digit = has_digit || is_digit(c);
      if (has_digit || segment_looks_hashed(tail)) return true;
    }
  }
  // A leading underscore and a short mixed tail: "_3xk9", "_1a2b".
  if (name.front() == '_' && name.size() >= 4) {
    for (char c : name.substr(1)) {
      if (is_digit(c)) return true;
    }
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find_first_of("-_", start);
    if (end == std::string_view::npos) end = name.size();
    if (segment_looks_hashed(name.substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

bool looks_generated_id(std::string_view id) {
  if (id.empty()) return false;
  // Prefixes of ids that UI libraries number themselves (React's useId starts with ':').
  static constexpr std::array<std::string_view, 11> kNumberedPrefixes = {
      ":", "radix-", "headlessui-", "react-select-", "downshift-", "mui-",
      "ember", "ext-gen", "yui_", "uid-", "id-"};
  for (std::string_view prefix : kNumberedPrefixes) {
    if (!starts_with(id, prefix)) continue;
    for (char c : id) {
      if (is_digit(c)) return true;
    }
    break;
  }
  // A trailing run of 3+ digits after a separator, e.g. "field-1234", "input_0042".
  std::size_t n = id.size(), digits = 0;
  while (digits < n && is_digit(id[n - 1 - digits])) ++digits;
  if (digits >= 3 && digits < n && (id[n - 1 - digits] == '-' || id[n - 1 - digits] == '_')) {
    return true;
  }
  return looks_generated_class(id);
}

bool id_regenerated_from(std::string_view id, std::string_view original) {
  if (original.empty() || id.size() < original.size() + 2) return false;
  auto separator = [](char c) { return c == '-' || c == '_' || c == ':'; };
  const std::size_t extra = id.size() - original.size();
  if (starts_with(id, original) && separator(id[original.size()])) {
    return looks_generated_id(id.substr(original.size() + 1));
  }
  if (id.substr(extra) == original && separator(id[extra - 1])) {
    return looks_generated_id(id.substr(0, extra - 1));
  }
  return false;
}

}  // namespace cairn::locator
