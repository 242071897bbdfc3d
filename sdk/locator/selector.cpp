#include "locator/selector.h"

#include "json/compact_writer.h"
#include "locator/generated_class.h"
#include "locator/matcher.h"

#include <algorithm>

namespace cairn::locator {

namespace {

constexpr std::size_t kSearchedAncestorLevels = 6;
constexpr std::size_t kMaxTextPredicateBytes = 64;

SelectorStep make_step(std::string_view tag, std::string_view id = {}, int nth_of_type = 0) {
  SelectorStep s;
  s.tag = tag;
  s.id = id;
  s.nth_of_type = nth_of_type;
  return s;
}

SelectorStep make_attribute_step(std::string_view tag, std::string_view name,
                                 std::string_view value) {
  SelectorStep s = make_step(tag);
  s.attribute_name = name;
  s.attribute_value = value;
  return s;
}

bool matches_step(const SelectorStep& s, std::string_view tag, std::string_view id,
                  const std::vector<std::string>& classes, int index) {
  if (!s.tag.empty() && s.tag != tag) return false;
  if (!s.id.empty() && s.id != id) return false;
  for (const std::string& c : s.classes) {
    if (std::find(classes.begin(), classes.end(), c) == classes.end()) return false;
  }
  if (s.nth_of_type != 0 && s.nth_of_type != index + 1) return false;
  return true;
}

bool matches_element_step(const SelectorStep& s, const ElementDescriptor& e) {
  if (!matches_step(s, e.tag, e.id, e.classes, e.index)) return false;
  if (!s.attribute_name.empty() && e.attribute(s.attribute_name) != s.attribute_value) return false;
  if (!s.text.empty() && e.text != s.text) return false;
  return true;
}

// Does steps[0..step] match with steps[step] at ancestor level `level` or above
// (exactly at `level` when `exact`)? Backtracks over descendant combinators.
bool match_up(const std::vector<SelectorStep>& steps, std::size_t step,
              const std::vector<AncestorLevel>& chain, std::size_t level, bool exact) {
  for (std::size_t l = level; l < chain.size(); ++l) {
    const AncestorLevel& a = chain[l];
    if (matches_step(steps[step], a.tag, a.id, a.classes, a.index)) {
      if (step == 0) return true;
      if (match_up(steps, step - 1, chain, l + 1, steps[step].child_of_previous)) return true;
    }
    if (exact) return false;
  }
  return false;
}

// The writers below append to the text being built instead of returning
// pieces: each returned std::string cost the WASM a temporary and its destructor.
void append_css_identifier(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
                 (c >= '0' && c <= '9' && i > 0) || static_cast<unsigned char>(c) >= 0x80;
    if (!plain) {
      if (c >= '0' && c <= '9') {
        out += "\\3";
        out += c;
        out += ' ';
        continue;
      }
      out += '\\';
    }
    out += c;
  }
}

void append_step(std::string& out, std::string_view tag, int index) {
  json::append_integer(((out += '/') += tag) += '[', index + 1);
  out += ']';
}

void append_css_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

void append_xpath_literal(std::string& out, std::string_view s) {
  const char quote = s.find('\'') == std::string_view::npos ? '\''
                     : s.find('"') == std::string_view::npos ? '"'
                                                             : '\0';
  if (quote != '\0') {
    ((out += quote) += s) += quote;
    return;
  }
  // Both quotes: concat('a', "'", 'b').
  out += "concat(";
  std::size_t start = 0;
  while (true) {
    std::size_t q = s.find('\'', start);
    ((out += '\'') += s.substr(start, q - start)) += '\'';
    if (q == std::string_view::npos) break;
    out += ", \"'\", ";
    start = q + 1;
  }
  out += ')';
}

struct Candidates {
  std::vector<SelectorStep> element;
  std::vector<std::vector<SelectorStep>> ancestors;  // per level
};

bool allowed_name(std::string_view name, bool is_id, const SelectorRules& rules) {
  if (name.empty()) return false;
  if (rules.finder_word_like) return finder_word_like(name);
  if (rules.skip_generated) return is_id ? !looks_generated_id(name) : !looks_generated_class(name);
  return true;
}

// Appends the options of one level, in order: its id, its tag, the tag with
// each usable class, with the first two usable classes, and with its position.
// Each is a copy of one step being filled in (no class lists built apart) and
// they go straight into the caller's list: both cheaper in the WASM.
void add_level_options(std::string_view tag, std::string_view id,
                       const std::vector<std::string>& classes, int index,
                       const SelectorRules& rules, std::vector<SelectorStep>& out) {
  if (allowed_name(id, true, rules)) out.push_back(make_step({}, id));
  SelectorStep step = make_step(tag);
  out.push_back(SelectorStep(step));
  SelectorStep two_classes = step;
  for (const std::string& c : classes) {
    if (!allowed_name(c, false, rules)) continue;
    out.push_back(SelectorStep(step));
    out.back().classes.push_back(c);
    if (two_classes.classes.size() < 2) two_classes.classes.push_back(c);
  }
  if (two_classes.classes.size() == 2) out.push_back(std::move(two_classes));
  step.nth_of_type = index + 1;
  out.push_back(std::move(step));
}

bool is_unique(const Selector& s, std::span<const ElementDescriptor> page, std::size_t self) {
  if (!selector_matches(s, page[self])) return false;
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (i != self && selector_matches(s, page[i])) return false;
  }
  return true;
}

}  // namespace

bool finder_word_like(std::string_view name) {
  if (name.size() < 3) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    if (!ok) return false;
  }
  // Words split at '-' and at capitals (the capital itself is dropped, as in finder).
  std::string word;
  auto check = [](const std::string& w) {
    if (w.size() <= 2) return false;
    int run = 0;
    for (char ch : w) {
      char lower = static_cast<char>(ch | 0x20);
      bool vowel = lower == 'a' || lower == 'e' || lower == 'i' || lower == 'o' || lower == 'u';
      run = vowel ? 0 : run + 1;
      if (run >= 4) return false;
    }
    return true;
  };
  for (char c : name) {
    if (c == '-' || (c >= 'A' && c <= 'Z')) {
      if (!check(word)) return false;
      word.clear();
    } else {
      word += c;
    }
  }
  return check(word);
}

std::string to_css(const Selector& selector) {
  std::string out;
  for (std::size_t i = 0; i < selector.steps.size(); ++i) {
    const SelectorStep& s = selector.steps[i];
    if (i > 0) out += s.child_of_previous ? " > " : " ";
    const std::size_t step_start = out.size();
    out += s.tag;
    if (!s.id.empty()) append_css_identifier(out += '#', s.id);
    for (const std::string& c : s.classes) append_css_identifier(out += '.', c);
    if (!s.attribute_name.empty()) {
      append_css_string(((out += '[') += s.attribute_name) += '=', s.attribute_value);
      out += ']';
    }
    if (s.nth_of_type != 0) json::append_integer(out += ":nth-of-type(", s.nth_of_type) += ')';
    if (out.size() == step_start) out += '*';
  }
  return out;
}

std::string to_xpath(const Selector& selector) {
  std::string out;
  for (const SelectorStep& s : selector.steps) {
    out += s.child_of_previous ? "/" : "//";
    out += s.tag.empty() ? "*" : s.tag;
    if (!s.id.empty()) {
      append_xpath_literal(out += "[@id=", s.id);
      out += ']';
    }
    for (const std::string& c : s.classes) {
      std::string padded = " ";
      (padded += c) += ' ';
      append_xpath_literal(out += "[contains(concat(' ', normalize-space(@class), ' '), ", padded);
      out += ")]";
    }
    if (!s.attribute_name.empty()) {
      append_xpath_literal(((out += "[@") += s.attribute_name) += '=', s.attribute_value);
      out += ']';
    }
    if (!s.text.empty()) {
      append_xpath_literal(out += "[normalize-space(.)=", s.text);
      out += ']';
    }
    if (s.nth_of_type != 0) json::append_integer(out += '[', s.nth_of_type) += ']';
  }
  return out;
}

bool selector_matches(const Selector& selector, const ElementDescriptor& element) {
  const std::vector<SelectorStep>& steps = selector.steps;
  if (steps.empty() || !matches_element_step(steps.back(), element)) return false;
  if (steps.size() == 1) return true;
  return match_up(steps, steps.size() - 2, element.ancestors, 0, steps.back().child_of_previous);
}

std::optional<Selector> unique_selector(std::span<const ElementDescriptor> page,
                                        std::size_t self_index, const SelectorRules& rules) {
  if (self_index >= page.size()) return std::nullopt;
  const ElementDescriptor& e = page[self_index];
  std::vector<SelectorStep> element_options;
  if (rules.use_test_ids) {
    if (std::string_view t = test_id_of(e); !t.empty()) {
      for (const Attribute& a : e.attributes) {
        if (a.value == t) {
          element_options.push_back(make_attribute_step({}, a.name, a.value));
          break;
        }
      }
    }
    if (std::string_view name = e.attribute("name"); !name.empty()) {
      element_options.push_back(
          make_attribute_step(e.tag, "name", name));
    }
  }
  if (rules.use_text && !e.text.empty() && e.text.size() <= kMaxTextPredicateBytes) {
    SelectorStep text_step = make_step(e.tag);
    text_step.text = e.text;
    element_options.push_back(std::move(text_step));
  }
  add_level_options(e.tag, e.id, e.classes, e.index, rules, element_options);

  // Steps are replaced by clear() and push_back, not `= {a, b}`: the
  // initializer-list assignment cost the WASM 0.26 KB gzip (bench/sdk/RESULTS.md).
  Selector s;
  for (const SelectorStep& option : element_options) {
    s.steps.clear();
    s.steps.push_back(SelectorStep(option));
    if (is_unique(s, page, self_index)) return s;
  }
  const std::size_t levels = std::min(e.ancestors.size(), kSearchedAncestorLevels);
  std::vector<SelectorStep> anchors;
  for (std::size_t l = 0; l < levels; ++l) {
    const AncestorLevel& a = e.ancestors[l];
    anchors.clear();
    add_level_options(a.tag, a.id, a.classes, a.index, rules, anchors);
    for (const SelectorStep& anchor : anchors) {
      for (const SelectorStep& option : element_options) {
        s.steps.clear();
        s.steps.push_back(SelectorStep(anchor));
        s.steps.push_back(SelectorStep(option));
        s.steps.back().child_of_previous = l == 0;
        if (is_unique(s, page, self_index)) return s;
      }
    }
  }
  // Fallback: nth-of-type steps from the nearest ancestor with a usable id.
  s.steps.clear();
  s.steps.push_back(make_step(e.tag, {}, e.index + 1));
  for (const AncestorLevel& a : e.ancestors) {
    if (allowed_name(a.id, true, rules)) {
      s.steps.push_back(make_step({}, a.id));
      break;
    }
    s.steps.push_back(make_step(a.tag, {}, a.index + 1));
  }
  std::reverse(s.steps.begin(), s.steps.end());
  // Consecutive levels: every step is a child of the one before it.
  for (std::size_t i = 0; i < s.steps.size(); ++i) s.steps[i].child_of_previous = i > 0;
  if (is_unique(s, page, self_index)) return s;
  return std::nullopt;
}

std::string absolute_xpath(const ElementDescriptor& element) {
  const bool reaches_body = !element.ancestors.empty() && element.ancestors.back().tag == "body";
  std::string out(reaches_body ? "/html" : "/");
  for (auto it = element.ancestors.rbegin(); it != element.ancestors.rend(); ++it) {
    append_step(out, it->tag, it->index);
  }
  append_step(out, element.tag, element.index);
  return out;
}

}  // namespace cairn::locator
