// docs/api.md (with api-ingest.md) must document every route the real
// collector mounts: the route table comes from the binary's own startup log,
// so a route added in code without its line in the docs fails here.
//
// A route counts as documented when one line of the docs names its method
// and, in backticks, its path: parameters may be named differently
// ({app_id} = {n}), a trailing "[?query]" is ignored, and a final "/..." or
// "/<anything>" stands for the pattern's "/*" (and covers the routes under it).
#include "server_fixture.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace cairn::server_test;

namespace {

constexpr const char* kSourceDir = CAIRN_SOURCE_DIR;

struct DocumentedRoute {
  std::string method;
  std::string pattern;  // Normalized: {} for parameters, "*" for a documented rest.
  std::string where;    // "api.md:123" for messages.
};

// "{app_id}" -> "{}"; a final "..." or "<...>" segment -> "*"; query suffix cut.
std::string normalize(std::string path) {
  path = path.substr(0, path.find_first_of("[?"));
  path = std::regex_replace(path, std::regex(R"(\{[^}/]*\})"), "{}");
  path = std::regex_replace(path, std::regex(R"(/(\.\.\.|<[^>/]*>)$)"), "/*");
  return path;
}

std::vector<DocumentedRoute> documented_routes() {
  static const std::regex kMethod(R"(\b(GET|POST|PUT|PATCH|DELETE|OPTIONS)\b)");
  static const std::regex kCode("`([^`]*)`");
  std::vector<DocumentedRoute> out;
  for (const char* name : {"api.md", "api-ingest.md"}) {
    std::ifstream in(std::string(kSourceDir) + "/docs/" + name);
    REQUIRE(in);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      std::vector<std::string> methods;
      for (std::sregex_iterator m(line.begin(), line.end(), kMethod), end; m != end; ++m) {
        methods.push_back((*m)[1]);
      }
      for (std::sregex_iterator c(line.begin(), line.end(), kCode), end; c != end; ++c) {
        std::istringstream words((*c)[1].str());
        for (std::string word; words >> word;) {
          if (word.rfind('/', 0) != 0) continue;
          for (const std::string& method : methods) {
            out.push_back({method, normalize(word), std::string(name) + ":" + std::to_string(number)});
          }
        }
      }
    }
  }
  return out;
}

bool documents(const DocumentedRoute& doc, const MountedRoute& route) {
  if (doc.method != route.method) return false;
  const std::string pattern = normalize(route.pattern);
  if (doc.pattern == pattern) return true;
  // "OPTIONS /v1/<anything>" covers "OPTIONS /v1/guides" too.
  return doc.pattern.size() > 2 && doc.pattern.compare(doc.pattern.size() - 2, 2, "/*") == 0 &&
         pattern.rfind(doc.pattern.substr(0, doc.pattern.size() - 1), 0) == 0;
}

}  // namespace

TEST_CASE("docs/api.md documents every route the collector mounts") {
  Collector c;
  // Static directories too, so their routes are mounted.
  std::vector<std::string> flags = {"--log-level", "debug"};
  for (const char* mount : {"sdk", "editor", "dashboard"}) {
    const std::string dir = c.data_dir() + "/" + mount;
    std::filesystem::create_directories(dir);
    flags.push_back(std::string("--") + mount + "-dir");
    flags.push_back(dir);
  }
  REQUIRE(c.start(flags));
  const std::vector<MountedRoute> routes = mounted_routes(c);
  // The families of docs/api.md, so an empty or broken log cannot pass.
  REQUIRE(routes.size() > 30);
  const std::vector<DocumentedRoute> docs = documented_routes();
  REQUIRE_FALSE(docs.empty());

  std::string undocumented;
  for (const MountedRoute& route : routes) {
    bool found = false;
    for (const DocumentedRoute& doc : docs) found = found || documents(doc, route);
    if (!found) undocumented += "\n  " + route.method + " " + route.pattern;
  }
  INFO("routes missing from docs/api.md or docs/api-ingest.md (each needs a line with its "
       "method and its path in backticks):" << undocumented);
  CHECK(undocumented.empty());
}

TEST_CASE("the route-doc check itself: parameters, queries and wildcards") {
  CHECK(normalize("/api/apps/{app_id}/guides[?status=draft]") == "/api/apps/{}/guides");
  CHECK(normalize("/api/apps/{app_id}/guides/{guide_id}/versions/{n}") ==
        "/api/apps/{}/guides/{}/versions/{}");
  CHECK(normalize("/v1/<anything>") == "/v1/*");
  CHECK(normalize("/sdk/...") == "/sdk/*");
  DocumentedRoute any_v1{"OPTIONS", "/v1/*", ""};
  CHECK(documents(any_v1, {"OPTIONS", "/v1/guides"}));
  CHECK(documents(any_v1, {"OPTIONS", "/v1/*"}));
  CHECK_FALSE(documents(any_v1, {"POST", "/v1/guides"}));
  CHECK_FALSE(documents({"GET", "/api/apps/{}", ""}, {"GET", "/api/apps/{app_id}/keys"}));
  CHECK(pattern_matches("/api/apps/{app_id}/people/{user_key}/events", "/api/apps/a1/people/u1/events"));
  CHECK(pattern_matches("/sdk/*", "/sdk"));
  CHECK_FALSE(pattern_matches("/api/apps/{app_id}", "/api/apps/a1/keys"));
}
