#include "guide/url_pattern.h"

namespace cairn::guide {

namespace {

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::string path_pattern_problem(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '/') return "must start with \"/\"";
  for (char c : pattern) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x21 || u == 0x7F) return "must not contain spaces or control characters";
    if (c == '?' || c == '#') return "must not contain \"?\" or \"#\"; use \"query\" and \"hash\"";
  }
  std::size_t i = 0;
  while (i < pattern.size()) {
    std::size_t slash = pattern.find('/', i);
    if (slash == std::string_view::npos) slash = pattern.size();
    std::string_view segment = pattern.substr(i, slash - i);
    i = slash + 1;
    if (segment.empty()) continue;
    if (segment.find("**") != std::string_view::npos && segment != "**") {
      return "\"**\" must be a whole segment";
    }
    if (segment.front() == ':') {
      if (segment.size() == 1) return "\":\" must be followed by a parameter name";
      for (char c : segment.substr(1)) {
        if (!is_identifier_char(c)) return "parameter names use letters, digits and \"_\" only";
      }
    }
  }
  return {};
}

}  // namespace cairn::guide
