// The packed guide form against the real binary: GET /v1/guides answers it
// when Accept asks (own ETag, 304, Vary: Accept), and the editor's
// POST /api/apps/{app_id}/guides/pack packs one guide or lists its problems.
#include "server_fixture.h"

#include "guide/guide_codec.h"
#include "guide/guide_pack.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>
#include <vector>

using namespace cairn::server_test;
namespace cg = cairn::guide;

namespace {

// What the SDK sends: the newest packed version it reads.
const std::string kPackAccept = "Accept: " + std::string(cg::kPackMediaType) + "; v=2";

std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

// Creates and publishes a guide named `name`; its id.
std::string publish(AdminFixture& f, const std::string& name) {
  const std::string base = f.c.url("/api/apps/" + f.app_id + "/guides");
  HttpResult created = f.http.request("POST", base, valid_guide_json(name), f.admin.headers());
  REQUIRE(created.status == 201);
  std::string id = str(created.json().at("guide").at("id"));
  std::vector<std::string> headers = f.admin.headers();
  headers.push_back("If-Match: " + created.header("etag"));
  REQUIRE(f.http.request("POST", base + "/" + id + "/publish", "", headers).status == 201);
  return id;
}

std::vector<cg::Guide> unpack(const std::string& bytes) {
  std::string error;
  std::optional<std::vector<cg::Guide>> guides = cg::unpack_guides(bytes, error);
  INFO(error);
  REQUIRE(guides);
  return *guides;
}

// The guides of a JSON /v1/guides answer, read with the codec.
std::vector<cg::Guide> parse_all(const HttpResult& json_answer) {
  std::vector<cg::Guide> guides;
  const boost::json::value body = json_answer.json();  // Outlives the loop.
  for (const boost::json::value& g : body.at("guides").as_array()) {
    cg::GuideParseResult parsed = cg::parse_guide(boost::json::serialize(g));
    REQUIRE(parsed.ok());
    guides.push_back(*parsed.guide);
  }
  return guides;
}

}  // namespace

TEST_CASE("GET /v1/guides: the packed form on Accept, with its own ETag, 304 and Vary") {
  AdminFixture f;
  Http sdk;
  publish(f, "Onboarding");
  publish(f, "Reports tour");
  std::vector<std::string> json_headers = f.key_headers();
  std::vector<std::string> pack_headers = f.key_headers();
  pack_headers.push_back(kPackAccept);

  HttpResult json = sdk.get(f.c.url("/v1/guides"), json_headers);
  REQUIRE(json.status == 200);
  CHECK(json.header("content-type") == "application/json");
  CHECK(json.header("vary") == "Accept, Origin");
  HttpResult packed = sdk.get(f.c.url("/v1/guides"), pack_headers);
  REQUIRE(packed.status == 200);
  CHECK(packed.header("content-type") == cg::kPackMediaType);
  CHECK(packed.header("vary") == "Accept, Origin");
  CHECK(packed.header("cache-control") == "no-cache");
  CHECK(packed.body.size() < json.body.size());

  // The same guides: what the SDK unpacks is what the JSON answer says.
  std::vector<cg::Guide> from_json = parse_all(json);
  REQUIRE(from_json.size() == 2);
  CHECK(unpack(packed.body) == from_json);

  // Each form has its own ETag; each revalidates to 304 with its own only.
  const std::string json_etag = json.header("etag");
  const std::string pack_etag = packed.header("etag");
  CHECK(pack_etag != json_etag);
  CHECK(pack_etag == json_etag.substr(0, json_etag.size() - 1) + "-p2\"");
  auto with = [](std::vector<std::string> headers, const std::string& etag) {
    headers.push_back("If-None-Match: " + etag);
    return headers;
  };
  HttpResult pack_304 = sdk.get(f.c.url("/v1/guides"), with(pack_headers, pack_etag));
  CHECK(pack_304.status == 304);
  CHECK(pack_304.body.empty());
  CHECK(pack_304.header("etag") == pack_etag);
  CHECK(pack_304.header("vary") == "Accept, Origin");
  CHECK(sdk.get(f.c.url("/v1/guides"), with(json_headers, json_etag)).status == 304);
  // A cached body of the other form is not revalidated as this one.
  CHECK(sdk.get(f.c.url("/v1/guides"), with(pack_headers, json_etag)).status == 200);
  CHECK(sdk.get(f.c.url("/v1/guides"), with(json_headers, pack_etag)).status == 200);

  // Wildcards and q=0 keep JSON; a list naming the packed type gets it.
  for (const char* accept : {"Accept: */*", "Accept: application/vnd.cairn.guides-pack;q=0, */*"}) {
    std::vector<std::string> headers = f.key_headers();
    headers.push_back(accept);
    CHECK(sdk.get(f.c.url("/v1/guides"), headers).header("content-type") == "application/json");
  }
  std::vector<std::string> listed = f.key_headers();
  listed.push_back("Accept: application/json;q=0.5, Application/Vnd.Cairn.Guides-Pack; v=2");
  CHECK(sdk.get(f.c.url("/v1/guides"), listed).body == packed.body);

  // An SDK before packed version 2 (no v: an npm-pinned SDK, a cached
  // cairn.js) gets version 1, which it reads, with its own ETag.
  std::vector<std::string> old_sdk = f.key_headers();
  old_sdk.push_back("Accept: " + std::string(cg::kPackMediaType));
  HttpResult v1 = sdk.get(f.c.url("/v1/guides"), old_sdk);
  REQUIRE(v1.status == 200);
  CHECK(v1.body[4] == 1);
  CHECK(packed.body[4] == 2);
  CHECK(v1.header("etag") == json_etag.substr(0, json_etag.size() - 1) + "-p1\"");
  CHECK(unpack(v1.body) == from_json);  // These guides have no words: nothing is lost.
  CHECK(sdk.get(f.c.url("/v1/guides"), with(old_sdk, v1.header("etag"))).status == 304);
  CHECK(sdk.get(f.c.url("/v1/guides"), with(old_sdk, pack_etag)).status == 200);

  // A publish changes both answers (the packed one is not served stale).
  publish(f, "Third");
  HttpResult repacked = sdk.get(f.c.url("/v1/guides"), with(pack_headers, pack_etag));
  REQUIRE(repacked.status == 200);
  CHECK(repacked.header("etag") != pack_etag);
  CHECK(unpack(repacked.body).size() == 3);

  // Without a key the packed request is refused like the JSON one.
  CHECK(sdk.get(f.c.url("/v1/guides"), {kPackAccept}).status == 401);
}

TEST_CASE("POST /api/apps/{app_id}/guides/pack: a guide's packed form, or its problems") {
  AdminFixture f;
  const std::string url = f.c.url("/api/apps/" + f.app_id + "/guides/pack");
  std::string guide = valid_guide_json("Draft tour");
  boost::json::object with_id = boost::json::parse(guide).as_object();
  with_id["id"] = "draft-tour";
  guide = boost::json::serialize(with_id);

  HttpResult packed = f.http.request("POST", url, guide, f.admin.headers());
  REQUIRE(packed.status == 200);
  CHECK(packed.header("content-type") == cg::kPackMediaType);
  CHECK(packed.header("cache-control") == "no-store");
  std::vector<cg::Guide> guides = unpack(packed.body);
  REQUIRE(guides.size() == 1);
  cg::GuideParseResult expected = cg::parse_guide(guide);
  REQUIRE(expected.ok());
  CHECK(guides[0] == *expected.guide);

  // Every problem with its pointer, in the publish route's shape.
  boost::json::object broken = with_id;
  broken["name"] = "";
  broken["steps"].as_array()[0].as_object()["kind"] = "popover";
  HttpResult refused = f.http.request("POST", url, boost::json::serialize(broken), f.admin.headers());
  REQUIRE(refused.status == 422);
  CHECK(refused.error_code() == "invalid_guide");
  std::string pointers;
  const boost::json::value refusal = refused.json();  // Outlives the loop.
  for (const boost::json::value& p : refusal.at("error").at("problems").as_array()) {
    pointers += str(p.at("pointer")) + ";";
  }
  CHECK(pointers == "/name;/steps/0/kind;");

  // The body's own errors: media type, syntax.
  CHECK(f.http.request("POST", url, "{", f.admin.headers()).status == 400);
  std::vector<std::string> text_type = f.admin.headers();
  for (std::string& h : text_type) {
    if (h.rfind("Content-Type:", 0) == 0) h = "Content-Type: text/plain";
  }
  CHECK(f.http.request("POST", url, guide, text_type).status == 415);

  // The body limit, the guide save route's (512 KiB, docs/api.md): a body of
  // exactly that size is read (here refused as a guide), one byte more is not.
  constexpr std::size_t kLimit = 512 * 1024;
  const std::string opening = R"({"name":")";
  std::string at_limit = opening + std::string(kLimit - opening.size() - 2, 'x') + "\"}";
  REQUIRE(at_limit.size() == kLimit);
  CHECK(f.http.request("POST", url, at_limit, f.admin.headers()).status == 422);
  std::string over = opening + std::string(kLimit - opening.size() - 1, 'x') + "\"}";
  HttpResult too_large = f.http.request("POST", url, over, f.admin.headers());
  CHECK(too_large.status == 413);
  CHECK(too_large.error_code() == "body_too_large");

  // 401 without a session, 403 without CSRF or for a viewer, then 404 for an
  // unknown app (only once the caller may edit guides).
  Http anonymous;
  CHECK(anonymous.request("POST", url, guide, {"Content-Type: application/json"}).status == 401);
  CHECK(f.http.request("POST", url, guide, f.admin.headers(false)).status == 403);
  const AdminSession viewer = f.account("viewer@example.com", "viewer");
  CHECK(f.http.request("POST", url, guide, viewer.headers()).status == 403);
  CHECK(f.http.request("POST", f.c.url("/api/apps/app_missing/guides/pack"), guide, viewer.headers()).status ==
        403);
  HttpResult missing = f.http.request("POST", f.c.url("/api/apps/app_missing/guides/pack"), guide,
                                      f.admin.headers());
  CHECK(missing.status == 404);
  CHECK(missing.error_code() == "not_found");
}

// A guide published by a build with other rules (here an event count above
// today's limit of 100, written into the database as such a build would have
// stored it) is not served to the SDK, and says so: a log line, a metric, and
// its problems on the guide in the admin API.
TEST_CASE("GET /v1/guides: a published guide the codec now refuses is reported, not dropped silently") {
  AdminFixture f;
  Http sdk;
  publish(f, "Still valid");
  const std::string old_id = publish(f, "Published long ago");
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((f.c.data_dir() + "/cairn.db").c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) ==
            SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    const std::string sql =
        "UPDATE guide_versions SET guide_json = replace(guide_json, '\"trigger\":', "
        "'\"audience\":{\"event\":\"export\",\"at_least\":500},\"trigger\":') WHERE guide_id = '" +
        old_id + "'";
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    INFO(sqlite3_errmsg(db));
    CHECK(rc == SQLITE_OK);
    CHECK(sqlite3_changes(db) == 1);
    sqlite3_close(db);
  }
  std::vector<std::string> pack_headers = f.key_headers();
  pack_headers.push_back(kPackAccept);
  HttpResult packed = sdk.get(f.c.url("/v1/guides"), pack_headers);
  REQUIRE(packed.status == 200);
  std::vector<cg::Guide> served = unpack(packed.body);
  REQUIRE(served.size() == 1);
  CHECK(served[0].name == "Still valid");

  const std::string metrics = f.http.get(f.c.url("/metrics")).body;
  CHECK(metrics.find("\ncairn_published_guides_refused_total 1\n") != std::string::npos);
  const std::string log = f.c.last_log();
  INFO(log);
  const std::size_t line = log.find("published guide not served");
  REQUIRE(line != std::string::npos);
  const std::string text = log.substr(line, log.find('\n', line) - line);
  CHECK(text.find("\"app_id\":\"" + f.app_id + "\"") != std::string::npos);
  CHECK(text.find("\"guide_id\":\"" + old_id + "\"") != std::string::npos);
  CHECK(text.find("/audience/at_least: must be between 0 and 100") != std::string::npos);

  // The editor reads the same problem on the guide; the draft (unchanged) has none.
  HttpResult guide = f.http.get(f.c.url("/api/apps/" + f.app_id + "/guides/" + old_id), f.admin.headers());
  REQUIRE(guide.status == 200);
  const boost::json::value answer = guide.json();  // Outlives the references below.
  CHECK(answer.at("problems").as_array().empty());
  const boost::json::array& published = answer.at("published_problems").as_array();
  REQUIRE(published.size() == 1);
  CHECK(str(published[0].at("pointer")) == "/audience/at_least");
  CHECK(str(published[0].at("reason")) == "must be between 0 and 100");

  // The list flags it too, so a user scanning it sees which guides the SDK is
  // not getting (before, only the guide's own page said so).
  HttpResult list = f.http.get(f.c.url("/api/apps/" + f.app_id + "/guides"), f.admin.headers());
  REQUIRE(list.status == 200);
  const boost::json::value listed = list.json();
  int flagged = 0;
  for (const boost::json::value& g : listed.at("guides").as_array()) {
    const bool refused = g.at("published_refused").as_bool();
    CHECK(refused == (str(g.at("id")) == old_id));
    flagged += refused ? 1 : 0;
  }
  CHECK(flagged == 1);
}

// The editor's preview runs in the vendor's app, whose SDK may read only an
// older packed version (an npm-pinned SDK): the editor names it as GET
// /v1/guides does, and a draft that version cannot carry is refused with why.
TEST_CASE("POST /api/apps/{app_id}/guides/pack: packs the version the app's SDK reads") {
  AdminFixture f;
  const std::string url = f.c.url("/api/apps/" + f.app_id + "/guides/pack");
  boost::json::object draft = boost::json::parse(valid_guide_json("Draft tour")).as_object();
  draft["id"] = "draft-tour";
  const std::string plain = boost::json::serialize(draft);
  auto asking = [&](const std::string& accept) {
    std::vector<std::string> headers = f.admin.headers();
    if (!accept.empty()) headers.push_back("Accept: " + accept);
    return headers;
  };
  const std::string media(cg::kPackMediaType);

  // The version byte follows the magic (docs/guide-format.md).
  HttpResult v1 = f.http.request("POST", url, plain, asking(media + "; v=1"));
  REQUIRE(v1.status == 200);
  CHECK(v1.body[4] == 1);
  CHECK(unpack(v1.body).size() == 1);
  HttpResult no_v = f.http.request("POST", url, plain, asking(media));  // an SDK before version 2 names none
  REQUIRE(no_v.status == 200);
  CHECK(no_v.body[4] == 1);
  HttpResult v2 = f.http.request("POST", url, plain, asking(media + "; v=2"));
  REQUIRE(v2.status == 200);
  CHECK(v2.body[4] == 2);
  HttpResult tool = f.http.request("POST", url, plain, asking(""));  // curl: the newest
  REQUIRE(tool.status == 200);
  CHECK(tool.body[4] == cg::kPackVersion);

  // `history: running` has no meaning in version 1: refused, never packed
  // into another guide.
  draft["audience"] = boost::json::parse(R"({"not": {"guide": "other-guide", "history": "running"}})");
  const std::string running = boost::json::serialize(draft);
  HttpResult refused = f.http.request("POST", url, running, asking(media + "; v=1"));
  REQUIRE(refused.status == 422);
  CHECK(refused.error_code() == "not_packable");
  const boost::json::value refusal = refused.json();
  const boost::json::array& problems = refusal.at("error").at("problems").as_array();
  REQUIRE(problems.size() == 1);
  CHECK(str(problems[0].at("pointer")) == "/audience");
  CHECK(str(problems[0].at("reason")) ==
        "this app's SDK reads packed guides version 1; update it to preview audiences that ask whether a guide runs");
  HttpResult newer = f.http.request("POST", url, running, asking(media + "; v=2"));
  REQUIRE(newer.status == 200);
  CHECK(unpack(newer.body).at(0).audience.has_value());
}
