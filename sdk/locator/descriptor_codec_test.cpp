#include "locator/descriptor_codec.h"
#include "locator/fingerprint_codec.h"
#include "locator/locate_request.h"

#include "json/reader.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

namespace bj = boost::json;
namespace cl = cairn::locator;
using cairn::json::Problems;

namespace {

// "prefix" + number, built by appending (GCC 12 warns falsely on literal + string).
std::string numbered(const char* prefix, int i) {
  std::string out = prefix;
  out += std::to_string(i);
  return out;
}
}  // namespace

TEST_CASE("a full descriptor round-trips, unknown fields included") {
  bj::value v = bj::parse(R"({"tag": "BUTTON", "id": "save", "classes": ["btn", "btn", "css-1x2y3z"],
    "attributes": {"type": "submit", "data-testid": "save"}, "role": "button", "name": "Save",
    "text": "Save", "rect": {"x": 1, "y": 2, "width": 3, "height": 4}, "visible": false, "index": 2,
    "ancestors": [{"tag": "div", "classes": ["toolbar"], "role": "toolbar", "index": 1}, {"tag": "body"}],
    "label": "L", "heading": "H", "neighbors": ["Cancel"], "future_field": {"a": 1}})");
  Problems problems;
  auto d = cl::read_descriptor(v, "", problems);
  REQUIRE(d);
  CHECK(problems.empty());
  CHECK(d->tag == "button");
  CHECK(d->classes == std::vector<std::string>{"btn", "css-1x2y3z"});
  CHECK(d->attribute("data-testid") == "save");
  CHECK_FALSE(d->visible);
  CHECK(d->ancestors.size() == 2);
  CHECK(d->ancestors[0].index == 1);
  bj::object written = cl::write_descriptor(*d);
  CHECK(written.contains("future_field"));
  Problems again;
  auto d2 = cl::read_descriptor(written, "", again);
  REQUIRE(d2);
  CHECK(bj::serialize(cl::write_descriptor(*d2)) == bj::serialize(written));
}

TEST_CASE("descriptor problems are all reported with pointers") {
  bj::value v = bj::parse(R"({"id": 5, "classes": "btn", "attributes": {"title": 3, "": "x"},
    "rect": {"x": 0, "y": 0, "width": -1}, "index": -2, "visible": "yes",
    "ancestors": [{"id": "a"}, 7], "neighbors": [1]})");
  Problems problems;
  CHECK_FALSE(cl::read_descriptor(v, "/c/0", problems));
  const std::string s = problems.summary();
  for (const char* expected :
       {"/c/0/tag: required", "/c/0/id: must be a string", "/c/0/classes: must be an array of strings",
        "/c/0/attributes/title: must be a string", "/c/0/attributes/: attribute names must be",
        "/c/0/rect/width: must be between", "/c/0/rect/height: required", "/c/0/index: must be between",
        "/c/0/visible: must be true or false", "/c/0/ancestors/0/tag: required",
        "/c/0/ancestors/1: must be an object", "/c/0/neighbors/0: must be a string"}) {
    INFO(s);
    CHECK(s.find(expected) != std::string::npos);
  }
}

TEST_CASE("harmless excess is truncated, harmful excess rejected") {
  bj::object o;
  o["tag"] = "div";
  o["text"] = std::string(10000, 'x') + "\xC3\xA9";
  bj::array classes, ancestors, neighbors;
  for (int i = 0; i < 500; ++i) classes.emplace_back(numbered("c", i));
  for (int i = 0; i < 1000; ++i) ancestors.emplace_back(bj::object{{"tag", "div"}});
  for (int i = 0; i < 50; ++i) neighbors.emplace_back(std::string(500, 'n'));
  o["classes"] = classes;
  o["ancestors"] = ancestors;
  o["neighbors"] = neighbors;
  Problems problems;
  auto d = cl::read_descriptor(o, "", problems);
  REQUIRE(d);
  CHECK(d->text.size() == cl::DescriptorLimits::kMaxTextBytes);
  CHECK(d->classes.size() == cl::DescriptorLimits::kMaxClasses);
  CHECK(d->ancestors.size() == cl::DescriptorLimits::kMaxAncestors);
  CHECK(d->neighbors.size() == cl::DescriptorLimits::kMaxNeighbors);
  CHECK(d->neighbors[0].size() == cl::DescriptorLimits::kMaxNeighborBytes);

  bj::object attributes;
  for (int i = 0; i < 65; ++i) attributes[numbered("data-x", i)] = "v";
  bj::object flood{{"tag", "div"}, {"attributes", attributes}};
  Problems flooded;
  CHECK_FALSE(cl::read_descriptor(flood, "", flooded));
  CHECK(flooded.summary() == "/attributes: has 65 entries; the limit is 64");
}

TEST_CASE("clipping never splits a UTF-8 code point") {
  bj::object o{{"tag", "p"}, {"text", std::string(255, 'a') + "\xC3\xA9"}};
  Problems problems;
  auto d = cl::read_descriptor(o, "", problems);
  REQUIRE(d);
  CHECK(d->text == std::string(255, 'a'));
  CHECK(cairn::json::is_valid_utf8(d->text));
}

TEST_CASE("fingerprints round-trip and refuse newer versions") {
  bj::value v = bj::parse(R"({"version": 1, "element": {"tag": "a"}, "generated_classes": ["css-abc123"],
    "selectors": {"css": "a.x", "xpath": "//a", "extra": 1}, "locale": "en-US", "note": "kept"})");
  Problems problems;
  auto f = cl::read_fingerprint(v, "/target", problems);
  REQUIRE(f);
  CHECK(f->classified);
  CHECK(f->css_selector == "a.x");
  bj::object w = cl::write_fingerprint(*f);
  CHECK(w.contains("note"));
  CHECK(w["selectors"].as_object().contains("extra"));

  Problems newer;
  CHECK_FALSE(cl::read_fingerprint(bj::parse(R"({"version": 2, "element": {"tag": "a"}})"), "/t", newer));
  CHECK(newer.summary() == "/t/version: is 2; this build reads up to 1");
  Problems missing;
  CHECK_FALSE(cl::read_fingerprint(bj::parse(R"({"selectors": {"css": 4}, "locale": 1})"), "", missing));
  CHECK(missing.summary() ==
        "/version: required; /element: required; /selectors/css: must be a string; /locale: must be a string");
}

TEST_CASE("locate requests check target, candidates and their count") {
  Problems problems;
  auto r = cl::read_locate_request(
      bj::parse(R"({"target": {"version": 1, "element": {"tag": "a"}}, "candidates": [{"tag": "a"}, {"rect": 1}]})"),
      problems);
  CHECK_FALSE(r);
  CHECK(problems.summary() == "/candidates/1/tag: required; /candidates/1/rect: must be an object");
  Problems none;
  CHECK_FALSE(cl::read_locate_request(bj::parse("[]"), none));
  CHECK(none.summary() == "(document): must be an object");
  bj::array many(cl::kMaxCandidates + 1, bj::object{{"tag", "a"}});
  Problems too_many;
  CHECK_FALSE(cl::read_locate_request(
      bj::object{{"target", bj::object{{"version", 1}, {"element", bj::object{{"tag", "a"}}}}}, {"candidates", many}},
      too_many));
  CHECK(too_many.summary() == "/candidates: has 20001 items; the limit is 20000");
}

TEST_CASE("capture requests name the picked element and check it is on the page") {
  Problems problems;
  auto r = cl::read_capture_request(
      bj::parse(R"({"candidates": [{"tag": "a"}, {"tag": "button", "text": "Save"}], "self_index": 1, "locale": "en"})"),
      problems);
  REQUIRE(r);
  CHECK(r->self_index == 1);
  CHECK(r->candidates[r->self_index].text == "Save");
  CHECK(r->locale == "en");
  Problems outside;
  CHECK_FALSE(cl::read_capture_request(bj::parse(R"({"candidates": [{"tag": "a"}], "self_index": 1})"), outside));
  CHECK(outside.summary() == "/self_index: must be the index of one of the 1 candidates");
  Problems missing;
  CHECK_FALSE(cl::read_capture_request(bj::parse(R"({"candidates": []})"), missing));
  CHECK(missing.summary() == "/self_index: required");
}
