#include "locator/packed_candidates.h"

#include "locator/descriptor_codec.h"
#include "locator/locate_request.h"
#include "locator/packed_page_test_writer.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace bj = boost::json;
namespace cl = cairn::locator;
using cl::test::kContextOnly;
using cl::test::kHasRect;
using cl::test::kVisible;
using cl::test::pack;
using cl::test::Row;
using cairn::json::Problems;

namespace {

constexpr std::size_t kRowFields = 16;

std::uint32_t u32_at(const std::string& bytes, std::size_t at) {
  std::uint32_t v = 0;
  std::memcpy(&v, bytes.data() + at, 4);
  return v;
}
void put_u32(std::string& bytes, std::size_t at, std::uint32_t v) { std::memcpy(bytes.data() + at, &v, 4); }

// "prefix" + number, built by appending (GCC 12 warns falsely on literal + string).
std::string numbered(const char* prefix, int i) {
  std::string out = prefix;
  out += std::to_string(i);
  return out;
}

std::size_t padded(std::size_t n) { return (n + 7) & ~std::size_t{7}; }

// Byte offset of a row's field in a packed buffer (from its own prefix).
std::size_t field_at(const std::string& bytes, std::size_t row, std::size_t field) {
  const std::size_t rows_at = 24 + padded(u32_at(bytes, 8) * 4) + padded(u32_at(bytes, 12));
  return rows_at + (row * kRowFields + field) * 4;
}
std::size_t rects_at(const std::string& bytes) {
  return field_at(bytes, u32_at(bytes, 16), 0) + padded(u32_at(bytes, 20) * 4);
}
void set_field(std::string& bytes, std::size_t row, std::size_t field, std::int32_t v) {
  put_u32(bytes, field_at(bytes, row, field), static_cast<std::uint32_t>(v));
}

Problems refused(const std::string& bytes) {
  Problems problems;
  CHECK_FALSE(cl::read_packed_page(bytes, problems));
  CHECK_FALSE(problems.empty());
  return problems;
}

// The first problem's "pointer: reason", for matching.
std::string first(const Problems& problems) {
  if (problems.stored().empty()) return "";
  return problems.stored()[0].pointer + ": " + problems.stored()[0].reason;
}

std::vector<Row> small_page() {
  Row main;
  main.tag = "MAIN";
  Row button;
  button.tag = "button";
  button.parent = 0;
  button.text = "Save";
  button.classes = {"btn"};
  button.attributes = {{"type", "submit"}};
  button.neighbors = {"Cancel"};
  return {main, button};
}

}  // namespace

TEST_CASE("a packed page decodes to the descriptors its JSON list decodes to") {
  // A frame's outer iframe (context), then a page with clipping on every capped
  // field, multi-byte text cut at the cap, and a chain deeper than the cap.
  std::vector<Row> rows;
  Row frame;
  frame.tag = "IFRAME";
  frame.id = "app";
  frame.index = 2;
  frame.flags = kContextOnly;
  rows.push_back(frame);
  Row main;
  main.tag = "main";
  main.parent = 0;
  main.role = "main";
  rows.push_back(main);
  for (int depth = 0; depth < 40; ++depth) {
    Row div;
    div.tag = "div";
    div.parent = static_cast<std::int32_t>(rows.size() - 1);
    div.index = depth % 3;
    div.classes = {"level", "level", "css-1x2y3z"};
    rows.push_back(div);
  }
  Row button;
  button.tag = "BUTTON";
  button.parent = static_cast<std::int32_t>(rows.size() - 1);
  button.id = std::string(300, 'i');
  button.name = "Save";
  for (int i = 0; i < 130; ++i) button.text += "é";  // 260 bytes: the cap falls inside a code point
  button.label = "Save changes";
  button.heading = "Settings";
  button.index = 7;
  button.flags = kHasRect;  // not visible
  button.rect = {-10.5, 20, 300, 40.25};
  for (int i = 0; i < 70; ++i) button.classes.push_back(numbered("c", i));
  button.classes.push_back(std::string(200, 'k'));
  button.attributes = {{"Data-TestId", "save"}, {"type", "submit"}, {"title", std::string(2000, 't')}};
  for (int i = 0; i < 10; ++i) button.neighbors.push_back(numbered("n", i));
  button.neighbors.insert(button.neighbors.begin(), "");
  rows.push_back(button);

  // The same page as the JSON candidate list: each candidate with its chain.
  bj::array candidates;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    bj::object d;
    d["tag"] = row.tag;
    d["id"] = row.id;
    d["role"] = row.role;
    d["name"] = row.name;
    d["text"] = row.text;
    d["label"] = row.label;
    d["heading"] = row.heading;
    d["index"] = row.index;
    if (!(row.flags & kVisible)) d["visible"] = false;
    if (row.flags & kHasRect) {
      d["rect"] = bj::object{{"x", row.rect[0]}, {"y", row.rect[1]}, {"width", row.rect[2]}, {"height", row.rect[3]}};
    }
    bj::array classes(row.classes.begin(), row.classes.end());
    d["classes"] = classes;
    bj::object attributes;
    for (const auto& [k, v] : row.attributes) attributes[k] = v;
    d["attributes"] = attributes;
    d["neighbors"] = bj::array(row.neighbors.begin(), row.neighbors.end());
    bj::array ancestors;
    for (std::int32_t p = row.parent; p >= 0; p = rows[static_cast<std::size_t>(p)].parent) {
      const Row& a = rows[static_cast<std::size_t>(p)];
      ancestors.push_back(bj::object{{"tag", a.tag}, {"id", a.id}, {"role", a.role}, {"index", a.index},
                                     {"classes", bj::array(a.classes.begin(), a.classes.end())}});
    }
    d["ancestors"] = ancestors;
    candidates.push_back(d);
  }
  // Through JSON text, as the adapter would send it.
  const bj::value json = bj::parse(bj::serialize(candidates));

  Problems problems;
  const std::string header = R"({"locale":"de-DE"})";
  const std::string bytes = pack(rows, header);
  auto page = cl::read_packed_page(bytes, problems);
  INFO(problems.summary());
  REQUIRE(page);
  CHECK(page->header == header);
  REQUIRE(page->candidates.size() == json.as_array().size());
  for (std::size_t i = 0; i < page->candidates.size(); ++i) {
    auto expected = cl::read_descriptor(json.as_array()[i], "/candidates/" + std::to_string(i), problems);
    REQUIRE(expected);
    CHECK(bj::serialize(cl::write_descriptor(page->candidates[i])) == bj::serialize(cl::write_descriptor(*expected)));
  }
  const cl::ElementDescriptor& b = page->candidates.back();
  CHECK(b.tag == "button");
  CHECK(b.ancestors.size() == cl::DescriptorLimits::kMaxAncestors);
  CHECK(b.text.size() == 256);
  CHECK(b.classes.size() == cl::DescriptorLimits::kMaxClasses);
  CHECK(b.attribute("data-testid") == "save");
  CHECK(b.neighbors.front() == "n0");
  CHECK_FALSE(b.visible);
  CHECK(page->candidates[0].ancestors.at(0).tag == "iframe");

  // Decoding a row at a time gives the same page.
  cl::PackedPageDecoder decoder(bytes);
  int calls = 1;
  while (!decoder.step(1)) ++calls;
  CHECK(calls == static_cast<int>(rows.size()));
  CHECK_FALSE(decoder.failed());
  CHECK(decoder.candidates().size() == page->candidates.size());
}

TEST_CASE("a packed page without rows or header is an empty page") {
  Problems problems;
  auto page = cl::read_packed_page(pack({}), problems);
  REQUIRE(page);
  CHECK(page->candidates.empty());
  CHECK(page->header.empty());
}

TEST_CASE("a packed decoder asked for every row after a partial step finishes") {
  const std::string bytes = pack(small_page());
  cl::PackedPageDecoder decoder(bytes);
  CHECK_FALSE(decoder.step(1));
  CHECK(decoder.step(std::numeric_limits<std::size_t>::max()));
  CHECK(decoder.candidates().size() == 2);
}

TEST_CASE("every truncation of a packed page is refused without reading past it") {
  const std::string bytes = pack(small_page(), R"({"locale":"en"})");
  // The header ends one byte before the buffer: only its padding may be left off.
  REQUIRE(bytes.size() % 8 == 0);
  REQUIRE(u32_at(bytes, 4) % 8 == 7);
  for (std::size_t n = 0; n + 1 < bytes.size(); ++n) {
    INFO(n);
    Problems problems;
    CHECK_FALSE(cl::read_packed_page(bytes.substr(0, n), problems));
  }
  Problems problems;
  CHECK(cl::read_packed_page(bytes.substr(0, bytes.size() - 1), problems));
  CHECK(first(refused(bytes.substr(0, 10))) == ": packed candidates: shorter than the header");
  // Found by the fuzzer: empty sections that start past the end of a buffer
  // whose last non-empty section ends unpadded.
  std::string tail = pack({}).substr(0, 29);
  Problems empty_tail;
  auto page = cl::read_packed_page(tail, empty_tail);
  REQUIRE(page);
  CHECK(page->header.empty());
  CHECK(first(refused(bytes.substr(0, 40))).find("the sections need") != std::string::npos);
}

TEST_CASE("a malformed packed layout is refused with its reason") {
  const std::string good = pack(small_page());
  std::string bytes = good;

  SECTION("wrong magic") {
    bytes[0] = 'X';
    CHECK(first(refused(bytes)) == ": packed candidates: not a CNP1 buffer");
  }
  SECTION("an empty string table") {
    put_u32(bytes, 8, 0);
    CHECK(first(refused(bytes)).find("must hold \"\" first") != std::string::npos);
  }
  SECTION("huge counts cannot wrap the bounds check") {
    for (std::size_t word : {1, 2, 3, 4, 5}) {
      std::string b = good;
      put_u32(b, word * 4, 0xFFFFFFFFu);
      CHECK(first(refused(b)).find("the sections need") != std::string::npos);
    }
  }
  SECTION("bytes after the last section") {
    bytes.append(8, '\0');
    CHECK(first(refused(bytes)) == ": packed candidates: 8 bytes after the last section");
  }
  SECTION("string lengths beyond the blob, short of it, or string 0 not empty") {
    put_u32(bytes, 24 + 4, 1000);
    CHECK(first(refused(bytes)).find("exceed the blob") != std::string::npos);
    bytes = good;
    put_u32(bytes, 24 + 4, u32_at(good, 24 + 4) - 1);
    CHECK(first(refused(bytes)).find("do not add up") != std::string::npos);
    bytes = good;
    put_u32(bytes, 24, 1);
    put_u32(bytes, 24 + 4, u32_at(good, 24 + 4) - 1);
    CHECK(first(refused(bytes)) == ": packed candidates: string 0 must be \"\"");
  }
}

TEST_CASE("packed strings that are not UTF-8 on their own are refused, as the JSON parser refuses them") {
  for (const std::string& text : {std::string("\xC3\xA9\xFF"), std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                                  std::string("ab\xE2\x82")}) {
    std::vector<Row> rows = small_page();
    rows[1].text = text;
    CHECK(first(refused(pack(rows))).find("is not valid UTF-8") != std::string::npos);
  }
  // "é" split over two strings: the blob as a whole is valid UTF-8, each string is not.
  std::vector<Row> rows = small_page();
  rows[1].name = "\xC3";
  rows[1].text = "\xA9";
  CHECK(first(refused(pack(rows))).find("is not valid UTF-8") != std::string::npos);
}

TEST_CASE("malformed packed rows are refused at their field, every problem reported") {
  std::string bytes = pack(small_page());
  const std::int32_t strings = static_cast<std::int32_t>(u32_at(bytes, 8));

  SECTION("a string id out of range") {
    set_field(bytes, 1, 0, strings);
    set_field(bytes, 1, 4, -1);
    Problems problems = refused(bytes);
    CHECK(first(problems) == "/candidates/1/tag: names string " + std::to_string(strings) + " of " +
                                 std::to_string(strings));
  }
  SECTION("an empty or too long tag") {
    set_field(bytes, 0, 0, 0);
    CHECK(first(refused(bytes)) == "/candidates/0/tag: must be 1 to 64 bytes");
    std::vector<Row> rows = small_page();
    rows[1].tag = std::string(65, 'x');
    CHECK(first(refused(pack(rows))) == "/candidates/1/tag: must be 1 to 64 bytes");
  }
  SECTION("an index out of range") {
    set_field(bytes, 1, 8, -1);
    CHECK(first(refused(bytes)) == "/candidates/1/index: must be an integer from 0 to 100000");
    set_field(bytes, 1, 8, 100001);
    CHECK(first(refused(bytes)) == "/candidates/1/index: must be an integer from 0 to 100000");
  }
  SECTION("a parent link to itself, forward, or below -1") {
    for (std::int32_t parent : {1, 2, -2, std::numeric_limits<std::int32_t>::max()}) {
      std::string b = bytes;
      set_field(b, 1, 7, parent);
      CHECK(first(refused(b)) == "/candidates/1/parent: must be -1 or an earlier row");
    }
  }
  SECTION("a list range outside the section, negative, or overlapping an earlier one") {
    set_field(bytes, 1, 11, 1000);
    CHECK(first(refused(bytes)).rfind("/candidates/1/classes: list range 0+1000", 0) == 0);
    bytes = pack(small_page());
    set_field(bytes, 1, 15, -1);
    CHECK(first(refused(bytes)).rfind("/candidates/1/neighbors: list range", 0) == 0);
    bytes = pack(small_page());
    set_field(bytes, 1, 14, 0);  // neighbours pointing back at the classes
    CHECK(first(refused(bytes)).rfind("/candidates/1/neighbors: list range 0+1", 0) == 0);
  }
  SECTION("a list item naming no string") {
    const std::size_t lists_at = rects_at(bytes) - padded(u32_at(bytes, 20) * 4);
    put_u32(bytes, lists_at, 0x7FFFFFFF);
    CHECK(first(refused(bytes)).rfind("/candidates/1/classes: names string 2147483647", 0) == 0);
  }
  SECTION("attribute counts over the cap or negative, and bad attribute names") {
    set_field(bytes, 1, 13, 65);
    CHECK_FALSE(refused(bytes).empty());
    set_field(bytes, 1, 13, std::numeric_limits<std::int32_t>::min());
    CHECK(first(refused(bytes)).rfind("/candidates/1/attributes: list range", 0) == 0);
    std::vector<Row> rows = small_page();
    for (int i = 0; i < 65; ++i) rows[1].attributes.emplace_back(numbered("a", i), "v");
    CHECK(first(refused(pack(rows))) == "/candidates/1/attributes: has 66 entries; the limit is 64");
    rows = small_page();
    rows[1].attributes = {{"", "x"}};
    CHECK(first(refused(pack(rows))) == "/candidates/1/attributes: attribute names must be 1 to 64 bytes");
  }
  SECTION("a rect that is not finite or has a negative size") {
    for (const std::array<double, 4>& rect : {std::array<double, 4>{std::nan(""), 0, 1, 1},
                                              std::array<double, 4>{0, 0, -1, 1},
                                              std::array<double, 4>{0, 2e7, 1, 1}}) {
      std::vector<Row> rows = small_page();
      rows[1].flags |= kHasRect;
      rows[1].rect = rect;
      CHECK(first(refused(pack(rows))) ==
            "/candidates/1/rect: coordinates must be finite, within 1e7, width and height >= 0");
    }
  }
  SECTION("problems in several rows are all reported") {
    set_field(bytes, 0, 8, -5);
    set_field(bytes, 1, 7, 5);
    Problems problems = refused(bytes);
    CHECK(problems.total() == 2);
  }
}

TEST_CASE("packed pages with more candidates or context rows than the caps are refused") {
  std::vector<Row> rows(cl::kMaxCandidates + 1);
  for (Row& r : rows) r.tag = "p";
  CHECK(first(refused(pack(rows))) == "/candidates: more than 20000 candidates");
  std::vector<Row> context(cl::kMaxContextRows + 1);
  for (std::size_t i = 0; i < context.size(); ++i) {
    context[i].tag = "iframe";
    context[i].flags = kContextOnly;
    context[i].parent = static_cast<std::int32_t>(i) - 1;
  }
  CHECK(first(refused(pack(context))) == "/context: more than 64 context rows");
}

TEST_CASE("a packed page written by candidate_pack.ts decodes to its JSON list") {
  // tests/fuzz/packed_candidates_seeds.ts writes this page: a form in a frame.
  std::ifstream file(std::string(CAIRN_SOURCE_DIR) + "/tests/fuzz/corpus/packed_candidates/form_request.bin",
                     std::ios::binary);
  REQUIRE(file);
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string bytes = buffer.str();
  const bj::value json = bj::parse(R"([
    {"tag": "main", "role": "main", "rect": {"x": 0, "y": 0, "width": 1280, "height": 900},
     "ancestors": [{"tag": "iframe", "id": "app", "classes": ["embed"], "index": 1}, {"tag": "body"}]},
    {"tag": "form", "id": "signup", "classes": ["form", "css-1x2y3z"],
     "ancestors": [{"tag": "main", "role": "main"},
                   {"tag": "iframe", "id": "app", "classes": ["embed"], "index": 1}, {"tag": "body"}]},
    {"tag": "label", "text": "E-mail", "attributes": {"for": "email"},
     "ancestors": [{"tag": "form", "id": "signup", "classes": ["form", "css-1x2y3z"]}, {"tag": "main", "role": "main"},
                   {"tag": "iframe", "id": "app", "classes": ["embed"], "index": 1}, {"tag": "body"}]},
    {"tag": "input", "id": "email", "name": "E-mail", "label": "E-mail", "index": 1,
     "attributes": {"type": "email", "data-testid": "email"}, "rect": {"x": 10.5, "y": 20, "width": 300, "height": 32},
     "neighbors": ["E-mail", "Sign up"],
     "ancestors": [{"tag": "form", "id": "signup", "classes": ["form", "css-1x2y3z"]}, {"tag": "main", "role": "main"},
                   {"tag": "iframe", "id": "app", "classes": ["embed"], "index": 1}, {"tag": "body"}]},
    {"tag": "button", "text": "Sign up — jetzt", "role": "button", "classes": ["btn", "btn-primary"],
     "heading": "Konto", "rect": {"x": 10, "y": 60, "width": 120, "height": 36}, "visible": false, "index": 2,
     "ancestors": [{"tag": "form", "id": "signup", "classes": ["form", "css-1x2y3z"]}, {"tag": "main", "role": "main"},
                   {"tag": "iframe", "id": "app", "classes": ["embed"], "index": 1}, {"tag": "body"}]}])");
  Problems problems;
  auto page = cl::read_packed_page(bytes, problems);
  INFO(problems.summary());
  REQUIRE(page);
  CHECK(page->header == R"({"locale":"de-DE"})");
  REQUIRE(page->candidates.size() == json.as_array().size());
  for (std::size_t i = 0; i < page->candidates.size(); ++i) {
    auto expected = cl::read_descriptor(json.as_array()[i], "", problems);
    REQUIRE(expected);
    CHECK(bj::serialize(cl::write_descriptor(page->candidates[i])) == bj::serialize(cl::write_descriptor(*expected)));
  }
}
