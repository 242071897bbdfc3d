// wasm/bridge/session_export.cpp and guides_export.cpp called natively as the
// adapter calls them (cairn_client.ts #loadGuides, #startSession, #session):
// the collector's packed guide list loaded, the session started on a page,
// then SPA route changes, actions and launches, each answered with commands
// or with problems naming the input's field. A refused input changes nothing
// and never crashes the module.
#include "guide/guide_codec.h"
#include "guide/guide_pack.h"

#include "problem_at.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

extern "C" {
int cairn_guides_load(const char* data, int length);
int cairn_session_input(const char* data, int length);
const char* cairn_result_ptr();
int cairn_result_len();
}

namespace bj = boost::json;

namespace {

// Calls an export with `input`; its answer as JSON, its return value in `*status`.
bj::object call(int (*fn)(const char*, int), const std::string& input, int* status = nullptr) {
  const int s = fn(input.data(), static_cast<int>(input.size()));
  if (status) *status = s;
  return bj::parse(std::string(cairn_result_ptr(), static_cast<std::size_t>(cairn_result_len()))).as_object();
}

// A published modal guide shown once on /settings.
constexpr const char* kWelcome = R"({"schema": 1, "id": "welcome", "name": "Welcome", "status": "published",
  "trigger": {"kind": "page_load", "pages": {"include": [{"path": "/settings"}]}},
  "steps": [{"id": "hi", "kind": "modal", "content": {"en": {"title": "Hello!"}}}]})";

// The guides as the collector serves them to the SDK (guides/packed_guides.cpp):
// each read by the guide codec, then packed.
std::string packed(const std::vector<std::string>& guides_json) {
  std::vector<cairn::guide::Guide> guides;
  for (const std::string& json : guides_json) {
    cairn::guide::GuideParseResult parsed = cairn::guide::parse_guide(json);
    REQUIRE(parsed.ok());
    guides.push_back(std::move(*parsed.guide));
  }
  return cairn::guide::pack_guides(guides);
}

constexpr const char* kUser =
    R"({"user_id": "", "anonymous_id": "anon-1", "traits": {}, "locale": "en", "environment": "production"})";

std::string start_input(std::int64_t now, const std::string& url, const std::string& state_json = "null") {
  return R"({"type": "start", "now": )" + std::to_string(now) + R"(, "url": ")" + url +
         R"(", "state": )" + state_json + R"(, "user": )" + kUser + "}";
}

std::string page_input(std::int64_t now, const std::string& url) {
  return R"({"type": "page", "now": )" + std::to_string(now) + R"(, "url": ")" + url + R"("})";
}

// The commands of `answer` of `type`.
std::vector<bj::object> commands_of(const bj::object& answer, const std::string& type) {
  std::vector<bj::object> out;
  for (const bj::value& c : answer.at("commands").as_array()) {
    if (c.at("type") == type.c_str()) out.push_back(c.as_object());
  }
  return out;
}

// The first problem's pointer and reason, "" when none.
std::string first_problem(const bj::object& answer) {
  if (!answer.contains("problems")) return "";
  const bj::object& p = answer.at("problems").at(0).as_object();
  return std::string(p.at("pointer").as_string()) + ": " + std::string(p.at("reason").as_string());
}

// Loads kWelcome and starts a session on /home, where it does not run.
void start_on_home(std::int64_t now) {
  const std::string pack = packed({kWelcome});
  int status = -1;
  const bj::object loaded = call(cairn_guides_load, pack, &status);
  REQUIRE(status == 0);
  REQUIRE(loaded.at("guides") == 1);
  const bj::object started = call(cairn_session_input, start_input(now, "https://app.test/home"), &status);
  INFO(bj::serialize(started));
  REQUIRE(status == 0);
  REQUIRE_FALSE(started.contains("problems"));
  CHECK(commands_of(started, "show_step").empty());
}

}  // namespace

TEST_CASE("bridge: a guide loaded packed is shown by the page input that reaches its page") {
  start_on_home(1000);
  const bj::object shown = call(cairn_session_input, page_input(2000, "https://app.test/settings"));
  INFO(bj::serialize(shown));
  REQUIRE_FALSE(shown.contains("problems"));
  const std::vector<bj::object> show = commands_of(shown, "show_step");
  REQUIRE(show.size() == 1);
  CHECK(show[0].at("guide_id") == "welcome");
  CHECK(show[0].at("step_id") == "hi");
  CHECK(show[0].at("content").at("title") == "Hello!");
  // Progress is the adapter's to keep (localStorage) and seen is recorded.
  CHECK(commands_of(shown, "persist_state").size() == 1);
  CHECK_FALSE(commands_of(shown, "record_event").empty());

  // The user closes it: hidden; another route change does not bring it back.
  const bj::object closed = call(
      cairn_session_input,
      R"({"type": "action", "now": 3000, "action": {"kind": "dismiss", "guide_id": "welcome", "reason": "close_button"}})");
  INFO(bj::serialize(closed));
  REQUIRE(commands_of(closed, "hide_step").size() == 1);
  CHECK(commands_of(closed, "hide_step")[0].at("guide_id") == "welcome");
  CHECK(commands_of(call(cairn_session_input, page_input(4000, "https://app.test/home")), "show_step").empty());
  CHECK(commands_of(call(cairn_session_input, page_input(5000, "https://app.test/settings")), "show_step").empty());
}

TEST_CASE("bridge: the persisted state given back at the next start keeps a seen guide from showing again") {
  start_on_home(1000);
  const bj::object shown = call(cairn_session_input, page_input(2000, "https://app.test/settings"));
  REQUIRE(commands_of(shown, "show_step").size() == 1);
  const bj::object dismissed = call(
      cairn_session_input,
      R"({"type": "action", "now": 3000, "action": {"kind": "dismiss", "guide_id": "welcome", "reason": "escape_key"}})");
  std::vector<bj::object> persisted = commands_of(dismissed, "persist_state");
  REQUIRE_FALSE(persisted.empty());
  const std::string state = bj::serialize(persisted.back().at("json"));  // A JSON string, quoted.

  // The next page load: the same guides, the stored state.
  REQUIRE(call(cairn_guides_load, packed({kWelcome})).at("guides") == 1);
  const bj::object restarted = call(cairn_session_input, start_input(10000, "https://app.test/settings", state));
  INFO(bj::serialize(restarted));
  REQUIRE_FALSE(restarted.contains("problems"));
  CHECK(commands_of(restarted, "show_step").empty());

  // Without it (a first visit), the guide shows at once.
  REQUIRE(call(cairn_guides_load, packed({kWelcome})).at("guides") == 1);
  CHECK(commands_of(call(cairn_session_input, start_input(20000, "https://app.test/settings")), "show_step").size() ==
        1);
}

TEST_CASE("bridge: a guide another tab dismissed is hidden by the other_tab input, without an event") {
  // Tab A: shown, then dismissed; what it stores each time.
  start_on_home(1000);
  const bj::object shown = call(cairn_session_input, page_input(2000, "https://app.test/settings"));
  REQUIRE(commands_of(shown, "show_step").size() == 1);
  const std::string showing = bj::serialize(commands_of(shown, "persist_state").back().at("json"));
  const bj::object dismissed = call(
      cairn_session_input,
      R"({"type": "action", "now": 3000, "action": {"kind": "dismiss", "guide_id": "welcome", "reason": "close_button"}})");
  const std::string after = bj::serialize(commands_of(dismissed, "persist_state").back().at("json"));

  // Tab B opened while A showed it: it shows it too, until it hears of A's dismissal.
  REQUIRE(call(cairn_guides_load, packed({kWelcome})).at("guides") == 1);
  REQUIRE(commands_of(call(cairn_session_input, start_input(2500, "https://app.test/settings", showing)), "show_step").size() == 1);
  const bj::object merged = call(cairn_session_input, R"({"type": "other_tab", "now": 3100, "state": )" + after + "}");
  INFO(bj::serialize(merged));
  REQUIRE(commands_of(merged, "hide_step").size() == 1);
  CHECK(commands_of(merged, "record_event").empty());
  const std::vector<bj::object> persisted = commands_of(merged, "persist_state");
  REQUIRE(persisted.size() == 1);
  CHECK(bj::parse(persisted[0].at("json").as_string()).at("guides").at("welcome").at("dismissed") == 1);
}

TEST_CASE("bridge: a launch of a guide that cannot run here is a problem on /guide_id") {
  start_on_home(1000);
  int status = -1;
  const bj::object unknown =
      call(cairn_session_input, R"({"type": "launch", "now": 2000, "guide_id": "nope"})", &status);
  CHECK(status == 1);
  CHECK(first_problem(unknown) == "/guide_id: no published guide has this id");
  CHECK(commands_of(unknown, "show_step").empty());
  // A manual launch of the loaded guide shows it on a page its trigger does not name.
  const bj::object launched =
      call(cairn_session_input, R"({"type": "launch", "now": 3000, "guide_id": "welcome"})", &status);
  INFO(bj::serialize(launched));
  CHECK(status == 0);
  CHECK(commands_of(launched, "show_step").size() == 1);
}

TEST_CASE("bridge: packed guides the reader refuses are a problem on /guides and load nothing") {
  std::string pack = packed({kWelcome});
  int status = -1;
  const bj::object truncated = call(cairn_guides_load, pack.substr(0, pack.size() / 2), &status);
  CHECK(status == 1);
  CHECK(truncated.at("guides") == 0);
  CHECK(first_problem(truncated).rfind("/guides: ", 0) == 0);
  CHECK(call(cairn_guides_load, "", &status).at("guides") == 0);
  CHECK(status == 1);
  // The start after a refused load runs no guide.
  const bj::object started = call(cairn_session_input, start_input(1000, "https://app.test/settings"), &status);
  CHECK(status == 0);
  CHECK(commands_of(started, "show_step").empty());
}

TEST_CASE("bridge: a session input that is not what the protocol says is refused with where and why") {
  start_on_home(1000);
  struct Case {
    std::string input;
    std::string problem;  // The first problem's "pointer: reason" starts with it.
  };
  const std::vector<Case> cases = {
      {"{", ""},                      // Not JSON: a syntax problem, whatever its wording.
      {"[1, 2]", ""},                 // Not an object.
      {R"({"now": 1})", "/type: "},   // No type.
      {R"({"type": "page", "url": "https://app.test/"})", "/now: "},
      {R"({"type": "page", "now": 2000})", "/url: "},
      {R"({"type": "fly", "now": 2000})", "/type: unknown input type \"fly\""},
      {R"({"type": "targets", "now": 2000, "reports": [{"key": "k", "state": "lost"}]})", "/reports/0/"},
      {R"({"type": "action", "now": 2000, "action": {"kind": "wave"}})", "/action/kind: "},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    int status = -1;
    const bj::object answer = call(cairn_session_input, c.input, &status);
    CHECK(status == 1);
    CHECK(answer.at("commands").as_array().empty());
    REQUIRE(answer.contains("problems"));
    CHECK(first_problem(answer).rfind(c.problem, 0) == 0);
  }
  int status = -1;
  CHECK(call(cairn_session_input, "", &status).contains("problems"));
  CHECK(status == 1);
  CHECK(cairn_session_input(nullptr, 0) == 1);
  // A start whose stored state is not a string starts afresh and says so.
  const bj::object started = call(
      cairn_session_input, R"({"type": "start", "now": 2000, "url": "https://app.test/", "state": 7, "user": {}})",
      &status);
  CHECK(status == 1);
  CHECK(first_problem(started) == "/state: must be a string or null");
}

namespace {

// A modal shown when the host tracks "Saved" on /settings: shows where the
// session thinks the page is.
constexpr const char* kSavedTip = R"({"schema": 1, "id": "saved-tip", "name": "Saved", "status": "published",
  "trigger": {"kind": "custom_event", "event": "Saved", "pages": {"include": [{"path": "/settings"}]}},
  "steps": [{"id": "tip", "kind": "modal", "content": {"en": {"title": "Saved!"}}}]})";

// Starts on /home with kWelcome and kSavedTip, then shows kWelcome on
// /settings: a session with a guide running, whose later answers show what
// an input changed.
void show_welcome() {
  REQUIRE(call(cairn_guides_load, packed({kWelcome, kSavedTip})).at("guides") == 2);
  REQUIRE_FALSE(call(cairn_session_input, start_input(1000, "https://app.test/home")).contains("problems"));
  REQUIRE(commands_of(call(cairn_session_input, page_input(2000, "https://app.test/settings")), "show_step").size() ==
          1);
}

// Valid inputs after show_welcome(): closing the guide, the event that shows
// kSavedTip on /settings, leaving the page, coming back and a tick. Their
// answers, serialized.
std::string probe_answers() {
  std::string answers;
  for (const std::string& input :
       {std::string(R"({"type": "action", "now": 3000, "action": {"kind": "dismiss", "guide_id": "welcome", "reason": "close_button"}})"),
        std::string(R"({"type": "event", "now": 3500, "name": "Saved"})"), page_input(4000, "https://app.test/home"),
        page_input(4500, "https://app.test/settings"), std::string(R"({"type": "tick", "now": 100000})")}) {
    answers += bj::serialize(call(cairn_session_input, input)) + "\n";
  }
  return answers;
}

}  // namespace

TEST_CASE("bridge: a session input with a bad field names it and changes nothing") {
  // Without the bad input, what the probe inputs answer.
  show_welcome();
  const std::string expected = probe_answers();
  // The probes see the page: kSavedTip shows.
  REQUIRE(expected.find("\"guide_id\":\"saved-tip\"") != std::string::npos);
  struct Case {
    std::string input;
    std::string pointer;
    bool load_guides = false;  // A start: the guides loaded before it, as the adapter does.
  };
  const std::string home = R"("url": "https://app.test/home")";
  const std::vector<Case> cases = {
      // Required fields missing.
      {R"({"type": "page", "now": 2500})", "/url"},
      {R"({"type": "page", )" + home + "}", "/now"},
      {R"({"type": "event", "now": 2500})", "/name"},
      {R"({"type": "launch", "now": 2500})", "/guide_id"},
      {R"({"type": "user", "now": 2500})", "/user"},
      {R"({"type": "targets", "now": 2500})", "/reports"},
      {R"({"type": "action", "now": 2500})", "/action"},
      {R"({"type": "other_tab", "now": 2500})", "/state"},
      {R"({"type": "start", "now": 2500, "state": null, "user": {}})", "/url", true},
      {R"({"type": "start", "state": null, "user": {}, )" + home + "}", "/now", true},
      // Present with the wrong type or value.
      {R"({"type": "page", "now": 2500, "url": 7})", "/url"},
      {R"({"type": "tick", "now": "soon"})", "/now"},
      {R"({"type": "event", "now": 2500, "name": ["Saved"]})", "/name"},
      {R"({"type": "launch", "now": 2500, "guide_id": 5})", "/guide_id"},
      {R"({"type": "other_tab", "now": 2500, "state": {}})", "/state"},
      {R"({"type": "user", "now": 2500, "user": {"user_id": "jane", "locale": 7}})", "/user/locale"},
      {R"({"type": "user", "now": 2500, "user": {"user_id": "jane", "environment": "prod"}})", "/user/environment"},
      {R"({"type": "user", "now": 2500, "user": {"user_id": "jane", "traits": [1]}})", "/user/traits"},
      // One bad report: the good one beside it is not run either.
      {R"({"type": "targets", "now": 2500, "reports": [{"key": "a", "state": "missing"}, {"key": "b", "state": "lost"}]})",
       "/reports/1/state"},
      {R"({"type": "action", "now": 2500, "action": {"kind": "dismiss", "guide_id": "welcome", "reason": 5}})",
       "/action/reason"},
      {R"({"type": "start", "now": 2500, "state": null, "user": {"traits": "pro"}, )" + home + "}", "/user/traits",
       true},
      {R"({"type": "start", "now": 2500, "state": null, "user": {"environment": 1}, )" + home + "}",
       "/user/environment", true},
      {R"({"type": "preview", "now": 2500, "step_index": "0", "user": {}, )" + home + "}", "/step_index", true},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    show_welcome();
    if (c.load_guides) REQUIRE(call(cairn_guides_load, packed({kWelcome, kSavedTip})).at("guides") == 2);
    int status = -1;
    const bj::object answer = call(cairn_session_input, c.input, &status);
    INFO(bj::serialize(answer));
    CHECK(status == 1);
    CHECK(has_problem_at(answer, c.pointer));
    CHECK(answer.at("commands").as_array().empty());
    // The next inputs answer as if the bad one never came.
    CHECK(probe_answers() == expected);
  }
}

TEST_CASE("bridge: a refused start leaves the loaded guides for the next start") {
  REQUIRE(call(cairn_guides_load, packed({kWelcome})).at("guides") == 1);
  int status = -1;
  call(cairn_session_input, R"({"type": "start", "now": 1000, "url": 5, "state": null})", &status);
  CHECK(status == 1);
  const bj::object started = call(cairn_session_input, start_input(2000, "https://app.test/settings"), &status);
  INFO(bj::serialize(started));
  CHECK(status == 0);
  CHECK(commands_of(started, "show_step").size() == 1);
}
