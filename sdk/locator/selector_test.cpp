#include "locator/fingerprint_builder.h"
#include "locator/selector.h"

#include <catch2/catch.hpp>

namespace cl = cairn::locator;

namespace {

cl::ElementDescriptor element(std::string tag, std::vector<std::string> classes, int index,
                              std::vector<cl::AncestorLevel> ancestors) {
  cl::ElementDescriptor d;
  d.tag = std::move(tag);
  d.classes = std::move(classes);
  d.index = index;
  d.ancestors = std::move(ancestors);
  return d;
}

cl::AncestorLevel level(std::string tag, std::string id = {}, std::vector<std::string> classes = {},
                        int index = 0) {
  cl::AncestorLevel l;
  l.tag = std::move(tag);
  l.id = std::move(id);
  l.classes = std::move(classes);
  l.index = index;
  return l;
}

std::vector<cl::ElementDescriptor> page() {
  std::vector<cl::AncestorLevel> toolbar = {level("div", {}, {"toolbar", "css-1x2y3z"}),
                                            level("form", "project-form"), level("body")};
  std::vector<cl::AncestorLevel> footer = {level("footer"), level("body")};
  std::vector<cl::ElementDescriptor> p;
  p.push_back(element("button", {"btn", "css-a1b2c3"}, 0, toolbar));
  p.push_back(element("button", {"btn", "btn-primary", "css-a1b2c3"}, 1, toolbar));
  p.push_back(element("button", {"btn"}, 0, footer));
  p[1].text = "Save";
  p[2].attributes = {{"data-testid", "footer-save"}};
  return p;
}

}  // namespace

TEST_CASE("unique selectors avoid generated classes and are unique") {
  auto p = page();
  auto s = cl::unique_selector(p, 1, {});
  REQUIRE(s);
  CHECK(cl::to_css(*s) == "button.btn-primary");
  auto t = cl::unique_selector(p, 2, {});
  REQUIRE(t);
  CHECK(cl::to_css(*t) == "[data-testid=\"footer-save\"]");
  auto first = cl::unique_selector(p, 0, {});
  REQUIRE(first);
  CHECK(cl::to_css(*first) == "div > button:nth-of-type(1)");
  for (std::size_t i = 0; i < p.size(); ++i) {
    CHECK(cl::selector_matches(*first, p[i]) == (i == 0));
  }
}

TEST_CASE("finder rules drop non-word-like names and attributes") {
  CHECK(cl::finder_word_like("toolbar"));
  CHECK(cl::finder_word_like("btn-primary"));
  CHECK_FALSE(cl::finder_word_like("ab-primary"));  // words of two letters are not words
  CHECK_FALSE(cl::finder_word_like("css-a1b2c3"));
  CHECK_FALSE(cl::finder_word_like("xkcdq"));
  auto p = page();
  cl::SelectorRules finder;
  finder.use_test_ids = false;
  finder.finder_word_like = true;
  auto s = cl::unique_selector(p, 2, finder);
  REQUIRE(s);
  CHECK(cl::to_css(*s) == "footer > button");
}

TEST_CASE("xpaths quote safely and absolute paths index every level") {
  cl::Selector s;
  cl::SelectorStep step;
  step.tag = "button";
  step.text = "Don't \"save\"";
  s.steps.push_back(step);
  CHECK(cl::to_xpath(s) == "//button[normalize-space(.)=concat('Don', \"'\", 't \"save\"')]");
  auto p = page();
  CHECK(cl::absolute_xpath(p[1]) == "/html/body[1]/form[1]/div[1]/button[2]");
  p[1].ancestors.pop_back();
  CHECK(cl::absolute_xpath(p[1]) == "//form[1]/div[1]/button[2]");
}

TEST_CASE("descendant combinators backtrack over the chain") {
  cl::Selector s;
  cl::SelectorStep form, div, button;
  form.tag = "form";
  div.tag = "div";
  div.child_of_previous = false;
  button.tag = "button";
  button.child_of_previous = true;
  s.steps = {form, div, button};
  auto p = page();
  CHECK(cl::selector_matches(s, p[1]));
  CHECK_FALSE(cl::selector_matches(s, p[2]));
  CHECK(cl::to_css(s) == "form div > button");
}

TEST_CASE("fingerprint_from_descriptor records generated classes, selectors and locale") {
  auto p = page();
  cl::PageContext context{p, std::size_t{1}, "en-US"};
  cl::Fingerprint f = cl::fingerprint_from_descriptor(p[1], context);
  CHECK(f.classified);
  CHECK(f.generated_classes == std::vector<std::string>{"css-a1b2c3", "css-1x2y3z"});
  CHECK(f.css_selector == "button.btn-primary");
  CHECK(f.xpath == "//button[normalize-space(.)='Save']");
  CHECK(f.locale == "en-US");
  cl::PageContext no_self{p, std::nullopt, ""};
  cl::Fingerprint g = cl::fingerprint_from_descriptor(p[1], no_self);
  CHECK(g.css_selector.empty());
  CHECK(g.xpath.empty());
}
