// Metrics: counters, gauges and histograms the collector exposes at GET /metrics
// in the Prometheus text format (version 0.0.4).
//
// A Registry owns every metric. Components get a metric once, at construction,
// by name + labels (`registry.counter("cairn_events_stored_total", "help")`),
// keep the returned reference, and update it on the hot path with one relaxed
// atomic operation: no lock, no lookup, no allocation per event.
//
// The server creates one Registry in main() and passes it by reference to every
// component (HTTP server, ingest, store); there is no global registry, so tests
// can use their own.
//
// Threading: Registry lookups (counter/gauge/histogram) take a mutex and may be
// called from any thread; the returned references stay valid for the lifetime of
// the Registry and are safe to update from any thread concurrently.
// render_prometheus() may run while metrics are being updated: each value is
// read atomically, a histogram's buckets may be a few observations apart.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn::metrics {

// Label name/value pairs, e.g. {{"reason", "too_large"}}. Keep the value set
// bounded (route patterns, reason codes, status codes), never user input, or
// the registry grows without bound.
using Labels = std::vector<std::pair<std::string, std::string>>;

// A monotonically increasing count ("_total" names by convention).
class Counter {
 public:
  void increment(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// A value that goes up and down (queue depth, open connections).
class Gauge {
 public:
  void set(std::int64_t v) { value_.store(v, std::memory_order_relaxed); }
  void add(std::int64_t delta) { value_.fetch_add(delta, std::memory_order_relaxed); }
  std::int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_{0};
};

// Observations counted into fixed buckets (upper bounds, ascending), plus their
// sum and count, as Prometheus expects.
class Histogram {
 public:
  // REQUIRES: `upper_bounds` ascending and non-empty. A +Inf bucket is implied.
  explicit Histogram(std::vector<double> upper_bounds);

  void observe(double value);

  const std::vector<double>& upper_bounds() const { return upper_bounds_; }
  // Non-cumulative count of bucket i (i == upper_bounds().size() is +Inf).
  std::uint64_t bucket_count(std::size_t i) const;
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  double sum() const;

 private:
  std::vector<double> upper_bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<std::uint64_t> count_{0};
  // Sum kept in micro-units so it can be one atomic integer.
  std::atomic<std::int64_t> sum_micros_{0};
};

// Bucket bounds in seconds for request latencies: 0.5 ms to 10 s.
const std::vector<double>& latency_buckets_seconds();

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Returns the metric named `name` with `labels`, creating it on first use.
  // `help` is taken from the first call for a name. Calling counter() and
  // gauge() with the same name is a programming error (the second kind wins
  // nothing: the call returns a fresh metric that is never rendered).
  Counter& counter(std::string_view name, std::string_view help, const Labels& labels = {});
  Gauge& gauge(std::string_view name, std::string_view help, const Labels& labels = {});
  // REQUIRES: same `upper_bounds` on every call for a name.
  Histogram& histogram(std::string_view name, std::string_view help,
                       const std::vector<double>& upper_bounds, const Labels& labels = {});

  // Every metric in the Prometheus text exposition format, families sorted by
  // name, so the output is stable for tests and diffs.
  std::string render_prometheus() const;

 private:
  enum class Kind { counter, gauge, histogram };
  struct Family {
    Kind kind;
    std::string help;
    std::map<std::string, std::unique_ptr<Counter>> counters;  // Key: rendered labels.
    std::map<std::string, std::unique_ptr<Gauge>> gauges;
    std::map<std::string, std::unique_ptr<Histogram>> histograms;
  };

  Family& family(std::string_view name, std::string_view help, Kind kind);

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
  // Metrics asked for with a conflicting kind: kept alive, never rendered.
  std::vector<std::unique_ptr<Counter>> orphan_counters_;
  std::vector<std::unique_ptr<Gauge>> orphan_gauges_;
  std::vector<std::unique_ptr<Histogram>> orphan_histograms_;
};

// `{a="x",b="y"}` with Prometheus escaping of \, " and newline; "" for no labels.
std::string render_labels(const Labels& labels);

}  // namespace cairn::metrics
