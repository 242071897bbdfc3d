#include "metrics/metrics.h"

#include <catch2/catch.hpp>

using cairn::metrics::Registry;

TEST_CASE("counters with the same name and labels are one counter") {
  Registry r;
  r.counter("c_total", "help", {{"reason", "a"}}).increment();
  r.counter("c_total", "help", {{"reason", "a"}}).increment(2);
  r.counter("c_total", "help", {{"reason", "b"}}).increment();
  std::string text = r.render_prometheus();
  CHECK(text.find("# TYPE c_total counter\n") != std::string::npos);
  CHECK(text.find("c_total{reason=\"a\"} 3\n") != std::string::npos);
  CHECK(text.find("c_total{reason=\"b\"} 1\n") != std::string::npos);
}

TEST_CASE("histogram buckets are cumulative with +Inf, sum and count") {
  Registry r;
  auto& h = r.histogram("lat_seconds", "help", {0.1, 1.0});
  h.observe(0.05);
  h.observe(0.5);
  h.observe(5);
  std::string text = r.render_prometheus();
  CHECK(text.find("lat_seconds_bucket{le=\"0.1\"} 1\n") != std::string::npos);
  CHECK(text.find("lat_seconds_bucket{le=\"1\"} 2\n") != std::string::npos);
  CHECK(text.find("lat_seconds_bucket{le=\"+Inf\"} 3\n") != std::string::npos);
  CHECK(text.find("lat_seconds_count 3\n") != std::string::npos);
  CHECK(h.sum() == Approx(5.55));
}

TEST_CASE("label values are escaped") {
  CHECK(cairn::metrics::render_labels({{"path", "a\"b\\c\nd"}}) == "{path=\"a\\\"b\\\\c\\nd\"}");
  CHECK(cairn::metrics::render_labels({}).empty());
}

TEST_CASE("a gauge goes up and down; a kind conflict is not rendered twice") {
  Registry r;
  auto& g = r.gauge("depth", "help");
  g.set(5);
  g.add(-2);
  CHECK(g.value() == 3);
  r.counter("depth", "other").increment();  // Wrong kind: orphaned.
  std::string text = r.render_prometheus();
  CHECK(text.find("depth 3\n") != std::string::npos);
  CHECK(text.find("# TYPE depth gauge") != std::string::npos);
  CHECK(text.find("counter") == std::string::npos);
}
