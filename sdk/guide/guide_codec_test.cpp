#include "guide/guide_codec.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cg = cairn::guide;
namespace bj = boost::json;

namespace {

// A valid guide that each error case below edits in one or two places.
constexpr const char* kBase = R"({
  "schema": 1, "id": "g1", "name": "Guide",
  "trigger": {"kind": "page_load"},
  "steps": [
    {"id": "s1", "kind": "modal",
     "content": {"en": {"title": "Hi", "body": "Hello", "buttons": [{"label": "OK", "action": "next"}]}}},
    {"id": "s2", "kind": "tooltip", "target": {"fingerprint": {"version": 1, "element": {"tag": "button"}}},
     "content": {"en": {"title": "Here"}}}
  ]
})";

constexpr const char* kDelete = "<delete>";

// Sets (or with kDelete removes) the value at an RFC 6901 pointer, creating
// objects on the way; "-" appends to an array.
void edit(bj::value& root, std::string_view pointer, std::string_view json_text) {
  std::vector<std::string> tokens;
  std::size_t i = 1;
  while (i <= pointer.size() && !pointer.empty()) {
    std::size_t slash = pointer.find('/', i);
    if (slash == std::string_view::npos) slash = pointer.size();
    std::string token(pointer.substr(i, slash - i));
    std::string unescaped;
    for (std::size_t k = 0; k < token.size(); ++k) {
      if (token[k] == '~' && k + 1 < token.size()) {
        unescaped += token[k + 1] == '1' ? '/' : '~';
        ++k;
      } else {
        unescaped += token[k];
      }
    }
    tokens.push_back(unescaped);
    i = slash + 1;
  }
  bj::value* at = &root;
  for (std::size_t t = 0; t + 1 < tokens.size(); ++t) {
    if (bj::array* a = at->if_array()) {
      at = &(*a)[std::stoul(tokens[t])];
    } else {
      bj::object& o = at->is_object() ? at->get_object() : at->emplace_object();
      at = &o[tokens[t]];
    }
  }
  const std::string& last = tokens.back();
  if (json_text == kDelete) {
    if (bj::object* o = at->if_object()) o->erase(last);
    else if (bj::array* a = at->if_array()) a->erase(a->begin() + std::stol(last));
    return;
  }
  bj::value v = bj::parse(json_text);
  if (bj::array* a = at->if_array()) {
    if (last == "-") a->push_back(v);
    else (*a)[std::stoul(last)] = v;
  } else {
    bj::object& o = at->is_object() ? at->get_object() : at->emplace_object();
    o[last] = v;
  }
}

std::string render(const cairn::json::Problems& problems) { return problems.summary(); }

bool has_problem(const cairn::json::Problems& problems, std::string_view pointer,
                 std::string_view reason) {
  for (const auto& p : problems.stored()) {
    if (p.pointer == pointer && p.reason.find(reason) != std::string::npos) return true;
  }
  return false;
}

// `expected` is contained in `actual`: every field of every object in
// `expected` is in `actual` with a semantically equal value (numbers by value).
bool semantically_contains(const bj::value& actual, const bj::value& expected) {
  if (expected.is_number() && actual.is_number()) {
    return actual.to_number<double>() == expected.to_number<double>();
  }
  if (const bj::object* e = expected.if_object()) {
    const bj::object* a = actual.if_object();
    if (!a) return false;
    for (const auto& kv : *e) {
      auto it = a->find(kv.key());
      if (it == a->end()) {
        UNSCOPED_INFO("missing key " << kv.key());
        return false;
      }
      if (!semantically_contains(it->value(), kv.value())) {
        UNSCOPED_INFO("differs at key " << kv.key());
        return false;
      }
    }
    return true;
  }
  if (const bj::array* e = expected.if_array()) {
    const bj::array* a = actual.if_array();
    if (!a || a->size() != e->size()) return false;
    for (std::size_t i = 0; i < e->size(); ++i) {
      if (!semantically_contains((*a)[i], (*e)[i])) return false;
    }
    return true;
  }
  return actual == expected;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("the base document of the error table is valid") {
  cg::GuideParseResult result = cg::parse_guide(kBase);
  INFO(render(result.problems));
  REQUIRE(result.ok());
  const cg::Guide& g = *result.guide;
  CHECK(g.id == "g1");
  CHECK(g.steps.size() == 2);
  CHECK(g.steps[1].target->fingerprint.at("element").at("tag") == "button");
  CHECK(g.status == cg::GuideStatus::draft);
  CHECK(g.fallback_locale == "en");
}

TEST_CASE("every example in docs/examples/guides round-trips") {
  std::filesystem::path dir = std::filesystem::path(CAIRN_SOURCE_DIR) / "docs/examples/guides";
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    ++count;
    SECTION(entry.path().filename().string()) {
      std::string text = read_file(entry.path());
      cg::GuideParseResult first = cg::parse_guide(text);
      INFO(render(first.problems));
      REQUIRE(first.ok());
      bj::object written = cg::write_guide(*first.guide);
      // Nothing the author wrote is lost or changed (defaults may be added).
      CHECK(semantically_contains(written, bj::parse(text)));
      // And writing is a fixed point: parse(write(g)) == g, write is stable.
      cg::GuideParseResult second = cg::parse_guide(bj::serialize(written));
      INFO(render(second.problems));
      REQUIRE(second.ok());
      CHECK(*second.guide == *first.guide);
      CHECK(cg::write_guide(*second.guide) == written);
    }
  }
  CHECK(count >= 5);
}

TEST_CASE("unknown fields are kept on every object and written back") {
  bj::value doc = bj::parse(kBase);
  edit(doc, "/x-top", "1");
  edit(doc, "/trigger/x-t", "\"t\"");
  edit(doc, "/steps/0/x-step", "[1,2]");
  edit(doc, "/steps/0/content/en/x-c", "{\"a\": null}");
  edit(doc, "/steps/0/content/en/buttons/0/x-b", "true");
  edit(doc, "/steps/1/target/x-target", "2");
  edit(doc, "/steps/1/target/fingerprint/x-fp", "{\"kept\": true}");
  edit(doc, "/steps/1/target/fingerprint/element/x-el", "12");
  edit(doc, "/steps/0/placement", "{\"x-p\": 3}");
  edit(doc, "/steps/0/missing_target", "{\"x-m\": 4}");
  edit(doc, "/audience", R"({"all": [{"attribute": "a", "op": "exists", "x-a": 5}]})");
  edit(doc, "/schedule", "{\"x-s\": 6}");
  edit(doc, "/frequency", R"({"kind": "once", "x-f": 7})");
  edit(doc, "/theme", "{\"x-th\": 8}");
  edit(doc, "/trigger/pages", R"({"include": [{"path": "/a", "x-u": 9, "query": [{"name": "q", "op": "present", "x-q": 10}]}], "x-r": 11})");
  cg::GuideParseResult result = cg::parse_guide(bj::serialize(doc));
  INFO(render(result.problems));
  REQUIRE(result.ok());
  CHECK(result.guide->unknown.at("x-top") == 1);
  CHECK(result.guide->steps[0].unknown.at("x-step") == bj::parse("[1,2]"));
  bj::object written = cg::write_guide(*result.guide);
  CHECK(semantically_contains(written, doc));
}

TEST_CASE("a document from a newer schema is refused with one clear problem") {
  bj::value doc = bj::parse(kBase);
  edit(doc, "/schema", "2");
  edit(doc, "/steps", "\"whatever a newer build means by this\"");
  cg::GuideParseResult result = cg::parse_guide(bj::serialize(doc));
  CHECK_FALSE(result.ok());
  REQUIRE(result.problems.total() == 1);
  CHECK(result.problems.summary() ==
        "/schema: written by a newer Cairn (schema 2); this build reads schema 1");
}

TEST_CASE("every problem of a document is reported, not only the first") {
  bj::value doc = bj::parse(kBase);
  edit(doc, "/name", "\"\"");
  edit(doc, "/steps/1/target", kDelete);
  edit(doc, "/steps/0/kind", "\"tooltip\"");
  edit(doc, "/priority", "-1");
  cg::GuideParseResult result = cg::parse_guide(bj::serialize(doc));
  CHECK_FALSE(result.ok());
  CHECK(result.problems.total() == 4);
  CHECK(has_problem(result.problems, "/steps/1/target", "required for kind tooltip"));
  CHECK(has_problem(result.problems, "/steps/0/target", "required for kind tooltip"));
  CHECK(has_problem(result.problems, "/name", "must not be empty"));
  CHECK(has_problem(result.problems, "/priority", "must be between 0 and 1000"));
}

TEST_CASE("a guide inside a larger document reports pointers under its own") {
  bj::value outer = bj::parse(std::string("{\"guides\": [") + kBase + "]}");
  edit(outer, "/guides/0/steps/1/target", kDelete);
  cairn::json::Problems problems;
  CHECK_FALSE(cg::parse_guide(outer.at("guides").at(0), "/guides/0", problems));
  CHECK(has_problem(problems, "/guides/0/steps/1/target", "required for kind tooltip"));
}

TEST_CASE("syntax errors and non-objects are problems at the document") {
  cg::GuideParseResult bad = cg::parse_guide("{\"schema\": 1,");
  CHECK(has_problem(bad.problems, "", "invalid JSON at byte"));
  cg::GuideParseResult array = cg::parse_guide("[]");
  CHECK(has_problem(array.problems, "", "must be an object"));
}

struct ErrorCase {
  std::vector<std::pair<std::string, std::string>> edits;
  std::string pointer;
  std::string reason;
};

TEST_CASE("every validation error names its pointer and reason") {
  const std::string long_title(cg::kMaxTitleBytes + 1, 'x');
  const std::string long_body(cg::kMaxBodyBytes + 1, 'x');
  std::string deep = "{\"attribute\": \"a\", \"op\": \"exists\"}";
  for (int i = 0; i < 9; ++i) deep = "{\"not\": " + deep + "}";
  std::string many = "{\"any\": [";
  for (int i = 0; i < 201; ++i) many += std::string(i ? "," : "") + "{\"attribute\": \"a\", \"op\": \"exists\"}";
  many += "]}";
  std::string half = "{\"any\": [";
  for (int i = 0; i < 150; ++i) half += std::string(i ? "," : "") + "{\"attribute\": \"a\", \"op\": \"exists\"}";
  half += "]}";
  std::string wide = "{\"all\": [" + half + "," + half + "]}";
  std::string many_steps = "[";
  for (int i = 0; i < 51; ++i) {
    many_steps += std::string(i ? "," : "") + "{\"id\": \"s" + std::to_string(i) +
                  "\", \"kind\": \"modal\", \"content\": {\"en\": {}}}";
  }
  many_steps += "]";
  std::string many_rules = "{\"include\": [";
  for (int i = 0; i < 21; ++i) many_rules += std::string(i ? "," : "") + "{\"path\": \"/a\"}";
  many_rules += "]}";

  const std::vector<ErrorCase> cases = {
      // guide
      {{{"/schema", kDelete}}, "/schema", "required"},
      {{{"/schema", "0"}}, "/schema", "must be between 1 and"},
      {{{"/schema", "\"1\""}}, "/schema", "must be an integer"},
      {{{"/id", kDelete}}, "/id", "required"},
      {{{"/id", "\"has space\""}}, "/id", "letters, digits"},
      {{{"/name", "\"\""}}, "/name", "must not be empty"},
      {{{"/name", "7"}}, "/name", "must be a string"},
      {{{"/version", "0"}}, "/version", "must be between 1"},
      {{{"/status", "\"live\""}}, "/status", "unknown value \"live\"; must be one of: draft, published, scheduled, archived"},
      {{{"/priority", "1001"}}, "/priority", "must be between 0 and 1000"},
      {{{"/environments", "[\"dev\"]"}}, "/environments/0", "must be one of: staging, production"},
      {{{"/environments", "[\"production\", \"production\"]"}}, "/environments/1", "listed twice"},
      {{{"/environments", "[\"staging\", \"production\", \"staging\"]"}}, "/environments", "has 3 items; the limit is 2"},
      {{{"/fallback_locale", "\"english!\""}}, "/fallback_locale", "is not a locale tag"},
      {{{"/fallback_locale", "\"fr\""}}, "/steps/0/content", "no content for the fallback locale \"fr\""},
      // ui_text: the SDK's own words
      {{{"/ui_text", "[]"}}, "/ui_text", "must be an object"},
      {{{"/ui_text", "{\"deutsch\": {}}"}}, "/ui_text/deutsch", "is not a locale tag"},
      {{{"/ui_text", "{\"de\": \"Senden\"}"}}, "/ui_text/de", "must be an object"},
      {{{"/ui_text", "{\"de\": {\"sumbit\": \"Senden\"}}"}}, "/ui_text/de/sumbit", "is not one of the SDK's words (close, submit, nps_low, nps_high, step_of, guide, open_hint, help, progress, item_done)"},
      {{{"/ui_text", "{\"de\": {\"submit\": 1}}"}}, "/ui_text/de/submit", "must be a string"},
      {{{"/ui_text", "{\"de\": {\"submit\": \"\"}}"}}, "/ui_text/de/submit", "must be 1 to 128 bytes"},
      {{{"/ui_text", "{\"de\": {\"submit\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}}"}}, "/ui_text/de/submit", "must be 1 to 128 bytes"},
      {{{"/ui_text", "{\"de\": {\"step_of\": \"Schritt {n}\"}}"}}, "/ui_text/de/step_of", "must keep the placeholder {total} (the SDK fills it in)"},
      {{{"/ui_text", "{\"de\": {\"step_of\": \"Schritt {nummer} von {total}\"}}"}}, "/ui_text/de/step_of", "unknown placeholder {nummer}; this word takes {n} and {total}"},
      {{{"/ui_text", "{\"de\": {\"item_done\": \"erledigt\"}}"}}, "/ui_text/de/item_done", "must keep the placeholder {item}"},
      {{{"/ui_text", "{\"de\": {\"submit\": \"Senden {n}\"}}"}}, "/ui_text/de/submit", "unknown placeholder {n}; this word takes none"},
      // trigger
      {{{"/trigger", kDelete}}, "/trigger", "required"},
      {{{"/trigger", "[]"}}, "/trigger", "must be an object"},
      {{{"/trigger/kind", "\"hover\""}}, "/trigger/kind", "unknown value \"hover\""},
      {{{"/trigger/kind", "\"element_clicked\""}}, "/trigger/element", "required"},
      {{{"/trigger/kind", "\"element_appears\""}, {"/trigger/element", "\"#id\""}}, "/trigger/element", "must be an object"},
      {{{"/trigger/element", "{}"}}, "/trigger/element", "only for kinds element_appears and element_clicked"},
      {{{"/trigger/kind", "\"element_clicked\""}, {"/trigger/element", "{\"version\": 1, \"element\": {}}"}}, "/trigger/element/element/tag", "required"},
      {{{"/trigger/kind", "\"custom_event\""}}, "/trigger/event", "required"},
      {{{"/trigger/event", "\"x\""}}, "/trigger/event", "only for kind custom_event"},
      {{{"/trigger/delay_ms", "-1"}}, "/trigger/delay_ms", "must be between 0 and 60000"},
      // URL rules
      {{{"/trigger/pages", "{\"include\": [{}]}"}}, "/trigger/pages/include/0/path", "required"},
      {{{"/trigger/pages", "{\"include\": [{\"path\": \"app\"}]}"}}, "/trigger/pages/include/0/path", "must start with \"/\""},
      {{{"/trigger/pages", "{\"include\": [{\"path\": \"/a**\"}]}"}}, "/trigger/pages/include/0/path", "\"**\" must be a whole segment"},
      {{{"/trigger/pages", "{\"include\": [{\"path\": \"/:\"}]}"}}, "/trigger/pages/include/0/path", "followed by a parameter name"},
      {{{"/trigger/pages", "{\"include\": [{\"path\": \"/:a-b\"}]}"}}, "/trigger/pages/include/0/path", "parameter names"},
      {{{"/trigger/pages", "{\"include\": [{\"path\": \"/a?b=1\"}]}"}}, "/trigger/pages/include/0/path", "must not contain \"?\" or \"#\""},
      {{{"/trigger/pages", "{\"include\": [{\"path\": \"/a b\"}]}"}}, "/trigger/pages/include/0/path", "spaces or control characters"},
      {{{"/trigger/pages", many_rules}}, "/trigger/pages/include", "has 21 items; the limit is 20"},
      {{{"/trigger/pages", "{\"exclude\": {}}"}}, "/trigger/pages/exclude", "must be an array"},
      {{{"/trigger/pages", "{\"include\": [{\"path\": \"/\", \"query\": [{\"op\": \"present\"}]}]}"}}, "/trigger/pages/include/0/query/0/name", "required"},
      {{{"/trigger/pages", "{\"include\": [{\"path\": \"/\", \"query\": [{\"name\": \"q\", \"op\": \"like\"}]}]}"}}, "/trigger/pages/include/0/query/0/op", "unknown value \"like\""},
      {{{"/trigger/pages", "{\"include\": [{\"path\": \"/\", \"query\": [{\"name\": \"q\", \"op\": \"equals\"}]}]}"}}, "/trigger/pages/include/0/query/0/value", "required"},
      {{{"/trigger/pages", "{\"include\": [{\"path\": \"/\", \"query\": [{\"name\": \"q\", \"op\": \"absent\", \"value\": \"v\"}]}]}"}}, "/trigger/pages/include/0/query/0/value", "not allowed for op absent"},
      {{{"/trigger/pages", "{\"include\": [{\"path\": \"/\", \"hash\": 5}]}"}}, "/trigger/pages/include/0/hash", "must be a string"},
      // audience
      {{{"/audience", "{}"}}, "/audience", "must have one of: all, any, not, attribute, event, guide, rollout"},
      {{{"/audience", "{\"all\": [], \"any\": []}"}}, "/audience", "must have only one of"},
      {{{"/audience", "{\"all\": {}}"}}, "/audience/all", "must be an array"},
      {{{"/audience", "{\"not\": []}"}}, "/audience/not", "must be an object"},
      {{{"/audience", deep}}, "/audience/not/not/not/not/not/not/not/not/not", "nesting deeper than 8 levels"},
      {{{"/audience", many}}, "/audience/any", "has 201 items; the limit is 200"},
      {{{"/audience", wide}}, "/audience/all/1/any", "more than 200 predicates"},
      {{{"/audience", "{\"attribute\": \"\", \"op\": \"exists\"}"}}, "/audience/attribute", "must not be empty"},
      {{{"/audience", "{\"attribute\": \"a\", \"op\": \"like\", \"value\": 1}"}}, "/audience/op", "unknown value \"like\"; must be one of: eq, neq, in, contains, starts_with, gt, lt, exists"},
      {{{"/audience", "{\"attribute\": \"a\", \"value\": 1}"}}, "/audience/op", "required"},
      {{{"/audience", "{\"attribute\": \"a\", \"op\": \"eq\"}"}}, "/audience/value", "required"},
      {{{"/audience", "{\"attribute\": \"a\", \"op\": \"exists\", \"value\": 1}"}}, "/audience/value", "not allowed for op exists"},
      {{{"/audience", "{\"attribute\": \"a\", \"op\": \"in\", \"value\": \"x\"}"}}, "/audience/value", "must be a non-empty array for op in"},
      {{{"/audience", "{\"attribute\": \"a\", \"op\": \"in\", \"value\": []}"}}, "/audience/value", "must be a non-empty array for op in"},
      {{{"/audience", "{\"attribute\": \"a\", \"op\": \"in\", \"value\": [1, {}]}"}}, "/audience/value/1", "must be a string, number or boolean"},
      {{{"/audience", "{\"attribute\": \"a\", \"op\": \"starts_with\", \"value\": 1}"}}, "/audience/value", "must be a string for op starts_with"},
      {{{"/audience", "{\"attribute\": \"a\", \"op\": \"gt\", \"value\": true}"}}, "/audience/value", "must be a number or a string for op gt"},
      {{{"/audience", "{\"attribute\": \"a\", \"op\": \"eq\", \"value\": [1]}"}}, "/audience/value", "must be a string, number or boolean for op eq"},
      {{{"/audience", "{\"attribute\": \"a\", \"op\": \"eq\", \"value\": \"" + long_title + "\"}"}}, "/audience/value", "is longer than 512 bytes"},
      {{{"/audience", "{\"event\": \"e\", \"at_least\": -1}"}}, "/audience/at_least", "must be between 0"},
      {{{"/audience", "{\"event\": \"e\", \"at_least\": 3, \"at_most\": 2}"}}, "/audience/at_most", "must not be less than at_least (3)"},
      // The SDK counts each event up to kMaxEventCount (+1) times per user.
      {{{"/audience", "{\"event\": \"e\", \"at_least\": 101}"}}, "/audience/at_least", "must be between 0 and 100"},
      {{{"/audience", "{\"event\": \"e\", \"at_most\": 101}"}}, "/audience/at_most", "must be between 0 and 100"},
      {{{"/audience", "{\"event\": \"e\", \"within_ms\": 0}"}}, "/audience/within_ms", "must be between 1"},
      {{{"/audience", "{\"event\": \"\"}"}}, "/audience/event", "must not be empty"},
      {{{"/audience", "{\"guide\": \"bad id\", \"history\": \"seen\"}"}}, "/audience/guide", "letters, digits"},
      {{{"/audience", "{\"guide\": \"g2\", \"history\": \"liked\"}"}}, "/audience/history", "unknown value \"liked\""},
      {{{"/audience", "{\"guide\": \"g2\"}"}}, "/audience/history", "required"},
      {{{"/audience", "{\"rollout\": 101}"}}, "/audience/rollout", "must be between 0 and 100"},
      {{{"/audience", "{\"rollout\": 12.345}"}}, "/audience/rollout", "at most two decimals"},
      {{{"/audience", "{\"rollout\": \"50%\"}"}}, "/audience/rollout", "must be a number"},
      {{{"/audience", "{\"rollout\": 50, \"salt\": \"\"}"}}, "/audience/salt", "must not be empty"},
      // schedule
      {{{"/schedule", "{\"start\": \"2026-13-01T00:00:00Z\"}"}}, "/schedule/start", "ISO-8601 UTC"},
      {{{"/schedule", "{\"start\": \"2026-02-29T00:00:00Z\"}"}}, "/schedule/start", "ISO-8601 UTC"},
      {{{"/schedule", "{\"end\": \"2026-01-01T00:00:00+01:00\"}"}}, "/schedule/end", "ISO-8601 UTC"},
      {{{"/schedule", "{\"start\": 1767225600000}"}}, "/schedule/start", "must be a string"},
      {{{"/schedule", "{\"start\": \"2026-02-01T00:00:00Z\", \"end\": \"2026-02-01T00:00:00Z\"}"}}, "/schedule/end", "must be after start"},
      {{{"/status", "\"scheduled\""}}, "/schedule", "status scheduled needs a schedule with a start"},
      // frequency
      {{{"/frequency", "{}"}}, "/frequency/kind", "required"},
      {{{"/frequency", "{\"kind\": \"daily\"}"}}, "/frequency/kind", "unknown value \"daily\""},
      {{{"/frequency", "{\"kind\": \"at_most\"}"}}, "/frequency/times", "required"},
      {{{"/frequency", "{\"kind\": \"at_most\", \"times\": 101}"}}, "/frequency/times", "must be between 1 and 100"},
      {{{"/frequency", "{\"kind\": \"at_most\", \"times\": 1, \"window_ms\": 0}"}}, "/frequency/window_ms", "must be between 1"},
      {{{"/frequency", "{\"kind\": \"once\", \"times\": 2}"}}, "/frequency/times", "only for kind at_most"},
      {{{"/frequency", "{\"kind\": \"every_session\", \"window_ms\": 2}"}}, "/frequency/window_ms", "only for kind at_most"},
      // theme
      {{{"/theme", "{\"accent_color\": \"red;}body{display:none\"}"}}, "/theme/accent_color", "CSS colour name"},
      {{{"/theme", "{\"text_color\": \"#12345\"}"}}, "/theme/text_color", "must be #rgb, #rgba, #rrggbb or #rrggbbaa"},
      {{{"/theme", "{\"background_color\": \"url(https://x.test/a.png)\"}"}}, "/theme/background_color", "CSS colour name"},
      {{{"/theme", "{\"border_color\": \"rgb(1,2,calc(3))\"}"}}, "/theme/border_color", "CSS colour name"},
      {{{"/theme", "{\"accent_color\": \"\"}"}}, "/theme/accent_color", "must not be empty"},
      {{{"/theme", "{\"font_family\": \"Arial; color: red\"}"}}, "/theme/font_family", "font family names may use"},
      {{{"/theme", "{\"font_family\": \"'Inter\"}"}}, "/theme/font_family", "quotes must match"},
      {{{"/theme", "{\"font_size_px\": 5}"}}, "/theme/font_size_px", "must be between 10 and 32"},
      {{{"/theme", "{\"radius_px\": 65}"}}, "/theme/radius_px", "must be between 0 and 64"},
      // experiment
      {{{"/experiment", "{\"holdout_percent\": 100, \"variants\": [{\"id\": \"a\"}]}"}}, "/experiment/holdout_percent", "must be below 100"},
      {{{"/experiment", "{}"}}, "/experiment/variants", "required"},
      {{{"/experiment", "{\"variants\": []}"}}, "/experiment/variants", "must list at least one variant"},
      {{{"/experiment", "{\"variants\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}"}}, "/experiment/variants/1/id", "duplicate variant id \"a\""},
      {{{"/experiment", "{\"variants\": [{\"id\": \"a\", \"weight\": 0}]}"}}, "/experiment/variants/0/weight", "must be between 1 and 10000"},
      {{{"/experiment", "{\"variants\": [{}]}"}}, "/experiment/variants/0/id", "required"},
      // steps
      {{{"/steps", kDelete}}, "/steps", "required"},
      {{{"/steps", "[]"}}, "/steps", "must list at least one step"},
      {{{"/steps", many_steps}}, "/steps", "has 51 items; the limit is 50"},
      {{{"/steps/0", "3"}}, "/steps/0", "must be an object"},
      {{{"/steps/0/id", kDelete}}, "/steps/0/id", "required"},
      {{{"/steps/1/id", "\"s1\""}}, "/steps/1/id", "duplicate step id \"s1\" (also /steps/0)"},
      {{{"/steps/0/kind", "\"popup\""}}, "/steps/0/kind", "unknown value \"popup\"; must be one of: tooltip, modal, hotspot, banner, slideout, checklist, launcher, survey"},
      {{{"/steps/0/kind", "\"tooltip\""}}, "/steps/0/target", "required for kind tooltip"},
      {{{"/steps/0/kind", "\"hotspot\""}}, "/steps/0/target", "required for kind hotspot"},
      {{{"/steps/1/kind", "\"modal\""}}, "/steps/1/target", "not allowed for kind modal"},
      {{{"/steps/1/kind", "\"banner\""}}, "/steps/1/target", "not allowed for kind banner"},
      {{{"/steps/1/target", "{}"}}, "/steps/1/target/fingerprint", "required"},
      {{{"/steps/1/target", "{\"fingerprint\": \"button.save\"}"}}, "/steps/1/target/fingerprint", "must be an object"},
      {{{"/steps/1/target", "\"#save\""}}, "/steps/1/target", "must be an object"},
      // fingerprints are checked by the locator's codec, problems under their full pointer
      {{{"/steps/1/target/fingerprint/element/tag", kDelete}}, "/steps/1/target/fingerprint/element/tag", "required"},
      {{{"/steps/1/target/fingerprint/version", kDelete}}, "/steps/1/target/fingerprint/version", "required"},
      {{{"/steps/1/target/fingerprint/element/index", "-1"}}, "/steps/1/target/fingerprint/element/index", "must be between 0 and 100000"},
      // content
      {{{"/steps/0/content", kDelete}}, "/steps/0/content", "required"},
      {{{"/steps/0/content", "{}"}}, "/steps/0/content", "must have content for at least one locale"},
      {{{"/steps/0/content/english", "{}"}}, "/steps/0/content/english", "is not a locale tag"},
      {{{"/steps/0/content/en", "\"Hi\""}}, "/steps/0/content/en", "must be an object"},
      {{{"/steps/0/content/en/title", "\"" + long_title + "\""}}, "/steps/0/content/en/title", "is 513 bytes; the limit is 512"},
      {{{"/steps/0/content/en/body", "\"" + long_body + "\""}}, "/steps/0/content/en/body", "the limit is 16384"},
      {{{"/steps/0/content/en/buttons", "[{\"label\":\"a\",\"action\":\"next\"},{\"label\":\"a\",\"action\":\"next\"},{\"label\":\"a\",\"action\":\"next\"},{\"label\":\"a\",\"action\":\"next\"},{\"label\":\"a\",\"action\":\"next\"}]"}}, "/steps/0/content/en/buttons", "has 5 items; the limit is 4"},
      {{{"/steps/0/content/en/buttons/0/label", kDelete}}, "/steps/0/content/en/buttons/0/label", "required"},
      {{{"/steps/0/content/en/buttons/0/action", "\"close\""}}, "/steps/0/content/en/buttons/0/action", "unknown value \"close\""},
      {{{"/steps/0/content/en/buttons/0/style", "\"huge\""}}, "/steps/0/content/en/buttons/0/style", "unknown value \"huge\""},
      {{{"/steps/0/content/en/buttons/0/action", "\"url\""}}, "/steps/0/content/en/buttons/0/url", "required"},
      {{{"/steps/0/content/en/buttons/0/action", "\"url\""}, {"/steps/0/content/en/buttons/0/url", "\"javascript:alert(1)\""}}, "/steps/0/content/en/buttons/0/url", "must be an http(s), mailto or relative URL"},
      {{{"/steps/0/content/en/buttons/0/action", "\"url\""}, {"/steps/0/content/en/buttons/0/url", "\"java\\tscript:alert(1)\""}}, "/steps/0/content/en/buttons/0/url", "must be an http(s), mailto or relative URL"},
      {{{"/steps/0/content/en/buttons/0/url", "\"/x\""}}, "/steps/0/content/en/buttons/0/url", "only for action url"},
      {{{"/steps/0/content/en/buttons/0/new_tab", "true"}}, "/steps/0/content/en/buttons/0/new_tab", "only for action url"},
      {{{"/steps/0/content/en/buttons/0/action", "\"launch_guide\""}}, "/steps/0/content/en/buttons/0/guide_id", "required"},
      {{{"/steps/0/content/en/buttons/0/action", "\"launch_guide\""}, {"/steps/0/content/en/buttons/0/guide_id", "\"g1\""}}, "/steps/0/content/en/buttons/0/guide_id", "must not launch the guide itself"},
      {{{"/steps/0/content/en/buttons/0/guide_id", "\"g2\""}}, "/steps/0/content/en/buttons/0/guide_id", "only for action launch_guide"},
      {{{"/steps/0/content/en/buttons/0/action", "\"back\""}}, "/steps/0/content/en/buttons/0/action", "\"back\" on the first step has nowhere to go"},
      {{{"/steps/0/content/en/media", "{\"url\": \"data:image/png;base64,AAAA\"}"}}, "/steps/0/content/en/media/url", "must be an absolute http(s) URL"},
      {{{"/steps/0/content/en/media", "{\"url\": \"/relative.png\"}"}}, "/steps/0/content/en/media/url", "must be an absolute http(s) URL"},
      {{{"/steps/0/content/en/media", "{}"}}, "/steps/0/content/en/media/url", "required"},
      {{{"/steps/0/content/en/media", "{\"url\": \"https://x.test/a.gif\", \"kind\": \"gif\"}"}}, "/steps/0/content/en/media/kind", "unknown value \"gif\""},
      {{{"/steps/0/content/en/labels", "[]"}}, "/steps/0/content/en/labels", "must be an object"},
      {{{"/steps/0/content/en/labels", "{\"x\": 1}"}}, "/steps/0/content/en/labels/x", "must be a string"},
      {{{"/steps/0/content/en/labels", "{\"x\": \"X\"}"}}, "/steps/0/content/en/labels/x", "no checklist item or survey option has this id"},
      // checklist
      {{{"/steps/0/kind", "\"checklist\""}}, "/steps/0/items", "required"},
      {{{"/steps/0/kind", "\"checklist\""}, {"/steps/0/items", "[]"}}, "/steps/0/items", "must list at least one item for kind checklist"},
      {{{"/steps/0/kind", "\"checklist\""}, {"/steps/0/items", "[{\"id\": \"a\"}, {\"id\": \"a\"}]"}, {"/steps/0/content/en/labels", "{\"a\": \"A\"}"}}, "/steps/0/items/1/id", "duplicate item id \"a\""},
      {{{"/steps/0/kind", "\"checklist\""}, {"/steps/0/items", "[{\"id\": \"a\"}]"}}, "/steps/0/content/en/labels", "no label for checklist item \"a\""},
      {{{"/steps/0/kind", "\"checklist\""}, {"/steps/0/items", "[{\"id\": \"a\", \"action\": \"launch_guide\"}]"}}, "/steps/0/items/0/guide_id", "required"},
      {{{"/steps/0/kind", "\"checklist\""}, {"/steps/0/items", "[{\"id\": \"a\", \"action\": \"url\", \"url\": \"vbscript:x\"}]"}}, "/steps/0/items/0/url", "must be an http(s), mailto or relative URL"},
      {{{"/steps/0/kind", "\"checklist\""}, {"/steps/0/items", "[{\"id\": \"a\", \"url\": \"/x\"}]"}}, "/steps/0/items/0/url", "only for action url"},
      {{{"/steps/0/kind", "\"checklist\""}, {"/steps/0/items", "[{\"id\": \"a\", \"guide_id\": \"g2\"}]"}}, "/steps/0/items/0/guide_id", "only for action launch_guide"},
      {{{"/steps/0/kind", "\"checklist\""}, {"/steps/0/items", "[{\"id\": \"a\", \"action\": \"launch_guide\", \"guide_id\": \"g1\"}]"}}, "/steps/0/items/0/guide_id", "must not launch the guide itself"},
      {{{"/steps/0/kind", "\"checklist\""}, {"/steps/0/items", "[{\"id\": \"a\", \"action\": \"open\"}]"}}, "/steps/0/items/0/action", "unknown value \"open\""},
      {{{"/steps/0/items", "[]"}}, "/steps/0/items", "only for kind checklist"},
      // survey
      {{{"/steps/0/kind", "\"survey\""}}, "/steps/0/survey", "required"},
      {{{"/steps/0/kind", "\"survey\""}, {"/steps/0/survey", "{\"kind\": \"stars\"}"}}, "/steps/0/survey/kind", "unknown value \"stars\""},
      {{{"/steps/0/kind", "\"survey\""}, {"/steps/0/survey", "{\"kind\": \"rating\", \"scale\": 11}"}}, "/steps/0/survey/scale", "must be between 3 and 10"},
      {{{"/steps/0/kind", "\"survey\""}, {"/steps/0/survey", "{\"kind\": \"nps\", \"scale\": 5}"}}, "/steps/0/survey/scale", "only for kind rating"},
      {{{"/steps/0/kind", "\"survey\""}, {"/steps/0/survey", "{\"kind\": \"nps\", \"options\": [\"a\"]}"}}, "/steps/0/survey/options", "only for kind choice"},
      {{{"/steps/0/kind", "\"survey\""}, {"/steps/0/survey", "{\"kind\": \"choice\"}"}}, "/steps/0/survey/options", "required"},
      {{{"/steps/0/kind", "\"survey\""}, {"/steps/0/survey", "{\"kind\": \"choice\", \"options\": [\"a\"]}"}, {"/steps/0/content/en/labels", "{\"a\": \"A\"}"}}, "/steps/0/survey/options", "must list at least 2 options"},
      {{{"/steps/0/kind", "\"survey\""}, {"/steps/0/survey", "{\"kind\": \"choice\", \"options\": [\"a\", \"a\"]}"}}, "/steps/0/survey/options/1", "duplicate option \"a\""},
      {{{"/steps/0/kind", "\"survey\""}, {"/steps/0/survey", "{\"kind\": \"choice\", \"options\": [\"a\", 2]}"}}, "/steps/0/survey/options/1", "must be an id"},
      {{{"/steps/0/kind", "\"survey\""}, {"/steps/0/survey", "{\"kind\": \"choice\", \"options\": [\"a\", \"b\"]}"}, {"/steps/0/content/en/labels", "{\"a\": \"A\"}"}}, "/steps/0/content/en/labels", "no label for survey option \"b\""},
      {{{"/steps/0/survey", "{\"kind\": \"nps\"}"}}, "/steps/0/survey", "only for kind survey"},
      // placement
      {{{"/steps/0/placement", "{\"side\": \"above\"}"}}, "/steps/0/placement/side", "unknown value \"above\""},
      {{{"/steps/0/kind", "\"banner\""}, {"/steps/0/placement", "{\"side\": \"left\"}"}}, "/steps/0/placement/side", "must be top, bottom or auto for kind banner"},
      {{{"/steps/0/kind", "\"slideout\""}, {"/steps/0/placement", "{\"side\": \"top\"}"}}, "/steps/0/placement/side", "must be left, right or auto for kind slideout"},
      {{{"/steps/0/placement", "{\"align\": \"middle\"}"}}, "/steps/0/placement/align", "unknown value \"middle\""},
      {{{"/steps/0/placement", "{\"offset_px\": 201}"}}, "/steps/0/placement/offset_px", "must be between 0 and 200"},
      {{{"/steps/0/placement", "{\"arrow\": 1}"}}, "/steps/0/placement/arrow", "must be true or false"},
      // advance
      {{{"/steps/0/advance", "{}"}}, "/steps/0/advance/kind", "required"},
      {{{"/steps/0/advance", "{\"kind\": \"swipe\"}"}}, "/steps/0/advance/kind", "unknown value \"swipe\""},
      {{{"/steps/0/advance", "{\"kind\": \"click_target\"}"}}, "/steps/0/advance/kind", "click_target needs the step to have a target"},
      {{{"/steps/0/advance", "{\"kind\": \"input_target\"}"}}, "/steps/0/advance/kind", "input_target needs the step to have a target"},
      {{{"/steps/0/advance", "{\"kind\": \"url_change\"}"}}, "/steps/0/advance/pages", "required"},
      {{{"/steps/0/advance", "{\"kind\": \"url_change\", \"pages\": {}}"}}, "/steps/0/advance/pages", "must include at least one URL rule"},
      {{{"/steps/0/advance", "{\"kind\": \"url_change\", \"pages\": {\"include\": [{\"path\": \"x\"}]}}"}}, "/steps/0/advance/pages/include/0/path", "must start with \"/\""},
      {{{"/steps/0/advance", "{\"kind\": \"custom_event\"}"}}, "/steps/0/advance/event", "required"},
      {{{"/steps/0/advance", "{\"kind\": \"element_appears\"}"}}, "/steps/0/advance/element", "required"},
      {{{"/steps/0/advance", "{\"kind\": \"element_disappears\"}"}}, "/steps/0/advance/element", "required"},
      {{{"/steps/0/advance", "{\"kind\": \"element_appears\", \"element\": {\"element\": {\"tag\": \"a\"}}}"}}, "/steps/0/advance/element/version", "required"},
      {{{"/steps/0/advance", "{\"kind\": \"next_button\", \"pages\": {}}"}}, "/steps/0/advance/pages", "only for kind url_change"},
      {{{"/steps/0/advance", "{\"kind\": \"next_button\", \"event\": \"e\"}"}}, "/steps/0/advance/event", "only for kind custom_event"},
      {{{"/steps/0/advance", "{\"kind\": \"next_button\", \"element\": {}}"}}, "/steps/0/advance/element", "only for kinds element_appears and element_disappears"},
      // missing target, page, backdrop, variants
      {{{"/steps/1/missing_target", "{\"wait_ms\": 60001}"}}, "/steps/1/missing_target/wait_ms", "must be between 0 and 60000"},
      {{{"/steps/1/missing_target", "{\"then\": \"retry\"}"}}, "/steps/1/missing_target/then", "unknown value \"retry\"; must be one of: centered, skip, end"},
      {{{"/steps/1/page", "{\"path\": \"/a/**b\"}"}}, "/steps/1/page/path", "\"**\" must be a whole segment"},
      {{{"/steps/1/page", "{}"}}, "/steps/1/page/path", "required"},
      {{{"/steps/0/backdrop", "\"yes\""}}, "/steps/0/backdrop", "must be true or false"},
      {{{"/steps/0/variants", "[\"a\"]"}}, "/steps/0/variants", "the guide has no experiment"},
      {{{"/experiment", "{\"variants\": [{\"id\": \"a\"}]}"}, {"/steps/0/variants", "[\"b\"]"}}, "/steps/0/variants/0", "must name a variant of the experiment"},
  };

  for (std::size_t i = 0; i < cases.size(); ++i) {
    const ErrorCase& c = cases[i];
    bj::value doc = bj::parse(kBase);
    for (const auto& [pointer, value] : c.edits) edit(doc, pointer, value);
    cg::GuideParseResult result = cg::parse_guide(bj::serialize(doc));
    INFO("case " << i << ": expected " << c.pointer << ": " << c.reason);
    INFO("got: " << render(result.problems));
    CHECK_FALSE(result.ok());
    CHECK(has_problem(result.problems, c.pointer, c.reason));
  }
}

// The other side of the error table's limits: each bound itself is accepted
// and kept as written, so an author can use every value the docs promise.
TEST_CASE("numeric fields are accepted at their documented bounds") {
  const std::vector<std::pair<std::string, std::string>> at_bounds = {
      {"/audience", "{\"event\": \"e\", \"at_least\": 100, \"at_most\": 100, \"within_ms\": 31622400000}"},
      {"/audience", "{\"event\": \"e\", \"at_least\": 0, \"at_most\": 0}"},
      {"/frequency", "{\"kind\": \"at_most\", \"times\": 100, \"window_ms\": 31622400000}"},
      {"/priority", "1000"},
      {"/trigger/delay_ms", "60000"},
      {"/steps/1/missing_target", "{\"wait_ms\": 60000}"},
      {"/steps/0/placement", "{\"offset_px\": 200}"},
      {"/theme", "{\"radius_px\": 64, \"font_size_px\": 32}"},
      {"/theme", "{\"radius_px\": 0, \"font_size_px\": 10}"},
      {"/experiment", "{\"holdout_percent\": 99.99, \"variants\": [{\"id\": \"a\", \"weight\": 10000}]}"},
  };
  for (const auto& [pointer, value] : at_bounds) {
    bj::value doc = bj::parse(kBase);
    edit(doc, pointer, value);
    cg::GuideParseResult result = cg::parse_guide(bj::serialize(doc));
    INFO(pointer << " = " << value << ": " << render(result.problems));
    REQUIRE(result.ok());
    bj::value back = bj::parse(bj::serialize(cg::write_guide(*result.guide)));
    CHECK(semantically_contains(back, doc));
  }
}

TEST_CASE("write_guide writes defaults and omits absent optionals") {
  cg::Guide guide;
  guide.id = "g";
  guide.name = "G";
  cg::Step step;
  step.id = "s";
  step.kind = cg::StepKind::modal;
  step.content["en"].title = "T";
  guide.steps.push_back(step);
  bj::object out = cg::write_guide(guide);
  CHECK(out.at("schema") == 1);
  CHECK(out.at("status") == "draft");
  CHECK(out.at("frequency").at("kind") == "once");
  CHECK_FALSE(out.contains("audience"));
  CHECK_FALSE(out.contains("experiment"));
  CHECK_FALSE(out.at("steps").at(0).as_object().contains("target"));
  cg::GuideParseResult back = cg::parse_guide(bj::serialize(out));
  INFO(render(back.problems));
  REQUIRE(back.ok());
  CHECK(*back.guide == guide);
}

TEST_CASE("ui_text: the SDK's words per locale are read and written back") {
  bj::value doc = bj::parse(kBase);
  edit(doc, "/ui_text", R"({"de": {"submit": "Absenden", "step_of": "{total} Schritte, dieser ist {n}",
                                    "close": "Schließen"},
                             "pt-BR": {"nps_low": "Pouco provável"}})");
  cg::GuideParseResult result = cg::parse_guide(bj::serialize(doc));
  INFO(render(result.problems));
  REQUIRE(result.ok());
  CHECK(result.guide->ui_text.at("de").at("submit") == "Absenden");
  CHECK(result.guide->ui_text.at("de").at("step_of") == "{total} Schritte, dieser ist {n}");
  CHECK(result.guide->ui_text.at("pt-BR").size() == 1);
  bj::object out = cg::write_guide(*result.guide);
  CHECK(out.at("ui_text") == doc.at("ui_text"));
  CHECK(*cg::parse_guide(bj::serialize(out)).guide == *result.guide);
  // Without translations nothing is written.
  CHECK_FALSE(cg::write_guide(*cg::parse_guide(kBase).guide).contains("ui_text"));
}

TEST_CASE("percentages keep two decimals and integers stay integers") {
  bj::value doc = bj::parse(kBase);
  edit(doc, "/audience", "{\"rollout\": 12.5}");
  edit(doc, "/experiment", "{\"holdout_percent\": 5, \"variants\": [{\"id\": \"a\"}]}");
  cg::GuideParseResult result = cg::parse_guide(bj::serialize(doc));
  REQUIRE(result.ok());
  CHECK(result.guide->audience->percent == 12.5);
  bj::object out = cg::write_guide(*result.guide);
  CHECK(out.at("audience").at("rollout").is_double());
  CHECK(out.at("experiment").at("holdout_percent").is_int64());
}

TEST_CASE("parse_audience reads a tree alone and write_audience returns it") {
  cairn::json::Problems problems;
  bj::value tree = bj::parse(R"({"any": [{"attribute": "plan", "op": "eq", "value": "pro"},
                                          {"not": {"event": "churn_risk", "at_least": 1}}]})");
  std::optional<cg::Audience> audience = cg::parse_audience(tree, "/segment", problems);
  REQUIRE(audience);
  CHECK(audience->kind == cg::AudienceKind::any);
  CHECK(audience->children[1].kind == cg::AudienceKind::negate);
  CHECK(semantically_contains(cg::write_audience(*audience), tree));
  CHECK_FALSE(cg::parse_audience(bj::parse("{\"all\": 1}"), "/segment", problems));
  CHECK(has_problem(problems, "/segment/all", "must be an array"));
}
