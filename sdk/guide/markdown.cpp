#include "guide/markdown.h"

#include "guide/safe_url.h"
#include "json/utf8.h"
#include "json/writer.h"

#include <boost/json/array.hpp>

#include <utility>

namespace cairn::guide {

namespace bj = boost::json;
using Type = MarkdownNodeType;

namespace {

bool is_ascii_punctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

class NodeBudget {
 public:
  bool take() {
    if (used_ >= kMaxMarkdownNodes) return false;
    ++used_;
    return true;
  }
  bool exhausted() const { return used_ >= kMaxMarkdownNodes; }

 private:
  std::size_t used_ = 0;
};

void append_text(std::vector<MarkdownNode>& nodes, std::string_view text, NodeBudget& budget) {
  if (text.empty()) return;
  if (!nodes.empty() && nodes.back().type == Type::text) {
    nodes.back().text.append(text.data(), text.size());
    return;
  }
  if (!budget.take()) {
    // Out of nodes: attach to the nearest text we can, so no text is lost.
    if (!nodes.empty()) nodes.back().text.append(text.data(), text.size());
    return;
  }
  MarkdownNode node;
  node.type = Type::text;
  node.text = std::string(text);
  nodes.push_back(std::move(node));
}

void append_nodes(std::vector<MarkdownNode>& out, std::vector<MarkdownNode>&& nodes,
                  NodeBudget& budget) {
  for (MarkdownNode& node : nodes) {
    if (node.type == Type::text) append_text(out, node.text, budget);
    else out.push_back(std::move(node));
  }
}

// One open inline construct while scanning: its type, the literal text it
// started with (restored if it never closes) and what it holds so far.
struct Frame {
  Type type;
  std::string_view opener;
  std::vector<MarkdownNode> children;
};

// Inline parsing in one left-to-right pass. Closers only close the innermost
// open construct, so there is never backtracking; searches for a closing "`"
// or ")" remember where they failed so repeated failures stay linear.
class InlineParser {
 public:
  InlineParser(std::string_view text, NodeBudget& budget) : text_(text), budget_(budget) {
    stack_.push_back(Frame{Type::paragraph, {}, {}});
  }

  std::vector<MarkdownNode> run() {
    std::size_t i = 0;
    while (i < text_.size()) {
      char c = text_[i];
      bool markup = !budget_.exhausted();
      if (c == '\\' && i + 1 < text_.size() && is_ascii_punctuation(text_[i + 1])) {
        text(text_.substr(i + 1, 1));
        i += 2;
      } else if (c == '\n') {
        if (markup && budget_.take()) add(Type::line_break);
        else text(" ");
        ++i;
      } else if (c == '`' && markup) {
        i = code_span(i);
      } else if (c == '*' && markup) {
        std::size_t run = 0;
        while (i + run < text_.size() && text_[i + run] == '*') ++run;
        stars(i, run);
        i += run;
      } else if (c == '[' && markup && !is_open(Type::link)) {
        open(Type::link, text_.substr(i, 1));
        ++i;
      } else if (c == ']' && markup && stack_.back().type == Type::link) {
        i = close_link(i);
      } else {
        std::size_t end = text_.find_first_of("\\\n`*[]", i + 1);
        if (end == std::string_view::npos) end = text_.size();
        text(text_.substr(i, end - i));
        i = end;
      }
    }
    while (stack_.size() > 1) unwind();
    return std::move(stack_.front().children);
  }

 private:
  std::vector<MarkdownNode>& top() { return stack_.back().children; }
  void text(std::string_view t) { append_text(top(), t, budget_); }
  // One place builds nodes and frames, whatever the construct.
  void add(Type type, std::string text = {}, std::string href = {},
           std::vector<MarkdownNode> children = {}) {
    top().push_back(MarkdownNode{type, std::move(text), std::move(href), 1, std::move(children)});
  }
  void open(Type type, std::string_view opener) { stack_.push_back(Frame{type, opener, {}}); }

  bool is_open(Type type) const {
    for (const Frame& f : stack_) {
      if (f.type == type) return true;
    }
    return false;
  }

  // An unclosed construct becomes its literal opener followed by its contents.
  void unwind() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    text(frame.opener);
    append_nodes(top(), std::move(frame.children), budget_);
  }

  // A run of "*": closes what is innermost first ("***a***" is strong around
  // emphasis), then opens strong ("**") and emphasis ("*"); what can neither
  // close nor open (it would cross another construct) is literal.
  void stars(std::size_t at, std::size_t run) {
    while (run > 0) {
      Type top_type = stack_.back().type;
      if (top_type == Type::emphasis) {
        close(text_.substr(at, 1));
        at += 1;
        run -= 1;
      } else if (top_type == Type::strong && run >= 2) {
        close(text_.substr(at, 2));
        at += 2;
        run -= 2;
      } else if (run >= 2 && !is_open(Type::strong)) {
        open(Type::strong, text_.substr(at, 2));
        at += 2;
        run -= 2;
      } else if (!is_open(Type::emphasis)) {
        open(Type::emphasis, text_.substr(at, 1));
        at += 1;
        run -= 1;
      } else {
        text(text_.substr(at, run));
        return;
      }
    }
  }

  void close(std::string_view marker) {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (frame.children.empty()) return;  // "****" is nothing
    if (!budget_.take()) {
      text(frame.opener);
      append_nodes(top(), std::move(frame.children), budget_);
      text(marker);
      return;
    }
    add(frame.type, {}, {}, std::move(frame.children));
  }

  std::size_t code_span(std::size_t i) {
    std::size_t close = i + 1 >= no_backtick_from_ ? std::string_view::npos : text_.find('`', i + 1);
    if (close == std::string_view::npos) {
      no_backtick_from_ = i + 1;
      text("`");
      return i + 1;
    }
    if (close == i + 1 || !budget_.take()) {
      text(text_.substr(i, close + 1 - i));
    } else {
      add(Type::code, std::string(text_.substr(i + 1, close - i - 1)));
    }
    return close + 1;
  }

  std::size_t close_link(std::size_t i) {
    if (i + 1 >= text_.size() || text_[i + 1] != '(') {
      text("]");
      return i + 1;
    }
    // The URL ends at the first ")"; whitespace first means no link. Stopping
    // at whitespace keeps repeated failed "](" searches from rescanning the
    // same text ("[](  ](  ](  ..." stays linear).
    std::size_t from = i + 2;
    std::size_t close =
        from >= no_paren_from_ ? std::string_view::npos : text_.find_first_of(") \t\n", from);
    if (close == std::string_view::npos || text_[close] != ')') {
      if (close == std::string_view::npos) no_paren_from_ = from;
      text("]");
      return i + 1;
    }
    std::string_view url = text_.substr(from, close - from);
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (is_safe_link_url(url) && !frame.children.empty() && budget_.take()) {
      add(Type::link, {}, std::string(url), std::move(frame.children));
    } else {
      append_nodes(top(), std::move(frame.children), budget_);  // unsafe URL: text only
    }
    return close + 1;
  }

  std::string_view text_;
  NodeBudget& budget_;
  std::vector<Frame> stack_;
  std::size_t no_backtick_from_ = std::string_view::npos;
  std::size_t no_paren_from_ = std::string_view::npos;
};

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// "- x", "* x", "+ x" (up to 3 spaces before): the item text, else npos.
std::size_t bullet_content(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+') &&
      (line[i + 1] == ' ' || line[i + 1] == '\t')) {
    return i + 2;
  }
  return std::string_view::npos;
}

// "12. x" or "12) x": the item text, else npos; `number` gets 12.
std::size_t ordered_content(std::string_view line, std::int64_t& number) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  std::size_t digits = 0;
  std::int64_t value = 0;
  while (i + digits < line.size() && digits < 9 && line[i + digits] >= '0' && line[i + digits] <= '9') {
    value = value * 10 + (line[i + digits] - '0');
    ++digits;
  }
  std::size_t at = i + digits;
  if (digits == 0 || at + 1 >= line.size() || (line[at] != '.' && line[at] != ')') ||
      (line[at + 1] != ' ' && line[at + 1] != '\t')) {
    return std::string_view::npos;
  }
  number = value;
  return at + 2;
}

std::string_view trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// A block being gathered: its raw inline text per item (or one for a paragraph).
struct PendingBlock {
  Type type = Type::document;  // document means "none"
  std::int64_t start = 1;
  std::vector<std::string> texts;
};

}  // namespace

MarkdownNode parse_markdown(std::string_view source) {
  source = json::clip_utf8(source, kMaxMarkdownBytes);
  NodeBudget budget;
  budget.take();  // the document
  MarkdownNode document;
  document.type = Type::document;
  PendingBlock block;

  auto flush = [&] {
    if (block.type == Type::document) return;
    if (!budget.take()) {
      // Past the node budget: keep the text in the last block we have.
      if (!document.children.empty()) {
        MarkdownNode& last = document.children.back();
        std::vector<MarkdownNode>& into = last.type == Type::paragraph || last.children.empty()
                                              ? last.children
                                              : last.children.back().children;
        for (const std::string& t : block.texts) {
          append_text(into, " ", budget);
          append_text(into, t, budget);
        }
      }
      block = PendingBlock();
      return;
    }
    MarkdownNode node;
    node.type = block.type;
    node.start = block.start;
    if (block.type == Type::paragraph) {
      node.children = InlineParser(block.texts.front(), budget).run();
      if (node.children.empty()) {  // "****" and the like: nothing to show
        block = PendingBlock();
        return;
      }
    } else {
      for (const std::string& t : block.texts) {
        MarkdownNode item;
        item.type = Type::list_item;
        if (budget.take()) {
          item.children = InlineParser(t, budget).run();
          node.children.push_back(std::move(item));
        } else if (!node.children.empty()) {
          append_text(node.children.back().children, " " + t, budget);
        }
      }
    }
    document.children.push_back(std::move(node));
    block = PendingBlock();
  };

  std::size_t pos = 0;
  while (pos <= source.size()) {
    std::size_t newline = source.find('\n', pos);
    if (newline == std::string_view::npos) newline = source.size();
    std::string_view line = source.substr(pos, newline - pos);
    pos = newline + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    std::int64_t number = 1;
    std::size_t bullet = bullet_content(line);
    std::size_t ordered = bullet == std::string_view::npos ? ordered_content(line, number)
                                                           : std::string_view::npos;
    if (is_blank(line)) {
      flush();
    } else if (bullet != std::string_view::npos || ordered != std::string_view::npos) {
      Type type = bullet != std::string_view::npos ? Type::bullet_list : Type::ordered_list;
      if (block.type != type) {
        flush();
        block.type = type;
        block.start = type == Type::ordered_list ? number : 1;
      }
      // push_back of a string, not emplace_back of the view: the WASM then
      // has one vector<string> growth path fewer (bench/sdk/RESULTS.md, session 10).
      const std::size_t text_at = bullet != std::string_view::npos ? bullet : ordered;
      block.texts.push_back(std::string(trim(line.substr(text_at))));
    } else if (block.type == Type::paragraph ||
               ((block.type == Type::bullet_list || block.type == Type::ordered_list))) {
      std::string& into = block.texts.back();
      into += '\n';
      into.append(trim(line));
    } else {
      block.type = Type::paragraph;
      block.texts.push_back(std::string(trim(line)));
    }
    if (newline == source.size()) break;
  }
  flush();
  return document;
}

std::string_view markdown_type_name(MarkdownNodeType type) {
  switch (type) {
    case Type::document: return "document";
    case Type::paragraph: return "paragraph";
    case Type::bullet_list: return "bullet_list";
    case Type::ordered_list: return "ordered_list";
    case Type::list_item: return "list_item";
    case Type::text: return "text";
    case Type::strong: return "strong";
    case Type::emphasis: return "emphasis";
    case Type::code: return "code";
    case Type::link: return "link";
    case Type::line_break: return "line_break";
  }
  return "text";
}

bj::object markdown_to_json(const MarkdownNode& node) {
  bj::object out;
  json::put_name(out, "type", markdown_type_name(node.type));
  if (node.type == Type::text || node.type == Type::code) json::put_text(out, "text", node.text);
  if (node.type == Type::link) json::put_text(out, "href", node.href);
  if (node.type == Type::ordered_list) json::put_value(out, "start", node.start);
  if (!node.children.empty()) {
    bj::array children;
    children.reserve(node.children.size());
    // Depth is bounded by the grammar (document > list > item > strong >
    // emphasis > link > text), so this recursion is at most 7 deep.
    for (const MarkdownNode& child : node.children) children.push_back(markdown_to_json(child));
    out["children"] = std::move(children);
  }
  return out;
}

}  // namespace cairn::guide
