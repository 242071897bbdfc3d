#include "guide/safe_url.h"
#include "guide/theme_values.h"
#include "guide/url_pattern.h"

#include <catch2/catch.hpp>

namespace cg = cairn::guide;

TEST_CASE("link URLs: http(s), mailto and relative only") {
  for (const char* ok : {"https://x.test", "HTTP://x.test/a", "mailto:a@b.test", "/help", "help?x=1",
                         "#part", "//cdn.test/a", "../up", "?q=1"}) {
    INFO(ok);
    CHECK(cg::is_safe_link_url(ok));
  }
  for (const char* bad : {"", "javascript:alert(1)", "JAVASCRIPT:x", "data:text/html,x", "vbscript:x",
                          "java\tscript:x", " javascript:x", "java\nscript:x", "file:///etc/passwd",
                          "ftp://x.test", "/a b", "\\\\evil.test", "https:\\\\evil.test", "x:y"}) {
    INFO(bad);
    CHECK_FALSE(cg::is_safe_link_url(bad));
  }
}

TEST_CASE("media URLs: absolute http(s) only") {
  CHECK(cg::is_safe_media_url("https://cdn.test/a.png"));
  CHECK(cg::is_safe_media_url("http://cdn.test/a.mp4"));
  CHECK_FALSE(cg::is_safe_media_url("/a.png"));
  CHECK_FALSE(cg::is_safe_media_url("//cdn.test/a.png"));
  CHECK_FALSE(cg::is_safe_media_url("https:a.png"));
  CHECK_FALSE(cg::is_safe_media_url("https://"));
  CHECK_FALSE(cg::is_safe_media_url("data:image/png;base64,AA"));
  CHECK_FALSE(cg::is_safe_media_url("mailto:a@b.test"));
}

TEST_CASE("theme colours cannot carry CSS") {
  for (const char* ok : {"#fff", "#ffff", "#4f46e5", "#4f46e580", "rgb(1, 2, 3)", "rgba(1,2,3,0.5)",
                         "rgb(10% 20% 30% / 50%)", "rebeccapurple", "transparent", "white"}) {
    INFO(ok);
    CHECK(cg::color_problem(ok).empty());
  }
  for (const char* bad : {"", "#ff", "#gggggg", "#12345", "red;", "red}", "Red", "rgb(1,2)",
                          "rgb(1,2,3,4,5)", "rgb(1,2,3", "rgb(a,b,c)", "rgb(1.2.3,1,1)",
                          "url(https://x.test)", "var(--x)", "expression(alert(1))",
                          "rgb(1,2,3);x:y", "notacolour"}) {
    INFO(bad);
    CHECK_FALSE(cg::color_problem(bad).empty());
  }
}

TEST_CASE("theme colour names match whole CSS names only") {
  for (const char* ok : {"aliceblue", "blue", "lightgoldenrodyellow", "yellowgreen", "tan"}) {
    INFO(ok);
    CHECK(cg::color_problem(ok).empty());
  }
  for (const char* bad : {"alice", "lightgoldenrod", "ellowgreen", "aliceblu", "blueblue",
                          "red|blue", "|red", "red|", "aqua|aquamarine", "reds", "e"}) {
    INFO(bad);
    CHECK_FALSE(cg::color_problem(bad).empty());
  }
}

TEST_CASE("font families cannot carry CSS") {
  CHECK(cg::font_family_problem("Inter, \"Helvetica Neue\", sans-serif").empty());
  CHECK(cg::font_family_problem("'Open Sans', system-ui").empty());
  for (const char* bad : {"", "Arial;", "a{b}", "x\"", "'a\"", "url(x)", "a:b", "a/b", "a\\b"}) {
    INFO(bad);
    CHECK_FALSE(cg::font_family_problem(bad).empty());
  }
}

TEST_CASE("path pattern grammar") {
  CHECK(cg::path_pattern_problem("/").empty());
  CHECK(cg::path_pattern_problem("/app/**/edit").empty());
  CHECK(cg::path_pattern_problem("/p/:project_id/report-*").empty());
  CHECK(cg::path_pattern_problem("") == "must start with \"/\"");
  CHECK(cg::path_pattern_problem("/a/b**") == "\"**\" must be a whole segment");
  CHECK(cg::path_pattern_problem("/:") == "\":\" must be followed by a parameter name");
  CHECK(cg::path_pattern_problem("/:a.b") == "parameter names use letters, digits and \"_\" only");
  CHECK_FALSE(cg::path_pattern_problem("/a#b").empty());
  CHECK_FALSE(cg::path_pattern_problem("/a\tb").empty());
}
