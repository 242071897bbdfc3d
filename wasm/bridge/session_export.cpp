// cairn_session_input(): the core's GuideSession for the adapter. One JSON
// input per call, the session's commands back as {"commands": [...],
// "problems": [...]}. Input types (wasm/src/core/protocol.ts SessionInput):
//   start   {url, state, user}           a page load: restore, the loaded guides
//                                        (none if nothing was loaded), identify, page
//   page    {url}                        an SPA route change
//   targets {reports: [...]}             the locator's changed answers
//   action  {action: {...}}              the user acted on a step or a watched element
//   event   {name}                       the host tracked a custom event
//   user    {user}                       identify / reset
//   launch  {guide_id}                   the host started a guide; an id that
//                                        cannot launch here is a problem on /guide_id
//   tick    {}                           a ScheduleTick came due
//   other_tab {state}                    another tab stored its state: merged
//                                        (GuideSession::merge_other_tab)
//   preview {url, step_index, user}      editor mode: a fresh session running
//                                        only the loaded draft (GuideSession::preview)
// Guides come packed, loaded just before by cairn_guides_load (loaded_guides.h).
//
// Each input reads all its fields before it runs: a required field missing, a
// field present with the wrong type or value, an unknown type answer the
// problems and change nothing (the guides loaded for a refused start stay
// loaded). One exception, a start's "state": see start().
#include "bridge/bridge_buffer.h"
#include "bridge/loaded_guides.h"
#include "bridge/text_field.h"
#include "json/reader.h"
#include "json/writer.h"
#include "session/command_codec.h"
#include "session/guide_session.h"
#include "session/input_codec.h"

#include <emscripten/emscripten.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

using cairn::json::Need;
using cairn::json::ObjectReader;
using cairn::wasm::text_or_empty;
using cairn::session::Command;

// By Environment value.
constexpr std::string_view kEnvironments[] = {"staging", "production"};

struct UserInfo {
  std::string user_id;
  std::string anonymous_id;
  boost::json::object traits;
  std::string locale;
  cairn::guide::Environment environment = cairn::guide::Environment::production;
};

UserInfo read_user(ObjectReader& in, Need need, cairn::json::Problems& problems) {
  UserInfo u;
  const boost::json::value* v = in.field("user", need);
  if (v == nullptr) return u;
  ObjectReader r(*v, "/user", problems);
  u.user_id = text_or_empty(r, "user_id", Need::optional, 1024);
  u.anonymous_id = text_or_empty(r, "anonymous_id", Need::optional, 1024);
  if (const boost::json::object* t = r.object("traits")) u.traits = *t;
  u.locale = r.string("locale", Need::optional, 64).value_or("en");
  if (const int e = r.enum_index("environment", Need::optional, kEnvironments); e >= 0) {
    u.environment = static_cast<cairn::guide::Environment>(e);
  }
  return u;
}

std::unique_ptr<cairn::session::GuideSession>& session() {
  static std::unique_ptr<cairn::session::GuideSession> s;
  return s;
}

// One input may call the session several times (start: restore, guides,
// identify, page); each call's commands are written before the next call, as
// a ShowStep points into the session's guides (session_commands.h).
void append(boost::json::array& out, const std::vector<Command>& commands) {
  for (const Command& c : commands) out.push_back(cairn::session::write_command(c));
}

void start(ObjectReader& in, std::int64_t now, cairn::json::Problems& problems,
           boost::json::array& out) {
  UserInfo user = read_user(in, Need::optional, problems);
  const std::string url = text_or_empty(in, "url", Need::required, 8192);
  // The last PersistState's JSON; null or absent on a first visit. The core's
  // own stored data, not the adapter's: a corrupt one starts afresh, as
  // restore() does for corrupt text, and is reported after (refused, guides
  // would never start again in this browser).
  const boost::json::value* state = in.field("state");
  if (!problems.empty()) return;
  cairn::session::SessionOptions options;
  options.environment = user.environment;
  options.locale = user.locale;
  options.anonymous_id = user.anonymous_id;
  session() = std::make_unique<cairn::session::GuideSession>(options);
  cairn::session::GuideSession& s = *session();
  if (state && !state->is_null()) {
    if (const boost::json::string* text = state->if_string()) append(out, s.restore(now, *text));
    else in.error("state", "must be a string or null");
  }
  append(out, s.set_guides(now, cairn::wasm::take_loaded_guides()));
  if (!user.user_id.empty() || !user.traits.empty()) append(out, s.identify(now, user.user_id, user.traits));
  append(out, s.page_changed(now, url));
}

// Editor mode: a fresh session (no published guides, no stored progress)
// running the loaded draft guide; later inputs drive it like any session.
void preview(ObjectReader& in, std::int64_t now, cairn::json::Problems& problems,
             boost::json::array& out) {
  std::optional<cairn::guide::Guide> guide = cairn::wasm::take_loaded_guide(problems);
  const std::int64_t step = in.integer("step_index", Need::optional, 0, 1000).value_or(0);
  if (guide && problems.empty() && static_cast<std::size_t>(step) >= guide->steps.size()) {
    in.error("step_index", "must be the index of one of the guide's steps");
  }
  const std::string url = text_or_empty(in, "url", Need::required, 8192);
  UserInfo user = read_user(in, Need::optional, problems);
  if (!guide || !problems.empty()) return;
  cairn::session::SessionOptions options;
  options.locale = user.locale;
  options.anonymous_id = user.anonymous_id;
  session() = std::make_unique<cairn::session::GuideSession>(options);
  append(out, session()->page_changed(now, url));
  append(out, session()->preview(now, std::move(*guide), static_cast<std::size_t>(step)));
}

// Runs an input on the started session once its fields are read; one with any
// problem (these or the input's type and time) does nothing.
void apply(const std::string& type, ObjectReader& in, std::int64_t now, cairn::json::Problems& problems,
           boost::json::array& out) {
  cairn::session::GuideSession& s = *session();
  if (type == "page" || type == "event" || type == "launch") {
    const std::string text = type == "page"    ? text_or_empty(in, "url", Need::required, 8192)
                             : type == "event" ? text_or_empty(in, "name", Need::required, 256)
                                               : text_or_empty(in, "guide_id", Need::required, 256);
    if (!problems.empty()) return;
    if (type == "page") return append(out, s.page_changed(now, text));
    if (type == "event") return append(out, s.track(now, text));
    append(out, s.launch(now, text));
    // An id that cannot launch here is a wrong argument (the adapter warns);
    // a running guide and the holdout are not: the holdout must stay unseen.
    // (The collector sends published guides only: a draft here is an unknown id.)
    using O = cairn::session::LaunchOutcome;
    const O o = s.launch_outcome();
    if (o == O::unknown_guide || o == O::not_published || o == O::wrong_environment) {
      in.error("guide_id", o == O::wrong_environment ? "not published for this environment"
                                                     : "no published guide has this id");
    }
    return;
  }
  if (type == "user") {
    UserInfo user = read_user(in, Need::required, problems);
    if (!problems.empty()) return;
    append(out, s.identify(now, user.user_id, user.traits));
    append(out, s.set_locale(now, user.locale));
    return;
  }
  if (type == "targets") {
    std::vector<cairn::session::TargetReport> reports;
    if (const boost::json::array* list = in.array("reports", Need::required, cairn::session::kMaxReportsPerCall)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (auto r = cairn::session::read_target_report((*list)[i], cairn::json::pointer_append("/reports", i), problems)) {
          reports.push_back(std::move(*r));
        }
      }
    }
    if (!problems.empty()) return;
    return append(out, s.targets_changed(now, reports));
  }
  if (type == "action") {
    std::optional<cairn::session::UserAction> action;
    if (const boost::json::value* a = in.field("action", Need::required)) {
      action = cairn::session::read_user_action(*a, "/action", problems);
    }
    if (!problems.empty()) return;
    return append(out, s.user_action(now, *action));
  }
  if (type == "other_tab") {
    // The whole stored state: bounded by the input's own 1 MiB limit.
    const std::string text = text_or_empty(in, "state", Need::required, 1u << 20);
    if (!problems.empty()) return;
    return append(out, s.merge_other_tab(now, text));
  }
  if (type != "tick") return in.error("type", "unknown input type \"" + type + "\"");
  if (problems.empty()) append(out, s.tick(now));
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE int cairn_session_input(const char* data, int length) {
  cairn::json::Problems problems;
  boost::json::array commands;
  // Guides come packed, not in this input: user traits and target reports
  // are its largest parts.
  constexpr cairn::json::ParseLimits kLimits{1u << 20, 64};
  if (std::optional<boost::json::value> doc =
          cairn::json::parse_document(cairn::wasm::input(data, length), problems, kLimits)) {
    ObjectReader in(*doc, "", problems);
    const std::string type = text_or_empty(in, "type", Need::required, 32);
    const std::int64_t now = in.integer("now", Need::required, 0, INT64_MAX / 2).value_or(0);
    if (type == "start") {
      start(in, now, problems, commands);
    } else if (type == "preview") {
      preview(in, now, problems, commands);
    } else if (!session()) {
      problems.add("/type", "the session has not been started");
    } else if (!type.empty()) {
      apply(type, in, now, problems, commands);
    }
  }
  boost::json::object out;
  out["commands"] = std::move(commands);
  if (!problems.empty()) out["problems"] = problems.to_json();
  cairn::wasm::set_result(cairn::json::to_text(out));
  return problems.empty() ? 0 : 1;
}
