#include "page_tree.h"

#include "locator/text_clip.h"

#include <algorithm>
#include <map>

namespace cairn::bench {

using locator::AncestorLevel;
using locator::ElementDescriptor;

std::string_view Node::attribute(std::string_view name) const {
  for (const auto& [k, v] : attributes) {
    if (k == name) return v;
  }
  return {};
}

void Node::set_attribute(const std::string& name, std::string value) {
  for (auto& [k, v] : attributes) {
    if (k == name) {
      v = std::move(value);
      return;
    }
  }
  attributes.emplace_back(name, std::move(value));
}

Node el(std::string tag, std::vector<std::string> classes, std::string text) {
  Node n;
  n.tag = std::move(tag);
  n.classes = std::move(classes);
  n.text = std::move(text);
  return n;
}

Node styled(std::string tag, std::string style, std::string text) {
  Node n = el(std::move(tag), {}, std::move(text));
  n.styles.push_back(std::move(style));
  return n;
}

int number_elements(Node& root, int next) {
  if (root.serial == 0) root.serial = next++;
  for (Node& c : root.children) next = number_elements(c, next);
  return next;
}

namespace {

void collect_targets(const Node& n, std::vector<int>& out) {
  if (n.target) out.push_back(n.serial);
  for (const Node& c : n.children) collect_targets(c, out);
}

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

std::string implicit_role(const Node& n) {
  std::string_view explicit_role = n.attribute("role");
  if (!explicit_role.empty()) return std::string(explicit_role);
  const std::string& t = n.tag;
  if (t == "button") return "button";
  if (t == "a") return n.attribute("href").empty() ? "" : "link";
  if (t == "input") {
    std::string_view type = n.attribute("type");
    if (type == "checkbox") return "checkbox";
    if (type == "radio") return "radio";
    if (type == "submit" || type == "button") return "button";
    return "textbox";
  }
  if (t == "textarea") return "textbox";
  if (t == "select") return "combobox";
  if (t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6') return "heading";
  if (t == "nav") return "navigation";
  if (t == "main") return "main";
  if (t == "header") return "banner";
  if (t == "footer") return "contentinfo";
  if (t == "ul" || t == "ol") return "list";
  if (t == "li") return "listitem";
  if (t == "table") return "table";
  if (t == "tr") return "row";
  if (t == "td") return "cell";
  if (t == "th") return "columnheader";
  if (t == "form") return "form";
  if (t == "dialog") return "dialog";
  if (t == "aside") return "complementary";
  return "";
}

bool is_heading(const Node& n) {
  return n.tag.size() == 2 && n.tag[0] == 'h' && n.tag[1] >= '1' && n.tag[1] <= '6';
}

// Preorder flattening with everything the measurement needs.
struct Flat {
  const Node* node;
  int parent;
  int subtree_end;  // one past the last descendant
  int index;        // among same-tag siblings
  bool hidden;
  locator::Rect rect;
  std::string text;  // collapsed subtree text
};

double layout(const Node& n, double x, double y, double w, std::vector<Flat>& flat, int parent,
              bool hidden_above) {
  const int me = static_cast<int>(flat.size());
  flat.push_back(Flat{&n, parent, 0, 0, hidden_above || n.hidden, {}, {}});
  double h = 0;
  if (!n.children.empty()) {
    std::map<std::string, int> seen;
    if (n.row) {
      double cw = w / static_cast<double>(n.children.size());
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        const int child = static_cast<int>(flat.size());
        double ch = layout(n.children[i], x + cw * static_cast<double>(i), y, cw, flat, me,
                           flat[me].hidden);
        flat[child].index = seen[n.children[i].tag]++;
        h = std::max(h, ch);
      }
    } else {
      for (const Node& c : n.children) {
        const int child = static_cast<int>(flat.size());
        h += layout(c, x, y + h, w, flat, me, flat[me].hidden);
        flat[child].index = seen[c.tag]++;
      }
    }
    if (!n.text.empty()) h += 24;
  } else {
    h = n.tag == "textarea" ? 96 : (n.tag == "img" ? 48 : 32);
  }
  if (n.hidden) h = 0;
  flat[me].subtree_end = static_cast<int>(flat.size());
  // Leaves are as wide as their text, like inline buttons and links.
  double width = w;
  if (n.children.empty() && !n.text.empty()) {
    width = std::min(w, 16.0 + 8.0 * static_cast<double>(n.text.size()));
  }
  flat[me].rect = flat[me].hidden ? locator::Rect{} : locator::Rect{x, y, width, h};
  return h;
}

void append_text(std::string& out, std::string_view text) {
  if (text.empty() || out.size() >= locator::DescriptorLimits::kMaxTextBytes) return;
  if (!out.empty()) out += ' ';
  out += text;
}

}  // namespace

std::vector<int> target_serials(const Node& root) {
  std::vector<int> out;
  collect_targets(root, out);
  return out;
}

std::size_t count_elements(const Node& root) {
  std::size_t n = 1;
  for (const Node& c : root.children) n += count_elements(c);
  return n;
}

std::string hashed_class(const std::string& style, std::uint64_t salt, bool styled_components) {
  std::uint64_t h = mix(std::hash<std::string>{}(style) ^ mix(salt));
  std::string out;
  if (styled_components) {
    out = "sc-";
    static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (int i = 0; i < 6; ++i, h /= 52) out += kLetters[h % 52];
  } else {
    out = "css-";
    static constexpr char kAlnum[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    for (int i = 0; i < 6; ++i, h /= 36) out += kAlnum[h % 36];
  }
  return out;
}

int MeasuredPage::index_of(int serial) const {
  for (std::size_t i = 0; i < serials.size(); ++i) {
    if (serials[i] == serial) return static_cast<int>(i);
  }
  return -1;
}

MeasuredPage measure(const Page& page) {
  std::vector<Flat> flat;
  layout(page.root, 0, 0, page.width, flat, -1, false);
  const int n = static_cast<int>(flat.size());
  // Subtree texts, children before parents (reverse preorder).
  std::vector<std::vector<int>> children(n);
  for (int i = 1; i < n; ++i) children[flat[i].parent].push_back(i);
  for (int i = n - 1; i >= 0; --i) {
    std::string text;
    append_text(text, flat[i].node->text);
    for (int c : children[i]) append_text(text, flat[c].text);
    flat[i].text = std::string(locator::clip_utf8(text, locator::DescriptorLimits::kMaxTextBytes));
  }
  std::map<std::string, std::string> label_for;
  std::vector<int> text_bearing;  // elements with own text, preorder
  for (int i = 0; i < n; ++i) {
    const Node& node = *flat[i].node;
    if (node.tag == "label" && !node.attribute("for").empty()) {
      label_for[std::string(node.attribute("for"))] = flat[i].text;
    }
    if (!node.text.empty()) text_bearing.push_back(i);
  }

  MeasuredPage out;
  std::string heading;
  for (int i = 1; i < n; ++i) {  // 0 is body itself
    const Node& node = *flat[i].node;
    if (is_heading(node)) heading = flat[i].text;
    ElementDescriptor d;
    d.tag = node.tag;
    d.id = node.id;
    d.classes = node.classes;
    for (const std::string& s : node.styles) {
      d.classes.push_back(hashed_class(s, page.build_salt, page.styled_components));
    }
    for (const auto& [k, v] : node.attributes) d.attributes.push_back({k, v});
    d.role = implicit_role(node);
    const bool field = node.tag == "input" || node.tag == "textarea" || node.tag == "select";
    if (!field) d.text = flat[i].text;
    // Only labelable elements take a label's text (HTML's "labelable elements").
    const bool labelable = field || node.tag == "button";
    if (labelable && !node.id.empty()) {
      auto it = label_for.find(node.id);
      if (it != label_for.end()) d.label = it->second;
    }
    for (int a = flat[i].parent; labelable && a > 0 && d.label.empty(); a = flat[a].parent) {
      if (flat[a].node->tag == "label") d.label = flat[a].node->text;
    }
    std::string_view aria = node.attribute("aria-label");
    if (!aria.empty()) d.name = aria;
    else if (!d.label.empty()) d.name = d.label;
    else if (!node.attribute("alt").empty()) d.name = node.attribute("alt");
    else if (!node.attribute("title").empty()) d.name = node.attribute("title");
    else if (!node.attribute("placeholder").empty()) d.name = node.attribute("placeholder");
    else d.name = flat[i].text;
    d.name = std::string(locator::clip_utf8(d.name, locator::DescriptorLimits::kMaxTextBytes));
    d.rect = flat[i].rect;
    d.has_rect = true;
    d.visible = !flat[i].hidden;
    d.index = flat[i].index;
    for (int a = flat[i].parent; a >= 0; a = flat[a].parent) {
      if (d.ancestors.size() >= locator::DescriptorLimits::kMaxAncestors) break;
      const Node& an = *flat[a].node;
      AncestorLevel level;
      level.tag = an.tag;
      level.id = an.id;
      level.classes = an.classes;
      for (const std::string& s : an.styles) {
        level.classes.push_back(hashed_class(s, page.build_salt, page.styled_components));
      }
      level.role = implicit_role(an);
      level.index = flat[a].index;
      d.ancestors.push_back(std::move(level));
    }
    d.heading = heading == flat[i].text ? std::string() : heading;
    // Nearest text-bearing elements outside the subtree, before and after.
    auto after = std::lower_bound(text_bearing.begin(), text_bearing.end(), flat[i].subtree_end);
    auto before = std::lower_bound(text_bearing.begin(), text_bearing.end(), i);
    for (int k = 0; k < 2; ++k) {
      if (before != text_bearing.begin()) {
        --before;
        d.neighbors.push_back(std::string(locator::clip_utf8(flat[*before].node->text, 128)));
      }
      if (after != text_bearing.end()) {
        d.neighbors.push_back(std::string(locator::clip_utf8(flat[*after].node->text, 128)));
        ++after;
      }
    }
    out.elements.push_back(std::move(d));
    out.serials.push_back(node.serial);
  }
  return out;
}

}  // namespace cairn::bench
