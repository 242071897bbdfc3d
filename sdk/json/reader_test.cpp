#include "json/reader.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace cj = cairn::json;
namespace bj = boost::json;

TEST_CASE("parse_document reports syntax errors with the byte offset") {
  cj::Problems problems;
  CHECK_FALSE(cj::parse_document(R"({"a": [1, 2,]})", problems));
  REQUIRE(problems.total() == 1);
  CHECK(problems.stored()[0].pointer.empty());
  CHECK(problems.stored()[0].reason.find("invalid JSON at byte") == 0);
}

TEST_CASE("parse_document says what is wrong with the JSON") {
  auto reason = [](std::string_view text) {
    cj::Problems problems;
    CHECK_FALSE(cj::parse_document(text, problems));
    return problems.total() == 1 ? problems.stored()[0].reason : std::string();
  };
  CHECK(reason(R"({"a" 1})") == "invalid JSON at byte 5: syntax error");
  CHECK(reason(R"({"a": [1, 2)") == "invalid JSON at byte 11: incomplete JSON");
  CHECK(reason("{} {}") == "invalid JSON at byte 3: extra data");
}

TEST_CASE("parse_document refuses trailing data, oversize and deep documents") {
  cj::Problems trailing, big, deep;
  CHECK_FALSE(cj::parse_document("{} {}", trailing));
  CHECK(trailing.total() == 1);
  CHECK_FALSE(cj::parse_document(std::string(100, ' '), big, {.max_bytes = 10, .max_depth = 8}));
  CHECK(big.summary().find("the limit is 10") != std::string::npos);
  CHECK_FALSE(cj::parse_document(std::string(100, '[') + std::string(100, ']'), deep));
  CHECK(deep.summary().find("nesting deeper than 32") != std::string::npos);
}

TEST_CASE("ObjectReader reads typed fields and reports each wrong one") {
  cj::Problems problems;
  auto doc = cj::parse_document(
      R"({"name": 5, "count": 2.5, "ok": "yes", "big": 7, "list": {}, "id": "x", "extra": [1]})",
      problems);
  REQUIRE(doc);
  cj::ObjectReader r(*doc, "/guide", problems);
  CHECK_FALSE(r.string("name"));
  CHECK_FALSE(r.integer("count", cj::Need::required, 0, 10));
  CHECK_FALSE(r.boolean("ok"));
  CHECK_FALSE(r.integer("big", cj::Need::required, 0, 5));
  CHECK_FALSE(r.array("list"));
  CHECK_FALSE(r.string("missing", cj::Need::required));
  CHECK(r.string("id") == "x");
  CHECK(r.string("absent") == std::nullopt);
  CHECK(problems.summary() ==
        "/guide/name: must be a string; /guide/count: must be an integer; "
        "/guide/ok: must be true or false; /guide/big: must be between 0 and 5; "
        "/guide/list: must be an array; /guide/missing: required");
  bj::object unknown = r.unknown_fields();
  CHECK(unknown.size() == 1);
  CHECK(unknown.contains("extra"));
}

TEST_CASE("ObjectReader refuses the fields nothing read, with their pointers (strict documents)") {
  bj::value v = bj::parse(R"({"name":"a","nmae":"b","a/b":1})");
  cj::Problems problems;
  cj::ObjectReader r(v, "/query", problems);
  CHECK(r.string("name") == "a");
  r.reject_unknown_fields();
  CHECK(problems.summary() == "/query/nmae: unknown field; /query/a~1b: unknown field");
  cj::Problems none;
  cj::ObjectReader all_read(v, "", none);
  (void)all_read.string("name"), (void)all_read.string("nmae"), (void)all_read.integer("a/b", cj::Need::required, 0, 9);
  all_read.reject_unknown_fields();
  CHECK(none.empty());
}

TEST_CASE("ObjectReader enumerations list the allowed values") {
  enum class Kind { a, b };
  static constexpr cj::EnumName<Kind> kNames[] = {{"a", Kind::a}, {"b", Kind::b}};
  cj::Problems problems;
  bj::value v = bj::parse(R"({"k": "c", "j": "b"})");
  cj::ObjectReader r(v, "", problems);
  CHECK_FALSE(r.enumeration("k", cj::Need::required, kNames));
  CHECK(r.enumeration("j", cj::Need::required, kNames) == Kind::b);
  CHECK(problems.summary() == "/k: unknown value \"c\"; must be one of: a, b");
  CHECK(cj::enum_name(Kind::b, kNames) == "b");
}

TEST_CASE("JSON pointers escape ~ and /") {
  CHECK(cj::pointer_append("/a", "b/c~d") == "/a/b~1c~0d");
  CHECK(cj::pointer_append("", std::size_t{3}) == "/3");
}

TEST_CASE("Problems caps what it stores but counts everything") {
  cj::Problems problems;
  for (int i = 0; i < 150; ++i) problems.add("/x", "bad");
  CHECK(problems.total() == 150);
  CHECK(problems.stored().size() == cj::Problems::kMaxStored);
  CHECK(problems.to_json().size() == cj::Problems::kMaxStored + 1);
}

TEST_CASE("UTF-8 validation rejects overlongs, surrogates and truncation") {
  CHECK(cj::is_valid_utf8("plain ascii"));
  CHECK(cj::is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  CHECK_FALSE(cj::is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(cj::is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(cj::is_valid_utf8("\xE2\x82"));          // truncated
  CHECK_FALSE(cj::is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST_CASE("number_as_double converts each number kind as Boost's to_number<double> does") {
  for (const bj::value& v : {bj::value(std::int64_t{-42}), bj::value(std::int64_t{INT64_MIN}),
                             bj::value(std::uint64_t{UINT64_MAX}), bj::value(0.1), bj::value(-0.0),
                             bj::value(1e308)}) {
    CHECK(cj::number_as_double(v) == v.to_number<double>());
  }
  CHECK(cj::number_as_double(bj::value(std::uint64_t{UINT64_MAX})) == 18446744073709551616.0);
}
