#include "rules/url_match.h"

#include <catch2/catch.hpp>

#include <string>

namespace cr = cairn::rules;
namespace cg = cairn::guide;

TEST_CASE("split_url separates path, decoded query and hash") {
  cr::UrlParts p = cr::split_url("https://app.acme.test:8443/a/b?x=1&name=J%C3%BCrgen+K&flag&=v#frag/1");
  CHECK(p.path == "/a/b");
  REQUIRE(p.query.size() == 4);
  CHECK(p.query[0] == std::pair<std::string, std::string>{"x", "1"});
  CHECK(p.query[1].second == "J\xc3\xbcrgen K");
  CHECK(p.query[2] == std::pair<std::string, std::string>{"flag", ""});
  CHECK(p.query[3] == std::pair<std::string, std::string>{"", "v"});
  CHECK(p.hash == "frag/1");
  CHECK(cr::split_url("https://host").path == "/");
  CHECK(cr::split_url("https://host?q=1").query.size() == 1);
  CHECK(cr::split_url("relative/page").path == "/relative/page");
  CHECK(cr::split_url("").path == "/");
  CHECK(cr::split_url("/p?bad=%zz%4").query[0].second == "%zz%4");
  CHECK(cr::split_url("/a/b:c").path == "/a/b:c");
}

TEST_CASE("path patterns: literals, *, ** and :param") {
  CHECK(cr::path_matches("/app/projects", "/app/projects"));
  CHECK(cr::path_matches("/app/projects", "/app/projects/"));
  CHECK(cr::path_matches("/app/projects/", "/app/projects"));
  CHECK_FALSE(cr::path_matches("/app/projects", "/app/Projects"));
  CHECK_FALSE(cr::path_matches("/app/projects", "/app/projects/1"));
  CHECK(cr::path_matches("/app/*", "/app/x"));
  CHECK_FALSE(cr::path_matches("/app/*", "/app/x/y"));
  CHECK(cr::path_matches("/report-*", "/report-q1"));
  CHECK_FALSE(cr::path_matches("/report-*", "/reports"));
  CHECK(cr::path_matches("/app/**", "/app"));
  CHECK(cr::path_matches("/app/**", "/app/a/b/c"));
  CHECK(cr::path_matches("/**/edit", "/a/b/edit"));
  CHECK(cr::path_matches("/**/edit", "/edit"));
  CHECK_FALSE(cr::path_matches("/**/edit", "/a/edit/x"));
  CHECK(cr::path_matches("/a/**/b/**/c", "/a/x/b/y/z/c"));
  CHECK_FALSE(cr::path_matches("/a/**/b/**/c", "/a/x/c/b"));
  CHECK(cr::path_matches("/projects/:id/settings", "/projects/42/settings"));
  CHECK_FALSE(cr::path_matches("/projects/:id/settings", "/projects/settings"));
  CHECK_FALSE(cr::path_matches("/projects/:id", "/projects/42/more"));
  CHECK(cr::path_matches("/**", "/"));
  CHECK(cr::path_matches("/", "/"));
  CHECK_FALSE(cr::path_matches("/", "/a"));
}

TEST_CASE("a path pattern typed with non-ASCII letters matches the browser's encoded path") {
  // location.href has "/%C3%BCber-uns"; authors write "/über-uns".
  CHECK(cr::path_matches("/\xc3\xbc" "ber-uns", cr::split_url("https://app.test/%C3%BCber-uns").path));
  CHECK(cr::path_matches("/\xc3\xbc" "ber-uns", "/\xc3\xbc" "ber-uns"));
  CHECK(cr::path_matches("/%C3%BCber-uns", "/\xc3\xbc" "ber-uns"));
  CHECK(cr::path_matches("/caf\xc3\xa9/*", "/caf%C3%A9/menu"));
  CHECK(cr::path_matches("/docs/:page", "/docs/%E2%9C%93"));
  CHECK_FALSE(cr::path_matches("/caf\xc3\xa9", "/cafe"));
  CHECK_FALSE(cr::path_matches("/caf\xc3\xa9", "/caf%C3%A8"));
}

TEST_CASE("a * segment needs a segment to match") {
  // "/app/" has one segment ("app"), so "/app/*" needs a second one.
  CHECK_FALSE(cr::path_matches("/app/*", "/app"));
  CHECK_FALSE(cr::path_matches("/app/*", "/app/"));
}

TEST_CASE("path matching stays fast on adversarial patterns") {
  std::string pattern, path;
  for (int i = 0; i < 200; ++i) pattern += "/**/a";
  for (int i = 0; i < 1000; ++i) path += "/a";
  path += "/b";
  CHECK_FALSE(cr::path_matches(pattern, path));
  std::string glob(500, '*');
  glob += "b";
  CHECK_FALSE(cr::glob_matches(glob, std::string(2000, 'a')));
}

TEST_CASE("glob matching") {
  CHECK(cr::glob_matches("*", ""));
  CHECK(cr::glob_matches("panel-*", "panel-3"));
  CHECK(cr::glob_matches("*-3", "panel-3"));
  CHECK(cr::glob_matches("a*b*c", "aXbYc"));
  CHECK_FALSE(cr::glob_matches("a*b*c", "aXcYb"));
  CHECK_FALSE(cr::glob_matches("", "x"));
  CHECK(cr::glob_matches("", ""));
}

TEST_CASE("url rules combine path, query conditions and hash") {
  cg::UrlRule rule;
  rule.path = "/reports/:id";
  rule.query = {cg::QueryCondition{"view", cg::QueryOp::equals, "table", {}},
                cg::QueryCondition{"debug", cg::QueryOp::absent, "", {}}};
  CHECK(cr::url_rule_matches(rule, cr::split_url("/reports/7?view=table")));
  CHECK(cr::url_rule_matches(rule, cr::split_url("/reports/7?view=chart&view=table")));
  CHECK_FALSE(cr::url_rule_matches(rule, cr::split_url("/reports/7?view=chart")));
  CHECK_FALSE(cr::url_rule_matches(rule, cr::split_url("/reports/7")));
  CHECK_FALSE(cr::url_rule_matches(rule, cr::split_url("/reports/7?view=table&debug")));
  rule.query = {cg::QueryCondition{"utm", cg::QueryOp::contains, "spring", {}},
                cg::QueryCondition{"ref", cg::QueryOp::present, "", {}}};
  CHECK(cr::url_rule_matches(rule, cr::split_url("/reports/7?utm=spring-sale&ref=")));
  CHECK_FALSE(cr::url_rule_matches(rule, cr::split_url("/reports/7?utm=winter&ref=x")));
  CHECK_FALSE(cr::url_rule_matches(rule, cr::split_url("/reports/7?utm=spring")));
  rule.query.clear();
  rule.hash = "tab-*";
  CHECK(cr::url_rule_matches(rule, cr::split_url("/reports/7#tab-2")));
  CHECK_FALSE(cr::url_rule_matches(rule, cr::split_url("/reports/7")));
  CHECK_FALSE(cr::url_rule_matches(rule, cr::split_url("/reports/7#other")));
}

TEST_CASE("a rule's hash written with its leading # matches the fragment") {
  cg::UrlRule rule;
  rule.path = "/settings";
  rule.hash = "#billing";
  CHECK(cr::url_rule_matches(rule, cr::split_url("https://app.test/settings#billing")));
  CHECK_FALSE(cr::url_rule_matches(rule, cr::split_url("https://app.test/settings#team")));
  CHECK_FALSE(cr::url_rule_matches(rule, cr::split_url("https://app.test/settings")));
  rule.hash = "#";  // "#" alone: no fragment, as "" is
  CHECK(cr::url_rule_matches(rule, cr::split_url("https://app.test/settings")));
  CHECK_FALSE(cr::url_rule_matches(rule, cr::split_url("https://app.test/settings#x")));
  cg::UrlRules rules;  // in an exclusion too, where never matching shows the guide
  rules.exclude.push_back(cg::UrlRule{"/**", {}, std::string("#/admin*"), {}});
  CHECK_FALSE(cr::url_rules_match(rules, cr::split_url("https://app.test/#/admin/users")));
  CHECK(cr::url_rules_match(rules, cr::split_url("https://app.test/#/home")));
}

TEST_CASE("url rule sets: any include, no exclude, empty include is everywhere") {
  cg::UrlRules rules;
  CHECK(cr::url_rules_match(rules, cr::split_url("/anything")));
  rules.exclude.push_back(cg::UrlRule{"/admin/**", {}, std::nullopt, {}});
  CHECK(cr::url_rules_match(rules, cr::split_url("/app")));
  CHECK_FALSE(cr::url_rules_match(rules, cr::split_url("/admin/users")));
  rules.include.push_back(cg::UrlRule{"/app/**", {}, std::nullopt, {}});
  rules.include.push_back(cg::UrlRule{"/admin/**", {}, std::nullopt, {}});
  CHECK(cr::url_rules_match(rules, cr::split_url("/app/x")));
  CHECK_FALSE(cr::url_rules_match(rules, cr::split_url("/home")));
  CHECK_FALSE(cr::url_rules_match(rules, cr::split_url("/admin")));
}

TEST_CASE("path_pattern_problem is the codec's grammar") {
  CHECK(cr::path_pattern_problem("/a/:id/**").empty());
  CHECK_FALSE(cr::path_pattern_problem("a").empty());
  CHECK_FALSE(cr::path_pattern_problem("/a**").empty());
}
