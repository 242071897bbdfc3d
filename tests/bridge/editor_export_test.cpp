// wasm/bridge/editor_export.cpp called natively as editor mode calls it for a
// pick or a highlight (editor_mode.ts): one fingerprint checked over the page
// loaded into the locator. Pins down the reliability fields the editor's
// verdict is worded from (docs/editor-bridge.md, "How reliably the target will
// be found"): which anchors, how many look-alikes, and none for a missing target.
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
int cairn_page_fingerprint(const char* data, int length);
int cairn_editor_check(const char* data, int length);
const char* cairn_result_ptr();
int cairn_result_len();
}

namespace bj = boost::json;
namespace lt = cairn::locator::test;

namespace {

bj::value answer_of(int (*fn)(const char*, int), const std::string& input) {
  fn(input.data(), static_cast<int>(input.size()));
  return bj::parse(std::string(cairn_result_ptr(), static_cast<std::size_t>(cairn_result_len())));
}

// One element of `tag` under row `parent`, `index`-th among its tag there.
lt::Row element(std::string tag, int parent, std::string text = {}, int index = 0) {
  lt::Row row;
  row.tag = std::move(tag);
  row.parent = parent;
  row.text = std::move(text);
  row.index = index;
  return row;
}

// A form (Save with a test id and an id, Cancel with a generated id, a plain
// link) above a table whose three rows each have an "Edit" button: rows 1, 2,
// 3 and the Edit buttons at 6, 8 and 10.
std::vector<lt::Row> invoice_page() {
  std::vector<lt::Row> rows{element("form", -1)};
  rows.push_back(element("button", 0, "Save"));
  rows.back().id = "save";
  rows.back().attributes = {{"data-testid", "save-button"}};
  rows.push_back(element("button", 0, "Cancel", 1));
  rows.back().id = ":r5:";
  rows.push_back(element("a", 0, "Acme"));
  rows.back().attributes = {{"href", "/"}};
  rows.push_back(element("table", -1));
  for (int i = 0; i < 3; ++i) {
    rows.push_back(element("tr", 4, {}, i));
    rows.push_back(element("button", static_cast<int>(rows.size()) - 1, "Edit"));
    rows.back().neighbors = {"Invoice " + std::to_string(i)};
  }
  return rows;
}

void load(const std::vector<lt::Row>& rows) {
  answer_of(cairn_page_load, lt::pack(rows));
  REQUIRE(answer_of(cairn_page_load_step, R"({"max_rows": 100000})").at("done") == true);
}

// The check of loaded candidate `index`'s fingerprint over the page loaded at
// the time of the call (`then`, run in between, may load another).
template <class Then>
bj::object check_of(int index, Then then) {
  const std::string fingerprint =
      bj::serialize(answer_of(cairn_page_fingerprint, R"({"self_index": )" + std::to_string(index) + "}"));
  then();
  const bj::value out = answer_of(
      cairn_editor_check, R"({"fingerprint": )" + fingerprint + R"(, "url": "https://app.test/", "locale": "en"})");
  REQUIRE(out.at("steps").as_array().size() == 1);
  return out.at("steps").at(0).as_object();
}

bj::object check_of(int index) {
  return check_of(index, [] {});
}

}  // namespace

TEST_CASE("bridge: the editor's check names the anchors a target has, a generated id not among them") {
  load(invoice_page());
  const bj::object save = check_of(1);
  CHECK(save.at("status") == "found");
  CHECK(bj::serialize(save.at("anchors")) == R"({"test_id":"save-button","id":"save"})");
  CHECK(save.at("look_alikes") == 0);
  const bj::object cancel = check_of(2);
  CHECK(cancel.at("status") == "found");
  CHECK(cancel.at("anchors").as_object().empty());
  CHECK(check_of(3).at("anchors").as_object().empty());
}

TEST_CASE("bridge: the editor's check counts the look-alikes only context tells apart") {
  load(invoice_page());
  const bj::object edit = check_of(8);  // the second row's Edit
  CHECK(edit.at("status") == "found");
  CHECK(edit.at("anchors").as_object().empty());
  CHECK(edit.at("look_alikes") == 2);
}

TEST_CASE("bridge: a target missing from the page gets no reliability fields") {
  load(invoice_page());
  const bj::object missing = check_of(1, [] {
    std::vector<lt::Row> without = invoice_page();
    without[1] = element("p", 0, "Saved at noon");
    load(without);
  });
  CHECK(missing.at("status") == "missing");
  CHECK_FALSE(missing.contains("anchors"));
  CHECK_FALSE(missing.contains("look_alikes"));
}

TEST_CASE("bridge: an editor check with a bad field answers its problem and no steps") {
  load(invoice_page());
  const std::string fingerprint = bj::serialize(answer_of(cairn_page_fingerprint, R"({"self_index": 1})"));
  const std::vector<std::pair<std::string, std::string>> refused = {
      {R"({"fingerprint": )" + fingerprint + R"(, "locale": "en"})", "/url"},
      {R"({"fingerprint": )" + fingerprint + R"(, "url": 7})", "/url"},
      {R"({"fingerprint": )" + fingerprint + R"(, "url": "https://app.test/", "locale": 5})", "/locale"},
      {R"({"fingerprint": "save", "url": "https://app.test/"})", "/fingerprint"},
  };
  for (const auto& [request, pointer] : refused) {
    INFO(request);
    const bj::value answer = answer_of(cairn_editor_check, request);
    CHECK(answer.at("steps").as_array().empty());
    CHECK(answer.at("problems").at(0).at("pointer") == pointer.c_str());
  }
  // The page the check reads is the same: the next check finds the target.
  CHECK(check_of(1).at("status") == "found");
}
