// A page for the locator benchmark: a small element tree with the information
// the browser adapter would measure (tag, id, classes, attributes, own text,
// layout direction), plus a serial number per element that survives redesigns,
// so the benchmark knows which element of the redesigned page is the target.
//
// Styled elements carry style names rather than classes; the hashed class a
// CSS-in-JS library would emit ("css-1k2j3h", "sc-AbCdE") is computed from the
// name and the page's build salt, so a rebuild regenerates every hash at once.
#pragma once

#include "locator/element_descriptor.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cairn::bench {

struct Node {
  int serial = 0;  // 0 = not numbered yet
  std::string tag;
  std::string id;
  std::vector<std::string> classes;  // hand-written classes
  std::vector<std::string> styles;   // style names that become hashed classes
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;  // own text (a text node child)
  bool row = false;  // lays children out horizontally
  bool hidden = false;
  bool target = false;  // a labelled target of the corpus
  std::vector<Node> children;

  Node& add(Node child) {
    children.push_back(std::move(child));
    return children.back();
  }
  std::string_view attribute(std::string_view name) const;
  void set_attribute(const std::string& name, std::string value);
};

// Builders that keep layout code short.
Node el(std::string tag, std::vector<std::string> classes = {}, std::string text = {});
Node styled(std::string tag, std::string style, std::string text = {});

struct Page {
  Node root;  // the <body>
  std::string locale = "en-US";
  std::uint64_t build_salt = 1;   // changes hashed classes
  bool styled_components = false; // "sc-AbCdE" hashes instead of "css-1x2y3z"
  double width = 1280;
};

// Gives every unnumbered element a serial, depth first; returns the next free one.
int number_elements(Node& root, int next = 1);

// Serials of the labelled targets, in document order.
std::vector<int> target_serials(const Node& root);

// Measures the page the way the browser adapter does (docs/fingerprint.md) and
// returns every element under body in document order, with its serial.
struct MeasuredPage {
  std::vector<locator::ElementDescriptor> elements;
  std::vector<int> serials;
  int index_of(int serial) const;  // -1 when absent
};
MeasuredPage measure(const Page& page);

// The hashed class for `style` under `salt`.
std::string hashed_class(const std::string& style, std::uint64_t salt, bool styled_components);

std::size_t count_elements(const Node& root);

}  // namespace cairn::bench
