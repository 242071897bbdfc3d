#include "guide/safe_url.h"

namespace cairn::guide {

namespace {

bool has_forbidden_char(std::string_view url) {
  for (char c : url) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '\\') return true;
  }
  return false;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (x != b[i]) return false;
  }
  return true;
}

// The scheme, if the URL has one: the text before a ":" that comes before any
// "/", "?" or "#". "" means relative.
std::string_view scheme_of(std::string_view url) {
  std::size_t colon = url.find(':');
  if (colon == std::string_view::npos) return {};
  std::size_t special = url.find_first_of("/?#");
  if (special != std::string_view::npos && special < colon) return {};
  return url.substr(0, colon + 1);
}

}  // namespace

bool is_safe_link_url(std::string_view url) {
  if (url.empty() || has_forbidden_char(url)) return false;
  std::string_view scheme = scheme_of(url);
  if (scheme.empty()) return true;
  return equals_ignoring_case(scheme, "http:") || equals_ignoring_case(scheme, "https:") ||
         equals_ignoring_case(scheme, "mailto:");
}

bool is_safe_media_url(std::string_view url) {
  if (url.empty() || has_forbidden_char(url)) return false;
  std::string_view scheme = scheme_of(url);
  if (!equals_ignoring_case(scheme, "http:") && !equals_ignoring_case(scheme, "https:")) {
    return false;
  }
  std::string_view rest = url.substr(scheme.size());
  return rest.size() > 2 && rest.starts_with("//");
}

}  // namespace cairn::guide
