// The safe markdown subset used in step bodies, parsed into a small node tree
// that the browser adapter turns into DOM nodes with createElement and
// textContent (never innerHTML), so no author text is ever parsed as HTML.
//
// The subset:
//   paragraphs      separated by a blank line
//   line breaks     every single newline inside a paragraph or list item
//   **strong**, *emphasis*, `code`
//   [text](url)     only http:, https:, mailto: and relative URLs (safe_url.h);
//                   any other URL leaves the link text as plain text
//   "- ", "* ", "+ " bullet lists and "1. " / "1) " numbered lists (one level;
//                   an indented line continues the item above)
//   \x              a backslash escapes any ASCII punctuation character
// Everything else (headings, HTML, images, tables) is shown as the literal text.
// Unclosed markers are literal text too: "2 * 3" stays "2 * 3".
//
// Cost: linear in the input; no recursion depends on the input (nesting is
// bounded: strong and emphasis cannot nest in themselves, links not in links).
// Input beyond kMaxMarkdownBytes is cut (at a UTF-8 boundary) and at most
// kMaxMarkdownNodes nodes are built; past that, markup is kept as plain text
// joined to the nearest text node (text with no text node beside it is dropped).
//
// Threading: pure functions.
#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::guide {

inline constexpr std::size_t kMaxMarkdownBytes = 16 * 1024;
inline constexpr std::size_t kMaxMarkdownNodes = 4096;

enum class MarkdownNodeType {
  document,      // children: paragraph | bullet_list | ordered_list
  paragraph,     // children: inline nodes
  bullet_list,   // children: list_item
  ordered_list,  // children: list_item; `start` is the first number
  list_item,     // children: inline nodes
  text,          // `text`
  strong,        // children: inline nodes
  emphasis,      // children: inline nodes
  code,          // `text`, shown verbatim
  link,          // `href` (already checked safe), children: inline nodes
  line_break,
};

struct MarkdownNode {
  MarkdownNodeType type = MarkdownNodeType::text;
  std::string text;
  std::string href;
  std::int64_t start = 1;
  std::vector<MarkdownNode> children;

  bool operator==(const MarkdownNode&) const = default;
};

// Never fails; every input gives a document.
MarkdownNode parse_markdown(std::string_view source);

// The node tree as JSON for the browser adapter:
//   {"type": "document", "children": [
//     {"type": "paragraph", "children": [
//       {"type": "text", "text": "Click "},
//       {"type": "strong", "children": [{"type": "text", "text": "Save"}]},
//       {"type": "line_break"},
//       {"type": "link", "href": "https://x.test", "children": [...]}]},
//     {"type": "ordered_list", "start": 1, "children": [{"type": "list_item", ...}]}]}
boost::json::object markdown_to_json(const MarkdownNode& node);

// The type names used in JSON ("paragraph", "line_break", ...).
std::string_view markdown_type_name(MarkdownNodeType type);

}  // namespace cairn::guide
