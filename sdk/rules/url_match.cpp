#include "rules/url_match.h"

#include "guide/url_pattern.h"

#include <string>
#include <vector>

namespace cairn::rules {

namespace {

// Non-empty "/"-separated segments: "/a//b/" is {"a", "b"}.
std::vector<std::string_view> segments_of(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > i) out.push_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  return out;
}

// The rule's hash without a leading "#": the page's fragment is split off
// without it, and authors write "#billing" as the address bar shows it (the
// editor's own docs do); kept, it could never match.
std::string_view fragment_glob(std::string_view hash) {
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  return hash;
}

// Browsers give the path with every non-ASCII byte percent-encoded
// ("/caf%C3%A9"), while authors type "/café": both sides are compared with
// such bytes encoded (upper-case hex, as browsers write it), so either
// spelling matches either. ASCII, which is most paths, is left as it is.
std::string encode_non_ascii(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
    }
  }
  return out;
}

bool segment_matches(std::string_view pattern, std::string_view segment) {
  if (!pattern.empty() && pattern.front() == ':') return !segment.empty();
  return glob_matches(pattern, segment);
}

}  // namespace

// The classic two-pointer wildcard match: on a mismatch, go back to the last
// "*" and let it swallow one more character. No recursion; O(n*m) worst case,
// and both sides are bounded by kMaxUrlBytes.
bool glob_matches(std::string_view glob, std::string_view text) {
  std::size_t g = 0, t = 0;
  std::size_t star = std::string_view::npos, star_text = 0;
  while (t < text.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star = g++;
      star_text = t;
    } else if (g < glob.size() && glob[g] == text[t]) {
      ++g;
      ++t;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

// The same backtracking over segments, with "**" as the star.
bool path_matches(std::string_view pattern, std::string_view path) {
  const std::string encoded_pattern = encode_non_ascii(pattern);
  const std::string encoded_path = encode_non_ascii(path);
  std::vector<std::string_view> p = segments_of(encoded_pattern);
  std::vector<std::string_view> s = segments_of(encoded_path);
  std::size_t pi = 0, si = 0;
  std::size_t star = std::string_view::npos, star_segment = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == "**") {
      star = pi++;
      star_segment = si;
    } else if (pi < p.size() && segment_matches(p[pi], s[si])) {
      ++pi;
      ++si;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      si = ++star_segment;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == "**") ++pi;
  return pi == p.size();
}

std::string path_pattern_problem(std::string_view pattern) {
  return guide::path_pattern_problem(pattern);
}

bool url_rule_matches(const guide::UrlRule& rule, const UrlParts& url) {
  if (!path_matches(rule.path, url.path)) return false;
  for (const guide::QueryCondition& condition : rule.query) {
    bool present = false, satisfied = false;
    for (const auto& [name, value] : url.query) {
      if (name != condition.name) continue;
      present = true;
      if (condition.op == guide::QueryOp::equals && value == condition.value) satisfied = true;
      if (condition.op == guide::QueryOp::contains &&
          value.find(condition.value) != std::string::npos) {
        satisfied = true;
      }
    }
    switch (condition.op) {
      case guide::QueryOp::present: satisfied = present; break;
      case guide::QueryOp::absent: satisfied = !present; break;
      case guide::QueryOp::equals:
      case guide::QueryOp::contains: break;
    }
    if (!satisfied) return false;
  }
  if (rule.hash && !glob_matches(fragment_glob(*rule.hash), url.hash)) return false;
  return true;
}

bool url_rules_match(const guide::UrlRules& rules, const UrlParts& url) {
  bool included = rules.include.empty();
  for (const guide::UrlRule& rule : rules.include) {
    if (url_rule_matches(rule, url)) {
      included = true;
      break;
    }
  }
  if (!included) return false;
  for (const guide::UrlRule& rule : rules.exclude) {
    if (url_rule_matches(rule, url)) return false;
  }
  return true;
}

}  // namespace cairn::rules
