// wasm/bridge/locator_export.cpp called natively as the adapter calls it
// (locator_page.ts): a packed page loaded in steps, then lookups one-shot or
// in slices. A sliced lookup answers exactly what the one-shot lookup answers,
// and a page load or another lookup between its steps ends it, so an answer
// never mixes two pages.
#include "locator/packed_page_test_writer.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

extern "C" {
int cairn_page_load(const char* data, int length);
int cairn_page_load_step(const char* data, int length);
int cairn_page_locate(const char* data, int length);
int cairn_page_locate_step(const char* data, int length);
int cairn_page_fingerprint(const char* data, int length);
const char* cairn_result_ptr();
int cairn_result_len();
}

namespace bj = boost::json;
namespace lt = cairn::locator::test;

namespace {

using Export = int (*)(const char*, int);

// Calls an export with `input` and returns its answer as JSON.
bj::value call(Export fn, const std::string& input) {
  fn(input.data(), static_cast<int>(input.size()));
  return bj::parse(std::string(cairn_result_ptr(), static_cast<std::size_t>(cairn_result_len())));
}

// A toolbar of `n` buttons with their own texts under a form.
std::string toolbar(int n, const std::string& prefix) {
  std::vector<lt::Row> rows(1);
  rows[0].tag = "form";
  rows[0].flags = lt::kVisible | lt::kHasRect;
  rows[0].rect = {0, 0, 800, 60};
  for (int i = 0; i < n; ++i) {
    lt::Row button;
    button.tag = "button";
    button.parent = 0;
    button.index = i;
    button.text = prefix + std::to_string(i);
    button.flags = lt::kVisible | lt::kHasRect;
    button.rect = {10.0 + 70 * i, 10, 60, 30};
    rows.push_back(button);
  }
  return lt::pack(rows);
}

// Loads `packed` the way the adapter does: the bytes, then steps until done.
void load(const std::string& packed) {
  call(cairn_page_load, packed);
  for (int i = 0; i < 1000; ++i) {
    bj::value step = call(cairn_page_load_step, R"({"max_rows": 3})");
    REQUIRE(step.at("done").is_bool());
    if (step.at("done").as_bool()) return;
  }
  FAIL("the page load never finished");
}

// The fingerprint of loaded candidate `index`, as a JSON object's text.
std::string fingerprint(int index) {
  return bj::serialize(call(cairn_page_fingerprint, R"({"self_index": )" + std::to_string(index) + "}"));
}

std::string locate_request(const std::string& target, int max_rows = 0) {
  std::string out = R"({"target": )" + target;
  if (max_rows > 0) out += R"(, "max_rows": )" + std::to_string(max_rows);
  return out + "}";
}

bool not_done(const bj::value& answer) {
  return answer.is_object() && answer.as_object().contains("done") && !answer.at("done").as_bool();
}

// Steps the sliced lookup in progress to its answer; `steps` counts the calls.
bj::value finish(int* steps) {
  for (*steps = 0; *steps < 10000; ++*steps) {
    bj::value answer = call(cairn_page_locate_step, R"({"max_rows": 1})");
    if (!not_done(answer)) return answer;
  }
  FAIL("the sliced lookup never answered");
  return nullptr;
}

}  // namespace

TEST_CASE("bridge: a sliced lookup answers exactly what the one-shot lookup answers") {
  load(toolbar(12, "Action "));
  for (int target : {1, 6, 12}) {
    const std::string fp = fingerprint(target);
    const bj::value once = call(cairn_page_locate, locate_request(fp));
    REQUIRE(once.at("match").is_int64());
    CHECK(once.at("match").as_int64() == target);
    REQUIRE(not_done(call(cairn_page_locate, locate_request(fp, 1))));
    int steps = 0;
    const bj::value sliced = finish(&steps);
    CHECK(steps > 1);
    CHECK(bj::serialize(sliced) == bj::serialize(once));
  }
  // Without max_rows the answer comes at once; with a large one too.
  CHECK_FALSE(not_done(call(cairn_page_locate, locate_request(fingerprint(3), 100000))));
}

TEST_CASE("bridge: a page load or another lookup between the steps ends a sliced lookup") {
  load(toolbar(12, "Action "));
  const std::string first = fingerprint(2);
  const std::string second = fingerprint(9);
  const bj::value second_once = call(cairn_page_locate, locate_request(second));

  SECTION("a page load: the next step is refused, never answered from two pages") {
    REQUIRE(not_done(call(cairn_page_locate, locate_request(first, 1))));
    load(toolbar(12, "Other "));
    const bj::value refused = call(cairn_page_locate_step, R"({"max_rows": 1})");
    CHECK(refused.at("reason") == "bad_request");
    CHECK(bj::serialize(refused).find("no lookup in progress") != std::string::npos);
  }
  SECTION("another lookup: the steps continue the newer one") {
    REQUIRE(not_done(call(cairn_page_locate, locate_request(first, 1))));
    REQUIRE(not_done(call(cairn_page_locate, locate_request(second, 1))));
    int steps = 0;
    CHECK(bj::serialize(finish(&steps)) == bj::serialize(second_once));
  }
  SECTION("a one-shot lookup in between ends it too") {
    REQUIRE(not_done(call(cairn_page_locate, locate_request(first, 1))));
    CHECK(bj::serialize(call(cairn_page_locate, locate_request(second))) == bj::serialize(second_once));
    CHECK(call(cairn_page_locate_step, R"({"max_rows": 1})").at("reason") == "bad_request");
  }
}

TEST_CASE("bridge: malformed step and lookup requests are refused with their field") {
  load(toolbar(3, "Action "));
  const bj::value missing = call(cairn_page_locate_step, "{}");
  CHECK(missing.at("reason") == "bad_request");
  CHECK(bj::serialize(missing).find("/max_rows") != std::string::npos);
  CHECK(call(cairn_page_locate_step, R"({"max_rows": 0})").at("reason") == "bad_request");
  CHECK(call(cairn_page_locate_step, "not json").at("reason") == "bad_request");
  const bj::value zero = call(cairn_page_locate, R"({"target": )" + fingerprint(1) + R"(, "max_rows": 0})");
  CHECK(zero.at("reason") == "bad_request");
  CHECK(bj::serialize(zero).find("/max_rows") != std::string::npos);
}

TEST_CASE("bridge: a lookup or step with a wrong-typed field is refused and leaves the lookup in progress") {
  load(toolbar(12, "Action "));
  const std::string fp = fingerprint(6);
  const bj::value once = call(cairn_page_locate, locate_request(fp));
  REQUIRE(not_done(call(cairn_page_locate, locate_request(fp, 1))));
  const std::vector<std::pair<std::string, std::string>> refused = {
      {R"({"target": )" + fingerprint(2) + R"(, "locale": 5})", "/locale"},
      {R"({"target": )" + fingerprint(2) + R"(, "max_rows": "1"})", "/max_rows"},
      {R"({"target": "button"})", "/target"},
  };
  for (const auto& [request, pointer] : refused) {
    INFO(request);
    const bj::value answer = call(cairn_page_locate, request);
    CHECK(answer.at("reason") == "bad_request");
    CHECK(answer.at("problems").at(0).at("pointer") == pointer.c_str());
  }
  CHECK(call(cairn_page_locate_step, R"({"max_rows": "1"})").at("reason") == "bad_request");
  const bj::value bad_fingerprint = call(cairn_page_fingerprint, R"({"self_index": 1, "locale": ["en"]})");
  CHECK(bad_fingerprint.at("reason") == "bad_request");
  CHECK(bad_fingerprint.at("problems").at(0).at("pointer") == "/locale");
  // The lookup started before continues, on the same page, to the same answer.
  int steps = 0;
  CHECK(bj::serialize(finish(&steps)) == bj::serialize(once));
  CHECK(steps > 1);
}

TEST_CASE("bridge: a page load step with a wrong-typed field is refused and the load continues") {
  call(cairn_page_load, toolbar(4, "Action "));
  const bj::value refused = call(cairn_page_load_step, R"({"max_rows": 2.5})");
  CHECK(refused.at("reason") == "bad_request");
  CHECK(refused.at("problems").at(0).at("pointer") == "/max_rows");
  REQUIRE(call(cairn_page_load_step, R"({"max_rows": 100})").at("candidates") == 5);
}
