#include "guide/markdown.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace cg = cairn::guide;
namespace bj = boost::json;
using T = cg::MarkdownNodeType;

namespace {

// The tree as compact JSON, so expectations read like the adapter's input.
std::string tree(std::string_view source) {
  return bj::serialize(cg::markdown_to_json(cg::parse_markdown(source)));
}

// One paragraph's children as JSON.
std::string inline_of(std::string_view source) {
  bj::object doc = cg::markdown_to_json(cg::parse_markdown(source));
  return bj::serialize(doc.at("children").at(0).at("children"));
}

std::size_t count_nodes(const cg::MarkdownNode& n) {
  std::size_t total = 1;
  for (const auto& c : n.children) total += count_nodes(c);
  return total;
}

std::size_t depth_of(const cg::MarkdownNode& n) {
  std::size_t deepest = 0;
  for (const auto& c : n.children) deepest = std::max(deepest, depth_of(c));
  return deepest + 1;
}

// All text and code characters of the tree, in order.
std::string all_text(const cg::MarkdownNode& n) {
  std::string out = n.text;
  for (const auto& c : n.children) out += all_text(c);
  return out;
}

}  // namespace

TEST_CASE("plain text, paragraphs and line breaks") {
  CHECK(tree("") == R"j({"type":"document"})j");
  CHECK(tree("   \n\n") == R"j({"type":"document"})j");
  CHECK(tree("Hello") ==
        R"j({"type":"document","children":[{"type":"paragraph","children":[{"type":"text","text":"Hello"}]}]})j");
  CHECK(inline_of("one\ntwo") ==
        R"j([{"type":"text","text":"one"},{"type":"line_break"},{"type":"text","text":"two"}])j");
  cg::MarkdownNode doc = cg::parse_markdown("first\n\n\nsecond\r\nline");
  REQUIRE(doc.children.size() == 2);
  CHECK(doc.children[0].type == T::paragraph);
  CHECK(doc.children[1].children.size() == 3);
  CHECK(doc.children[1].children[0].text == "second");
}

TEST_CASE("strong, emphasis and code") {
  CHECK(inline_of("a **b** c") ==
        R"j([{"type":"text","text":"a "},{"type":"strong","children":[{"type":"text","text":"b"}]},{"type":"text","text":" c"}])j");
  CHECK(inline_of("*e*") == R"j([{"type":"emphasis","children":[{"type":"text","text":"e"}]}])j");
  CHECK(inline_of("**a *b* c**") ==
        R"j([{"type":"strong","children":[{"type":"text","text":"a "},{"type":"emphasis","children":[{"type":"text","text":"b"}]},{"type":"text","text":" c"}]}])j");
  CHECK(inline_of("`x **y**`") == R"j([{"type":"code","text":"x **y**"}])j");
  CHECK(inline_of("``") == R"j([{"type":"text","text":"``"}])j");
  CHECK(inline_of("***both***") ==
        R"j([{"type":"strong","children":[{"type":"emphasis","children":[{"type":"text","text":"both"}]}]}])j");
}

TEST_CASE("unclosed or crossing markers stay literal") {
  CHECK(inline_of("2 * 3 = 6") == R"j([{"type":"text","text":"2 * 3 = 6"}])j");
  CHECK(inline_of("**open") == R"j([{"type":"text","text":"**open"}])j");
  CHECK(inline_of("a `b") == R"j([{"type":"text","text":"a `b"}])j");
  CHECK(inline_of("[no link") == R"j([{"type":"text","text":"[no link"}])j");
  CHECK(inline_of("[text] (x)") == R"j([{"type":"text","text":"[text] (x)"}])j");
  CHECK(inline_of("](x)") == R"j([{"type":"text","text":"](x)"}])j");
  CHECK(tree("****") == R"j({"type":"document"})j");
  // Runs of "*" close the innermost construct first: "*a **b* c**" is
  // emphasis "a ", emphasis "b", then " c**" with the unclosed "**" literal.
  cg::MarkdownNode crossing = cg::parse_markdown("*a **b* c**");
  REQUIRE(crossing.children.size() == 1);
  const auto& parts = crossing.children[0].children;
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].type == T::emphasis);
  CHECK(parts[1].type == T::emphasis);
  CHECK(parts[2].text == " c**");
}

TEST_CASE("escapes") {
  CHECK(inline_of(R"j(\*not em\*)j") == R"j([{"type":"text","text":"*not em*"}])j");
  CHECK(inline_of(R"j(\\)j") == R"j([{"type":"text","text":"\\"}])j");
  CHECK(inline_of(R"j(\a)j") == R"j([{"type":"text","text":"\\a"}])j");
  CHECK(inline_of(R"j(\[x\](y))j") == R"j([{"type":"text","text":"[x](y)"}])j");
}

TEST_CASE("links allow only http(s), mailto and relative URLs") {
  CHECK(inline_of("[docs](https://docs.test/a?b=1)") ==
        R"j([{"type":"link","href":"https://docs.test/a?b=1","children":[{"type":"text","text":"docs"}]}])j");
  CHECK(inline_of("[mail](mailto:a@b.test)").find("\"href\":\"mailto:a@b.test\"") != std::string::npos);
  CHECK(inline_of("[rel](/help)").find("\"href\":\"/help\"") != std::string::npos);
  CHECK(inline_of("[**bold** link](#x)") ==
        R"j([{"type":"link","href":"#x","children":[{"type":"strong","children":[{"type":"text","text":"bold"}]},{"type":"text","text":" link"}]}])j");
  for (const char* bad : {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
                          "vbscript:x", "java%09script:x"}) {
    std::string source = std::string("[click](") + bad + ")";
    std::string out = inline_of(source);
    INFO(source << " -> " << out);
    CHECK(out.find("\"link\"") == std::string::npos);
    CHECK(out.find("click") != std::string::npos);
  }
  // "java%09script:" has no scheme the browser would run, but the ":" makes it
  // a scheme here, so it is refused rather than guessed about.
  CHECK(inline_of("[x](a b)") == R"j([{"type":"text","text":"[x](a b)"}])j");
  CHECK(tree("[](https://x.test)") == R"j({"type":"document"})j");
  // Links do not nest: the inner "[" is text and the first "](" closes the link.
  CHECK(inline_of("[a [b](/c)](/d)") ==
        R"j([{"type":"link","href":"/c","children":[{"type":"text","text":"a [b"}]},{"type":"text","text":"](/d)"}])j");
}

TEST_CASE("bullet and numbered lists") {
  CHECK(tree("- one\n- two") ==
        R"j({"type":"document","children":[{"type":"bullet_list","children":[{"type":"list_item","children":[{"type":"text","text":"one"}]},{"type":"list_item","children":[{"type":"text","text":"two"}]}]}]})j");
  cg::MarkdownNode doc = cg::parse_markdown("Steps:\n\n3. three\n4) four\n   more\n\n* star\n+ plus\n\nafter");
  REQUIRE(doc.children.size() == 4);
  CHECK(doc.children[0].type == T::paragraph);
  CHECK(doc.children[1].type == T::ordered_list);
  CHECK(doc.children[1].start == 3);
  REQUIRE(doc.children[1].children.size() == 2);
  CHECK(doc.children[1].children[1].children.size() == 3);  // "four", break, "more"
  CHECK(doc.children[2].type == T::bullet_list);
  CHECK(doc.children[2].children.size() == 2);
  CHECK(doc.children[3].type == T::paragraph);
  // A list right after a paragraph line starts a new block.
  cg::MarkdownNode mixed = cg::parse_markdown("intro\n- item");
  REQUIRE(mixed.children.size() == 2);
  CHECK(mixed.children[1].type == T::bullet_list);
  // Not lists: no space after the marker, or too many digits.
  CHECK(cg::parse_markdown("-no").children[0].type == T::paragraph);
  CHECK(cg::parse_markdown("1234567890. x").children[0].type == T::paragraph);
  CHECK(cg::parse_markdown("**bold** start").children[0].type == T::paragraph);
  CHECK(tree("1. a").find("\"start\":1") != std::string::npos);
}

TEST_CASE("html and other markdown are shown as text") {
  std::string out = tree("# Title\n<img src=x onerror=alert(1)>\n![i](https://x.test/i.png)j");
  CHECK(out.find("<img src=x onerror=alert(1)>") != std::string::npos);
  CHECK(out.find("# Title") != std::string::npos);
  CHECK(out.find("\"link\"") != std::string::npos);  // "[i](...)" after "!" is a plain link
}

TEST_CASE("hostile inputs stay linear, shallow and bounded") {
  using Clock = std::chrono::steady_clock;
  const std::vector<std::string> inputs = {
      std::string(100000, '*'),
      std::string(100000, '`'),
      std::string(100000, '['),
      [] { std::string s; for (int i = 0; i < 20000; ++i) s += "[a]("; return s; }(),
      [] { std::string s; for (int i = 0; i < 20000; ++i) s += "*a**b"; return s; }(),
      [] { std::string s; for (int i = 0; i < 20000; ++i) s += "a\n"; return s; }(),
      [] { std::string s; for (int i = 0; i < 20000; ++i) s += "- x\n"; return s; }(),
      [] { std::string s; for (int i = 0; i < 20000; ++i) s += "`a` "; return s; }(),
      [] { std::string s; for (int i = 0; i < 5000; ++i) s += "\\"; return s; }(),
      [] { std::string s = "["; for (int i = 0; i < 20000; ++i) s += "]( "; return s + ")"; }(),
      [] { std::string s = "["; for (int i = 0; i < 20000; ++i) s += "](x"; return s; }(),
  };
  for (const std::string& input : inputs) {
    Clock::time_point start = Clock::now();
    cg::MarkdownNode doc = cg::parse_markdown(input);
    bj::object json = cg::markdown_to_json(doc);
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    INFO("input starting " << input.substr(0, 12) << " took " << ms << " ms");
    CHECK(count_nodes(doc) <= cg::kMaxMarkdownNodes);
    CHECK(depth_of(doc) <= 7);
    CHECK(ms < 500);  // linear: tens of microseconds per KB; generous for sanitizers
    CHECK(all_text(doc).size() <= cg::kMaxMarkdownBytes);
  }
}

TEST_CASE("input beyond the byte cap is cut at a UTF-8 boundary") {
  std::string input(cg::kMaxMarkdownBytes - 1, 'a');
  input += "\xc3\xa9";  // "é" straddles the cap
  input += "tail";
  cg::MarkdownNode doc = cg::parse_markdown(input);
  std::string text = all_text(doc);
  CHECK(text.size() == cg::kMaxMarkdownBytes - 1);
  CHECK(text.find("tail") == std::string::npos);
}

TEST_CASE("type names") {
  CHECK(cg::markdown_type_name(T::document) == "document");
  CHECK(cg::markdown_type_name(T::paragraph) == "paragraph");
  CHECK(cg::markdown_type_name(T::bullet_list) == "bullet_list");
  CHECK(cg::markdown_type_name(T::ordered_list) == "ordered_list");
  CHECK(cg::markdown_type_name(T::list_item) == "list_item");
  CHECK(cg::markdown_type_name(T::text) == "text");
  CHECK(cg::markdown_type_name(T::strong) == "strong");
  CHECK(cg::markdown_type_name(T::emphasis) == "emphasis");
  CHECK(cg::markdown_type_name(T::code) == "code");
  CHECK(cg::markdown_type_name(T::link) == "link");
  CHECK(cg::markdown_type_name(T::line_break) == "line_break");
}
