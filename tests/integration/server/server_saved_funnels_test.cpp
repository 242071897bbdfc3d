// Saved funnels against the real binary (/api/apps/{app_id}/funnels): a
// funnel one person saves is seen by the whole team and survives a restart,
// its query runs unchanged on the analytics endpoint, viewers read but cannot
// write, and every bad input gets its status and the pointer of the field.
#include "server_fixture.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <string>

using namespace cairn::server_test;

namespace {

constexpr const char* kQuery =
    R"({"steps": [{"event": "signup_started"}, {"event": "project_created"}], "window_ms": 86400000})";

std::string funnel_body(const std::string& name, const std::string& query = kQuery,
                        const std::string& extra = "") {
  return R"({"name": ")" + name + R"(", "query": )" + query + extra + "}";
}

// The pointers of an error answer's problems, ";"-terminated.
std::string pointers(const HttpResult& r) {
  std::string out;
  const boost::json::value body = r.json();
  for (const boost::json::value& p : body.at("error").at("problems").as_array()) {
    out += std::string(p.at("pointer").as_string()) + ";";
  }
  return out;
}

std::string id_of(const HttpResult& r) { return std::string(r.json().at("funnel").at("id").as_string()); }

}  // namespace

TEST_CASE("saved funnels: shared by the team, run as saved, kept across restarts") {
  AdminFixture f;
  const AdminSession editor = f.account("editor@example.com", "editor");
  const AdminSession viewer = f.account("viewer@example.com", "viewer");
  const std::string base = f.c.url("/api/apps/" + f.app_id + "/funnels");

  HttpResult empty = f.http.get(base, viewer.headers());
  REQUIRE(empty.status == 200);
  CHECK(empty.json().at("funnels").as_array().empty());
  CHECK(empty.json().at("max_funnels").to_number<int>() == 200);
  CHECK(empty.header("cache-control") == "no-store");

  HttpResult made = f.http.request("POST", base, funnel_body("Onboarding", kQuery, R"(, "compare": {"days": 30})"),
                                   editor.headers());
  REQUIRE(made.status == 201);
  const boost::json::value funnel = made.json().at("funnel");
  const std::string id = id_of(made);
  CHECK(id.starts_with("sf_"));
  CHECK(funnel.at("name").as_string() == "Onboarding");
  CHECK(funnel.at("query") == boost::json::parse(kQuery));
  CHECK(funnel.at("compare").at("days").to_number<int>() == 30);
  CHECK(funnel.at("created_by_email").as_string() == "editor@example.com");
  CHECK(funnel.at("created_at_ms") == funnel.at("updated_at_ms"));

  // The viewer sees it but cannot change or delete it.
  HttpResult seen = f.http.get(base, viewer.headers());
  REQUIRE(seen.json().at("funnels").as_array().size() == 1);
  CHECK(seen.json().at("funnels").at(0).at("id").as_string() == id);
  CHECK(f.http.request("POST", base, funnel_body("Mine"), viewer.headers()).status == 403);
  CHECK(f.http.request("PUT", base + "/" + id, funnel_body("Mine"), viewer.headers()).status == 403);
  CHECK(f.http.request("DELETE", base + "/" + id, "", viewer.headers()).status == 403);

  // The saved query runs on the analytics endpoint as it is.
  HttpResult ran = f.http.request("POST", f.c.url("/api/apps/" + f.app_id + "/analytics/funnel"),
                                  boost::json::serialize(funnel.at("query")), viewer.headers());
  CHECK(ran.status == 200);
  CHECK(ran.json().at("steps").as_array().size() == 2);

  // Rename (an admin may change an editor's funnel); the comparison goes.
  HttpResult renamed = f.http.request("PUT", base + "/" + id, funnel_body("Onboarding (new)"), f.admin.headers());
  REQUIRE(renamed.status == 200);
  CHECK(renamed.json().at("funnel").at("name").as_string() == "Onboarding (new)");
  CHECK(renamed.json().at("funnel").at("compare").is_null());
  CHECK(renamed.json().at("funnel").at("created_by_email").as_string() == "editor@example.com");

  // Sessions are stored too, so the same cookies work after the restart.
  REQUIRE(f.c.terminate() == 0);
  REQUIRE(f.c.start());
  const std::string restarted = f.c.url("/api/apps/" + f.app_id + "/funnels");
  HttpResult after = f.http.get(restarted, viewer.headers());
  REQUIRE(after.status == 200);
  REQUIRE(after.json().at("funnels").as_array().size() == 1);
  CHECK(after.json().at("funnels").at(0).at("name").as_string() == "Onboarding (new)");

  CHECK(f.http.request("DELETE", restarted + "/" + id, "", editor.headers()).status == 204);
  CHECK(f.http.get(restarted, viewer.headers()).json().at("funnels").as_array().empty());
  CHECK(f.http.request("DELETE", restarted + "/" + id, "", editor.headers()).status == 404);
}

TEST_CASE("saved funnels: bad input gets 4xx with the field's pointer") {
  AdminFixture f;
  const std::string base = f.c.url("/api/apps/" + f.app_id + "/funnels");
  const std::vector<std::string> headers = f.admin.headers();
  auto post = [&](const std::string& body) { return f.http.request("POST", base, body, headers); };

  HttpResult bad_step = post(funnel_body("X", R"({"steps": [{"event": "a"}, {"name": "b"}]})"));
  CHECK(bad_step.status == 422);
  CHECK(bad_step.error_code() == "invalid_request");
  CHECK(pointers(bad_step).starts_with("/query/steps/1/event;"));
  CHECK(pointers(post(funnel_body("X", R"({"steps": [{"event": "a"}]})"))) == "/query/steps;");
  CHECK(pointers(post(funnel_body(std::string(121, 'n')))) == "/name;");
  CHECK(pointers(post(funnel_body(""))) == "/name;");
  CHECK(pointers(post(R"({"query": )" + std::string(kQuery) + "}")) == "/name;");
  CHECK(pointers(post(funnel_body("X", kQuery, R"(, "compare": {"from_ms": 9, "to_ms": 1})"))) == "/compare/to_ms;");
  CHECK(pointers(post(funnel_body("X", kQuery, R"(, "owner": "me")"))) == "/owner;");

  CHECK(post("{").status == 400);
  // 17 levels hold any query the analytics endpoint accepts (16); 18 do not parse.
  const std::string deep = std::string(16, '[') + std::string(16, ']');
  CHECK(post(funnel_body("X", R"({"steps": )" + deep + "}")).status == 400);
  CHECK(post("[]").status == 422);
  std::vector<std::string> text = f.admin.headers();
  for (std::string& header : text) {
    if (header.starts_with("Content-Type:")) header = "Content-Type: text/plain";
  }
  CHECK(f.http.request("POST", base, funnel_body("X"), text).status == 415);
  const std::string huge_label(70 * 1024, 'a');
  HttpResult too_large = post(funnel_body("X", R"({"steps": [{"event": "a"}, {"event": ")" + huge_label + R"("}]})"));
  CHECK(too_large.status == 413);
  CHECK(too_large.error_code() == "body_too_large");

  REQUIRE(post(funnel_body("Onboarding")).status == 201);
  HttpResult duplicate = post(funnel_body("ONBOARDING"));
  CHECK(duplicate.status == 409);
  CHECK(duplicate.error_code() == "name_taken");
  CHECK(pointers(duplicate) == "/name;");
  HttpResult other = post(funnel_body("Activation"));
  REQUIRE(other.status == 201);
  HttpResult clash = f.http.request("PUT", base + "/" + id_of(other), funnel_body("onboarding"), headers);
  CHECK(clash.status == 409);
  CHECK(f.http.request("PUT", base + "/" + id_of(other), funnel_body("X", "{}"), headers).status == 422);

  CHECK(f.http.request("PUT", base + "/sf_0000000000000000", funnel_body("Y"), headers).status == 404);
  CHECK(f.http.request("PUT", base + "/sf_0000000000000000", "{", headers).status == 404);
  CHECK(f.http.request("GET", f.c.url("/api/apps/app_missing/funnels"), "", headers).status == 404);

  // Another app's funnel is not reachable through this app.
  HttpResult app2 = f.http.request("POST", f.c.url("/api/apps"), R"({"name": "Other", "origins": []})", headers);
  REQUIRE(app2.status == 201);
  const std::string other_base = f.c.url("/api/apps/" + std::string(app2.json().at("app").at("id").as_string()) + "/funnels");
  CHECK(f.http.request("DELETE", other_base + "/" + id_of(other), "", headers).status == 404);
  CHECK(f.http.request("POST", other_base, funnel_body("Onboarding"), headers).status == 201);  // Names are per app.
}

TEST_CASE("saved funnels: an app keeps at most 200") {
  AdminFixture f;
  const std::string base = f.c.url("/api/apps/" + f.app_id + "/funnels");
  for (int i = 0; i < 200; ++i) {
    REQUIRE(f.http.request("POST", base, funnel_body("Funnel " + std::to_string(i)), f.admin.headers()).status == 201);
  }
  HttpResult full = f.http.request("POST", base, funnel_body("One more"), f.admin.headers());
  CHECK(full.status == 409);
  CHECK(full.error_code() == "too_many_funnels");
  CHECK(f.http.get(base, f.admin.headers()).json().at("funnels").as_array().size() == 200);
}
