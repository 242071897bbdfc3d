// Apps, write keys and guides through the admin API, and GET /v1/guides for
// the SDK (write key, ETag/304, CORS), against the real binary.
#include "server_fixture.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using namespace cairn::server_test;

namespace {

struct Setup {
  Collector c;
  Http http;
  AdminSession admin;
  std::string app_id;
  std::string write_key;

  Setup() {
    REQUIRE(c.start());
    auto s = login(http, c, "admin@example.com", c.create_admin("admin@example.com"));
    REQUIRE(s);
    admin = *s;
    HttpResult app = http.request("POST", c.url("/api/apps"),
                                  R"({"name":"Demo","origins":["http://localhost:3000"]})",
                                  admin.headers());
    REQUIRE(app.status == 201);
    app_id = std::string(app.json().at("app").at("id").as_string());
    HttpResult key = http.request("POST", c.url("/api/apps/" + app_id + "/keys"), "", admin.headers());
    REQUIRE(key.status == 201);
    write_key = std::string(key.json().at("key").at("key").as_string());
  }

  std::string guides_url(const std::string& rest = "") const {
    return c.url("/api/apps/" + app_id + "/guides" + rest);
  }
};

std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

// `headers` plus If-Match naming `etag` (a guide's revision, from an answer's ETag).
std::vector<std::string> if_match(std::vector<std::string> headers, const std::string& etag) {
  headers.push_back("If-Match: " + etag);
  return headers;
}

}  // namespace

TEST_CASE("apps: create, list, get, replace origins, validation") {
  Setup s;
  HttpResult list = s.http.get(s.c.url("/api/apps"), s.admin.headers());
  REQUIRE(list.status == 200);
  CHECK(list.json().at("apps").as_array().size() == 1);
  HttpResult one = s.http.get(s.c.url("/api/apps/" + s.app_id), s.admin.headers());
  CHECK(str(one.json().at("app").at("origins").at(0)) == "http://localhost:3000");
  CHECK(s.http.get(s.c.url("/api/apps/app_missing"), s.admin.headers()).status == 404);

  HttpResult origins = s.http.request("PUT", s.c.url("/api/apps/" + s.app_id + "/origins"),
                                      R"({"origins":["https://a.example","https://b.example:8443"]})",
                                      s.admin.headers());
  CHECK(origins.status == 200);
  CHECK(origins.json().at("app").at("origins").as_array().size() == 2);

  HttpResult bad = s.http.request("PUT", s.c.url("/api/apps/" + s.app_id + "/origins"),
                                  R"({"origins":["https://a.example/path", 5, "ftp://x"]})",
                                  s.admin.headers());
  CHECK(bad.status == 422);
  auto problems = bad.json().at("error").at("problems").as_array();
  REQUIRE(problems.size() == 3);
  CHECK(str(problems[0].at("pointer")) == "/origins/0");
  CHECK(str(problems[1].at("pointer")) == "/origins/1");

  HttpResult no_name = s.http.request("POST", s.c.url("/api/apps"), R"({"origins":[]})",
                                      s.admin.headers());
  CHECK(no_name.status == 422);
  CHECK(str(no_name.json().at("error").at("problems").at(0).at("pointer")) == "/name");
}

TEST_CASE("write keys: shown once, listed by prefix, rotated and revoked at once") {
  Setup s;
  Http sdk;
  auto guides_with = [&](const std::string& key) {
    return sdk.get(s.c.url("/v1/guides"), {"X-Cairn-Write-Key: " + key});
  };
  CHECK(guides_with(s.write_key).status == 200);

  HttpResult keys = s.http.get(s.c.url("/api/apps/" + s.app_id + "/keys"), s.admin.headers());
  REQUIRE(keys.status == 200);
  auto list = keys.json().at("keys").as_array();
  REQUIRE(list.size() == 1);
  CHECK_FALSE(list[0].as_object().contains("key"));
  CHECK(s.write_key.rfind(str(list[0].at("prefix")), 0) == 0);
  std::string key_id = str(list[0].at("id"));

  HttpResult rotated = s.http.request(
      "POST", s.c.url("/api/apps/" + s.app_id + "/keys/" + key_id + "/rotate"), "", s.admin.headers());
  REQUIRE(rotated.status == 201);
  std::string new_key = str(rotated.json().at("key").at("key"));
  CHECK(new_key != s.write_key);
  CHECK(guides_with(s.write_key).status == 401);
  CHECK(guides_with(new_key).status == 200);

  std::string new_id = str(rotated.json().at("key").at("id"));
  CHECK(s.http.request("DELETE", s.c.url("/api/apps/" + s.app_id + "/keys/" + new_id), "",
                       s.admin.headers())
            .status == 204);
  HttpResult revoked = guides_with(new_key);
  CHECK(revoked.status == 401);
  CHECK(revoked.error_code() == "invalid_write_key");
  CHECK(s.http.request("DELETE", s.c.url("/api/apps/" + s.app_id + "/keys/" + new_id), "",
                       s.admin.headers())
            .status == 404);
}

TEST_CASE("guides: draft, publish, versions, rollback, archive; SDK sees the published one") {
  Setup s;
  Http sdk;
  std::vector<std::string> sdk_headers = {"X-Cairn-Write-Key: " + s.write_key};

  HttpResult created = s.http.request("POST", s.guides_url(), valid_guide_json("Onboarding"),
                                      s.admin.headers());
  REQUIRE(created.status == 201);
  CHECK(created.json().at("problems").as_array().empty());
  std::string id = str(created.json().at("guide").at("id"));
  CHECK(str(created.json().at("guide").at("status")) == "draft");
  CHECK(str(created.json().at("guide").at("draft").at("id")) == id);

  // Drafts are not served.
  HttpResult none = sdk.get(s.c.url("/v1/guides"), sdk_headers);
  REQUIRE(none.status == 200);
  CHECK(none.json().at("guides").as_array().empty());

  HttpResult v1 = s.http.request("POST", s.guides_url("/" + id + "/publish"), R"({"note":"first"})",
                                 if_match(s.admin.headers(), created.header("etag")));
  REQUIRE(v1.status == 201);
  CHECK(v1.json().at("version").at("version").as_int64() == 1);
  CHECK(v1.json().at("guide").at("revision").as_int64() == 2);
  CHECK(v1.header("etag") == "\"2\"");

  HttpResult served = sdk.get(s.c.url("/v1/guides"), sdk_headers);
  REQUIRE(served.status == 200);
  auto guides = served.json().at("guides").as_array();
  REQUIRE(guides.size() == 1);
  CHECK(str(guides[0].at("name")) == "Onboarding");
  CHECK(guides[0].at("version").as_int64() == 1);
  CHECK(served.header("cache-control") == "no-cache");
  std::string etag = served.header("etag");
  REQUIRE_FALSE(etag.empty());

  HttpResult not_modified = sdk.get(s.c.url("/v1/guides"),
                                    {"X-Cairn-Write-Key: " + s.write_key, "If-None-Match: " + etag});
  CHECK(not_modified.status == 304);
  CHECK(not_modified.body.empty());

  // Editing the draft does not change what users see.
  std::string renamed = valid_guide_json("Onboarding v2");
  HttpResult edited = s.http.request("PUT", s.guides_url("/" + id + "/draft"), renamed,
                                     if_match(s.admin.headers(), v1.header("etag")));
  REQUIRE(edited.status == 200);
  CHECK(sdk.get(s.c.url("/v1/guides"), {"X-Cairn-Write-Key: " + s.write_key, "If-None-Match: " + etag})
            .status == 304);

  HttpResult v2 = s.http.request("POST", s.guides_url("/" + id + "/publish"), "",
                                 if_match(s.admin.headers(), edited.header("etag")));
  REQUIRE(v2.status == 201);
  HttpResult changed = sdk.get(s.c.url("/v1/guides"),
                               {"X-Cairn-Write-Key: " + s.write_key, "If-None-Match: " + etag});
  REQUIRE(changed.status == 200);
  CHECK(str(changed.json().at("guides").at(0).at("name")) == "Onboarding v2");

  HttpResult versions = s.http.get(s.guides_url("/" + id + "/versions"), s.admin.headers());
  REQUIRE(versions.status == 200);
  auto list = versions.json().at("versions").as_array();
  REQUIRE(list.size() == 2);
  CHECK(list[0].at("version").as_int64() == 2);
  CHECK(str(list[1].at("note")) == "first");
  HttpResult old = s.http.get(s.guides_url("/" + id + "/versions/1"), s.admin.headers());
  CHECK(str(old.json().at("version").at("guide").at("name")) == "Onboarding");

  HttpResult rollback = s.http.request("POST", s.guides_url("/" + id + "/rollback"), R"({"version":1})",
                                       if_match(s.admin.headers(), v2.header("etag")));
  REQUIRE(rollback.status == 201);
  CHECK(rollback.json().at("version").at("version").as_int64() == 3);
  CHECK(str(sdk.get(s.c.url("/v1/guides"), sdk_headers).json().at("guides").at(0).at("name")) ==
        "Onboarding");
  CHECK(s.http.request("POST", s.guides_url("/" + id + "/rollback"), R"({"version":99})",
                       if_match(s.admin.headers(), rollback.header("etag")))
            .status == 404);

  HttpResult listed = s.http.get(s.guides_url("?status=published"), s.admin.headers());
  CHECK(listed.json().at("guides").as_array().size() == 1);
  // A misspelt status is an error, not an empty list.
  HttpResult typo = s.http.get(s.guides_url("?status=publish"), s.admin.headers());
  CHECK(typo.status == 422);
  CHECK(typo.error_code() == "invalid_request");
  CHECK(typo.body.find(R"("pointer":"/status")") != std::string::npos);

  REQUIRE(s.http.request("POST", s.guides_url("/" + id + "/archive"), "", s.admin.headers()).status ==
          200);
  CHECK(sdk.get(s.c.url("/v1/guides"), sdk_headers).json().at("guides").as_array().empty());
  CHECK(s.http.get(s.guides_url("?status=archived"), s.admin.headers())
            .json().at("guides").as_array().size() == 1);
}

TEST_CASE("guides: a draft never published can be deleted; one ever published only archived") {
  Setup s;
  HttpResult draft = s.http.request("POST", s.guides_url(), valid_guide_json("Abandoned"), s.admin.headers());
  REQUIRE(draft.status == 201);
  const std::string draft_id = str(draft.json().at("guide").at("id"));
  // The revision is required and must be current: a draft someone just
  // changed is not deleted unseen.
  CHECK(s.http.request("DELETE", s.guides_url("/" + draft_id), "", s.admin.headers()).status == 428);
  HttpResult saved = s.http.request("PUT", s.guides_url("/" + draft_id + "/draft"), valid_guide_json("Abandoned 2"),
                                    if_match(s.admin.headers(), draft.header("etag")));
  REQUIRE(saved.status == 200);
  HttpResult stale = s.http.request("DELETE", s.guides_url("/" + draft_id), "",
                                    if_match(s.admin.headers(), draft.header("etag")));
  CHECK(stale.status == 409);
  CHECK(stale.error_code() == "edit_conflict");
  HttpResult deleted = s.http.request("DELETE", s.guides_url("/" + draft_id), "",
                                      if_match(s.admin.headers(), saved.header("etag")));
  CHECK(deleted.status == 204);
  CHECK(s.http.get(s.guides_url("/" + draft_id), s.admin.headers()).status == 404);
  CHECK(s.http.get(s.guides_url(), s.admin.headers()).json().at("guides").as_array().empty());
  CHECK(s.http.request("DELETE", s.guides_url("/" + draft_id), "", if_match(s.admin.headers(), saved.header("etag")))
            .status == 404);

  // Published once, archived since: kept (SDKs may run it; events name its versions).
  HttpResult kept = s.http.request("POST", s.guides_url(), valid_guide_json("Shipped"), s.admin.headers());
  const std::string kept_id = str(kept.json().at("guide").at("id"));
  HttpResult v1 = s.http.request("POST", s.guides_url("/" + kept_id + "/publish"), "",
                                 if_match(s.admin.headers(), kept.header("etag")));
  REQUIRE(v1.status == 201);
  HttpResult archived = s.http.request("POST", s.guides_url("/" + kept_id + "/archive"), "", s.admin.headers());
  REQUIRE(archived.status == 200);
  HttpResult refused = s.http.request("DELETE", s.guides_url("/" + kept_id), "",
                                      if_match(s.admin.headers(), archived.header("etag")));
  CHECK(refused.status == 409);
  CHECK(refused.error_code() == "guide_published");
  CHECK(s.http.get(s.guides_url("/" + kept_id), s.admin.headers()).status == 200);
}

TEST_CASE("an invalid guide is saved as a draft but refused at publish with every problem") {
  Setup s;
  HttpResult created = s.http.request(
      "POST", s.guides_url(), R"({"schema":1,"name":"Broken","trigger":{"kind":"page_load"},"steps":[{"id":"s1","kind":"tooltip","content":{"en":{"title":"x"}}}]})",
      s.admin.headers());
  REQUIRE(created.status == 201);
  auto problems = created.json().at("problems").as_array();
  REQUIRE_FALSE(problems.empty());
  std::string id = str(created.json().at("guide").at("id"));
  HttpResult publish = s.http.request("POST", s.guides_url("/" + id + "/publish"), "",
                                      if_match(s.admin.headers(), created.header("etag")));
  CHECK(publish.status == 422);
  CHECK(publish.error_code() == "invalid_guide");
  auto refused = publish.json().at("error").at("problems").as_array();
  REQUIRE_FALSE(refused.empty());
  bool names_step = false;
  for (const auto& p : refused) {
    if (str(p.at("pointer")).rfind("/steps/0", 0) == 0) names_step = true;
  }
  CHECK(names_step);
  CHECK(s.http.request("POST", s.guides_url(), "[1,2]", s.admin.headers()).status == 400);
  CHECK(s.http.get(s.guides_url("/g_missing"), s.admin.headers()).status == 404);
  CHECK(s.http.request("POST", s.c.url("/api/apps/app_missing/guides"), valid_guide_json("x"),
                       s.admin.headers())
            .status == 404);
}

TEST_CASE("GET /v1/guides: write key forms, CORS for allowed origins only, preflight") {
  Setup s;
  Http sdk;
  CHECK(sdk.get(s.c.url("/v1/guides")).error_code() == "missing_write_key");
  CHECK(sdk.get(s.c.url("/v1/guides"), {"X-Cairn-Write-Key: cwk_nope"}).error_code() ==
        "invalid_write_key");
  CHECK(sdk.get(s.c.url("/v1/guides"), {"Authorization: Bearer " + s.write_key}).status == 200);
  // Segment's Basic form: base64("<key>:").
  std::string basic;
  {
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string in = s.write_key + ":";
    int val = 0, bits = -6;
    for (unsigned char ch : in) {
      val = (val << 8) + ch;
      bits += 8;
      while (bits >= 0) {
        basic.push_back(kAlphabet[(val >> bits) & 0x3F]);
        bits -= 6;
      }
    }
    if (bits > -6) basic.push_back(kAlphabet[((val << 8) >> (bits + 8)) & 0x3F]);
    while (basic.size() % 4) basic.push_back('=');
  }
  CHECK(sdk.get(s.c.url("/v1/guides"), {"Authorization: Basic " + basic}).status == 200);

  HttpResult allowed = sdk.get(s.c.url("/v1/guides"),
                               {"X-Cairn-Write-Key: " + s.write_key, "Origin: http://localhost:3000"});
  CHECK(allowed.header("access-control-allow-origin") == "http://localhost:3000");
  CHECK(allowed.header("vary") == "Accept, Origin");  // JSON or packed (server_guide_pack_test.cpp)
  HttpResult foreign = sdk.get(s.c.url("/v1/guides"),
                               {"X-Cairn-Write-Key: " + s.write_key, "Origin: https://evil.example"});
  CHECK(foreign.header("access-control-allow-origin").empty());

  for (const char* path : {"/v1/guides", "/v1/batch", "/v1/track"}) {
    INFO(path);
    HttpResult preflight = sdk.request("OPTIONS", s.c.url(path), "",
                                       {"Origin: http://localhost:3000",
                                        "Access-Control-Request-Method: POST",
                                        "Access-Control-Request-Headers: content-type"});
    CHECK(preflight.status == 204);
    CHECK(preflight.header("access-control-allow-origin") == "http://localhost:3000");
    CHECK(preflight.header("access-control-allow-methods").find("POST") != std::string::npos);
    CHECK(preflight.header("access-control-allow-headers").find("X-Cairn-Write-Key") !=
          std::string::npos);
    HttpResult denied = sdk.request("OPTIONS", s.c.url(path), "",
                                    {"Origin: https://evil.example",
                                     "Access-Control-Request-Method: POST"});
    CHECK(denied.status == 403);
    CHECK(denied.header("access-control-allow-origin").empty());
    CHECK(denied.error_code() == "origin_not_allowed");
  }
  // The admin API never answers CORS.
  HttpResult admin_preflight = sdk.request("OPTIONS", s.c.url("/api/apps"), "",
                                           {"Origin: http://localhost:3000",
                                            "Access-Control-Request-Method: POST"});
  CHECK(admin_preflight.header("access-control-allow-origin").empty());
  CHECK(admin_preflight.status == 405);
}

TEST_CASE("a wrong write key is readable by an allowed origin: 401 with CORS, not a CORS error") {
  Setup s;
  Http sdk;
  // What a browser on an allowed origin does: the preflight passes (it
  // carries no key), then the real request carries a wrong key.
  const std::string batch = R"({"batch":[{"type":"track","event":"E","userId":"u","messageId":"m1"}]})";
  for (const char* path : {"/v1/batch", "/v1/guides"}) {
    INFO(path);
    const bool get = std::string(path) == "/v1/guides";
    HttpResult preflight = sdk.request("OPTIONS", s.c.url(path), "",
                                       {"Origin: http://localhost:3000", "Access-Control-Request-Method: POST",
                                        "Access-Control-Request-Headers: content-type, x-cairn-write-key"});
    CHECK(preflight.status == 204);
    auto call = [&](const std::string& key, const char* origin) {
      std::vector<std::string> headers = {std::string("Origin: ") + origin, "Content-Type: application/json"};
      if (!key.empty()) headers.push_back("X-Cairn-Write-Key: " + key);
      return get ? sdk.get(s.c.url(path), headers) : sdk.request("POST", s.c.url(path), batch, headers);
    };
    for (const std::string key : {"cwk_wrong", ""}) {
      INFO("key: " << key);
      HttpResult wrong = call(key, "http://localhost:3000");
      CHECK(wrong.status == 401);
      CHECK(wrong.error_code() == (key.empty() ? "missing_write_key" : "invalid_write_key"));
      CHECK(wrong.header("access-control-allow-origin") == "http://localhost:3000");
      CHECK(wrong.header("vary").find("Origin") != std::string::npos);
      // An origin no app allows failed its preflight and reads nothing now either.
      HttpResult foreign = call(key, "https://evil.example");
      CHECK(foreign.status == 401);
      CHECK(foreign.header("access-control-allow-origin").empty());
      CHECK(foreign.header("vary").find("Origin") != std::string::npos);
    }
    // The right key: the app's own origins, as before.
    HttpResult right = call(s.write_key, "http://localhost:3000");
    CHECK(right.status == 200);
    CHECK(right.header("access-control-allow-origin") == "http://localhost:3000");
  }
}

TEST_CASE("guides: ?keep_id=1 imports a guide under its own id, once") {
  Setup s;
  auto with_id = [](const std::string& name, const std::string& id) {
    boost::json::value guide = boost::json::parse(valid_guide_json(name));
    guide.as_object()["id"] = id;
    return boost::json::serialize(guide);
  };
  HttpResult kept = s.http.request("POST", s.guides_url("?keep_id=1"), with_id("Tour", "first-project-tour"),
                                   s.admin.headers());
  REQUIRE(kept.status == 201);
  CHECK(str(kept.json().at("guide").at("id")) == "first-project-tour");
  CHECK(str(kept.json().at("guide").at("draft").at("id")) == "first-project-tour");
  CHECK(kept.json().at("problems").as_array().empty());
  CHECK(s.http.request("POST", s.guides_url("/first-project-tour/publish"), "",
                       if_match(s.admin.headers(), kept.header("etag")))
            .status == 201);

  HttpResult again = s.http.request("POST", s.guides_url("?keep_id=1"), with_id("Tour 2", "first-project-tour"),
                                    s.admin.headers());
  CHECK(again.status == 409);
  CHECK(again.error_code() == "guide_id_taken");
  for (const std::string& bad : {std::string("has space"), std::string(129, 'a'), std::string()}) {
    HttpResult invalid = s.http.request("POST", s.guides_url("?keep_id=1"), with_id("Bad", bad), s.admin.headers());
    CHECK(invalid.status == 422);
    CHECK(invalid.body.find("\"/id\"") != std::string::npos);
  }
  HttpResult no_id = s.http.request("POST", s.guides_url("?keep_id=1"), valid_guide_json("No id"), s.admin.headers());
  CHECK(no_id.status == 422);
  CHECK(s.http.request("POST", s.guides_url("?keep_id=yes"), with_id("X", "x1"), s.admin.headers()).status == 422);
  // Without keep_id the id sent is still replaced.
  HttpResult fresh = s.http.request("POST", s.guides_url(), with_id("Tour copy", "first-project-tour"),
                                    s.admin.headers());
  REQUIRE(fresh.status == 201);
  CHECK(str(fresh.json().at("guide").at("id")).rfind("g_", 0) == 0);
}

TEST_CASE("guides: two authors on one draft; a stale save, publish or rollback gets 409") {
  AdminFixture f;
  AdminSession editor = f.account("editor@example.com", "editor");
  auto url = [&](const std::string& rest) { return f.c.url("/api/apps/" + f.app_id + "/guides" + rest); };
  HttpResult created = f.http.request("POST", url(""), valid_guide_json("Shared"), f.admin.headers());
  REQUIRE(created.status == 201);
  std::string id = str(created.json().at("guide").at("id"));
  std::string draft_url = url("/" + id + "/draft");
  HttpResult loaded = f.http.get(url("/" + id), editor.headers());
  REQUIRE(loaded.header("etag") == "\"1\"");
  CHECK(loaded.json().at("guide").at("revision").as_int64() == 1);

  // Both loaded revision 1. The admin saves first; the editor's save is refused
  // and says who saved what, when.
  HttpResult first = f.http.request("PUT", draft_url, valid_guide_json("Admin's"),
                                    if_match(f.admin.headers(), "\"1\""));
  REQUIRE(first.status == 200);
  CHECK(first.header("etag") == "\"2\"");
  HttpResult second = f.http.request("PUT", draft_url, valid_guide_json("Editor's"),
                                     if_match(editor.headers(), "\"1\""));
  REQUIRE(second.status == 409);
  CHECK(second.error_code() == "edit_conflict");
  boost::json::value conflict = second.json();
  const auto& current = conflict.at("error").at("current");
  CHECK(current.at("revision").as_int64() == 2);
  CHECK(str(current.at("updated_by_email")) == "admin@example.com");
  CHECK(current.at("updated_at_ms").as_int64() > 0);
  CHECK(second.header("etag") == "\"2\"");
  HttpResult now = f.http.get(url("/" + id), f.admin.headers());
  CHECK(str(now.json().at("guide").at("draft").at("name")) == "Admin's");

  // No If-Match: 428, nothing saved. If-Match: * overwrites on purpose.
  HttpResult blind = f.http.request("PUT", draft_url, valid_guide_json("Blind"), editor.headers());
  CHECK(blind.status == 428);
  CHECK(blind.error_code() == "precondition_required");
  CHECK(f.http.request("POST", url("/" + id + "/publish"), "", editor.headers()).status == 428);
  CHECK(f.http.request("POST", url("/" + id + "/rollback"), R"({"version":1})", editor.headers()).status ==
        428);
  CHECK(f.http.request("PUT", draft_url, valid_guide_json("Weak"), if_match(editor.headers(), "W/\"2\""))
            .status == 409);

  // Publishing a draft its author has not seen is refused; nothing is served.
  HttpResult stale_publish = f.http.request("POST", url("/" + id + "/publish"), "",
                                            if_match(editor.headers(), "\"1\""));
  CHECK(stale_publish.status == 409);
  Http sdk;
  CHECK(sdk.get(f.c.url("/v1/guides"), f.key_headers()).json().at("guides").as_array().empty());

  // With the current revision the editor's save (keeping their text) and publish succeed.
  HttpResult kept = f.http.request("PUT", draft_url, valid_guide_json("Editor's"),
                                   if_match(editor.headers(), second.header("etag")));
  REQUIRE(kept.status == 200);
  CHECK(kept.json().at("guide").at("updated_by") != first.json().at("guide").at("updated_by"));
  HttpResult published = f.http.request("POST", url("/" + id + "/publish"), "",
                                        if_match(editor.headers(), kept.header("etag")));
  REQUIRE(published.status == 201);
  CHECK(str(published.json().at("version").at("guide").at("name")) == "Editor's");

  // The admin saves again from the revision before the publish: refused.
  CHECK(f.http.request("PUT", draft_url, valid_guide_json("Old tab"), if_match(f.admin.headers(), kept.header("etag")))
            .status == 409);
  // Rollback from a stale revision is refused; from the current one it works.
  HttpResult edited = f.http.request("PUT", draft_url, valid_guide_json("Unpublished edit"),
                                     if_match(f.admin.headers(), published.header("etag")));
  REQUIRE(edited.status == 200);
  CHECK(f.http.request("POST", url("/" + id + "/rollback"), R"({"version":1})",
                       if_match(editor.headers(), published.header("etag")))
            .status == 409);
  CHECK(str(f.http.get(url("/" + id), f.admin.headers()).json().at("guide").at("draft").at("name")) ==
        "Unpublished edit");
  HttpResult overwrite = f.http.request("PUT", draft_url, valid_guide_json("Star"), if_match(editor.headers(), "*"));
  CHECK(overwrite.status == 200);
  CHECK(f.http.request("PUT", url("/g_missing/draft"), valid_guide_json("X"), if_match(editor.headers(), "*"))
            .status == 404);
}

TEST_CASE("guides: the list carries status, the published schedule and who changed it last") {
  Setup s;
  boost::json::value later = boost::json::parse(valid_guide_json("Later"));
  later.as_object()["schedule"] = {{"start", "2099-01-01T00:00:00Z"}, {"end", "2099-02-01T00:00:00Z"}};
  HttpResult a = s.http.request("POST", s.guides_url(), boost::json::serialize(later), s.admin.headers());
  HttpResult b = s.http.request("POST", s.guides_url(), valid_guide_json("Draft only"), s.admin.headers());
  REQUIRE((a.status == 201 && b.status == 201));
  std::string a_id = str(a.json().at("guide").at("id"));
  REQUIRE(s.http.request("POST", s.guides_url("/" + a_id + "/publish"), "", if_match(s.admin.headers(), a.header("etag")))
              .status == 201);
  HttpResult list = s.http.get(s.guides_url(), s.admin.headers());
  REQUIRE(list.status == 200);
  boost::json::value listed = list.json();
  const auto& guides = listed.at("guides").as_array();
  REQUIRE(guides.size() == 2);
  // Listed by creation time, then id: both may share a millisecond.
  const bool a_first = str(guides[0].at("id")) == a_id;
  const auto& published = guides[a_first ? 0 : 1].as_object();
  const auto& draft_only = guides[a_first ? 1 : 0].as_object();
  CHECK(str(published.at("id")) == a_id);
  CHECK(str(published.at("status")) == "published");
  CHECK(str(published.at("published_schedule").at("start")) == "2099-01-01T00:00:00Z");
  CHECK(str(published.at("published_schedule").at("end")) == "2099-02-01T00:00:00Z");
  CHECK(published.at("updated_at_ms").as_int64() > 0);
  CHECK_FALSE(str(published.at("updated_by")).empty());
  CHECK(published.at("revision").as_int64() == 2);
  CHECK_FALSE(published.contains("draft"));
  CHECK(str(draft_only.at("status")) == "draft");
  CHECK(draft_only.at("published_schedule").is_null());
}
