#include "cluster/follower.h"

#include "clock/wall_clock.h"
#include "cluster/metadata_snapshot.h"
#include "cluster/snapshot_apply.h"
#include "http/server.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <curl/curl.h>

#include <algorithm>
#include <cctype>

namespace cairn::cluster {

namespace {

// A snapshot larger than this is refused rather than buffered.
constexpr std::size_t kMaxSnapshotBytes = 256u * 1024 * 1024;

struct Exchange {
  std::string body;
  std::string etag;
  bool too_large = false;
};

size_t append_body(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  if (exchange->body.size() + size * count > kMaxSnapshotBytes) {
    exchange->too_large = true;
    return 0;  // Aborts the transfer.
  }
  exchange->body.append(data, size * count);
  return size * count;
}

size_t read_header(char* data, size_t size, size_t count, void* user) {
  std::string_view line(data, size * count);
  constexpr std::string_view kName = "etag:";
  if (line.size() > kName.size() &&
      std::equal(kName.begin(), kName.end(), line.begin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
    std::string_view value = line.substr(kName.size());
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    static_cast<Exchange*>(user)->etag = std::string(value);
  }
  return size * count;
}

// Aborts a request in flight when the follower stops.
int check_stopping(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::atomic<bool>*>(user)->load() ? 1 : 0;
}

}  // namespace

Follower::Follower(FollowerOptions options, admin::Database& db, admin::AppDirectory& apps,
                   metrics::Registry& registry)
    : options_(std::move(options)),
      db_(db),
      apps_(apps),
      applied_(registry.counter("cairn_follower_syncs_total",
                                "Polls of the primary's metadata by result", {{"result", "applied"}})),
      unchanged_(registry.counter("cairn_follower_syncs_total",
                                  "Polls of the primary's metadata by result",
                                  {{"result", "unchanged"}})),
      failed_(registry.counter("cairn_follower_syncs_total",
                               "Polls of the primary's metadata by result", {{"result", "failed"}})),
      failures_gauge_(registry.gauge("cairn_follower_consecutive_failures",
                                     "Failed polls of the primary since the last success")),
      last_success_gauge_(registry.gauge("cairn_follower_last_success_timestamp_seconds",
                                         "Unix time of the last successful poll of the primary "
                                         "(0: none since start)")) {}

Follower::~Follower() { stop(); }

void Follower::start() {
  status_.ready = !apps_.list_apps().empty();
  thread_ = std::thread([this] { run(); });
}

void Follower::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

FollowerStatus Follower::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void Follower::set_erasure_replay(ErasureReplay replay) {
  std::lock_guard lock(mutex_);
  replay_ = std::move(replay);
}

void Follower::set_apps_deleted(AppsDeleted deleted) {
  std::lock_guard lock(mutex_);
  apps_deleted_ = std::move(deleted);
}

std::chrono::milliseconds Follower::next_wait() const {
  std::int64_t failures = status().consecutive_failures;
  if (failures == 0) return options_.interval;
  const auto cap =
      std::max(options_.interval, std::min(options_.interval * kMaxBackoffFactor, kMaxBackoff));
  auto wait = options_.interval;
  for (std::int64_t i = 1; i < failures && wait < cap; ++i) wait *= 2;
  return std::min(wait, cap);
}

void Follower::run() {
  CURL* curl = curl_easy_init();
  while (!stopping_) {
    bool applied = false;
    std::string error = curl ? sync_once(curl, &applied) : "cannot create a libcurl handle";
    if (stopping_) break;
    {
      std::lock_guard lock(mutex_);
      if (error.empty()) {
        status_.ready = true;
        status_.last_success_ms = wall_clock_ms();
        status_.consecutive_failures = 0;
        status_.last_error.clear();
      } else {
        ++status_.consecutive_failures;
        status_.last_error = error;
      }
      failures_gauge_.set(status_.consecutive_failures);
      if (error.empty()) last_success_gauge_.set(status_.last_success_ms / 1000);
    }
    if (!error.empty()) {
      failed_.increment();
      http::log_line(http::LogLevel::warn, "follower sync failed",
                     "\"primary\":" + boost::json::serialize(boost::json::string(options_.primary_url)) +
                         ",\"error\":" + boost::json::serialize(boost::json::string(error)));
    } else {
      (applied ? applied_ : unchanged_).increment();
    }
    const std::chrono::milliseconds wait = next_wait();
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, wait, [this] { return stopping_.load(); });
  }
  if (curl) curl_easy_cleanup(curl);
}

std::string Follower::sync_once(void* handle, bool* applied) {
  CURL* curl = static_cast<CURL*>(handle);
  const std::string url = options_.primary_url + "/internal/metadata";
  const std::string authorization = "Authorization: Bearer " + options_.secret;
  curl_slist* headers = curl_slist_append(nullptr, authorization.c_str());
  if (!etag_.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + etag_).c_str());
  Exchange exchange;
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, check_stopping);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &stopping_);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  // A connection kept alive between polls would hold a stopping primary's
  // graceful shutdown open until its idle timeout; one per poll costs little.
  curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, 1L);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (exchange.too_large) return "the primary's snapshot is larger than 256 MiB";
  if (code != CURLE_OK) return std::string("cannot reach the primary: ") + curl_easy_strerror(code);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status == 304) return "";
  if (status == 401) return "the primary refused the cluster secret (401)";
  if (status == 404) return "the primary has no cluster secret configured (404)";
  if (status != 200) return "the primary answered HTTP " + std::to_string(status);
  std::string error;
  std::optional<MetadataSnapshot> snapshot = parse_snapshot(exchange.body, &error);
  if (!snapshot) return error;
  std::vector<std::string> deleted_apps;
  error = apply_snapshot(*snapshot, db_, apps_, wall_clock_ms(), &deleted_apps);
  if (!error.empty()) return error;
  *applied = true;
  ErasureReplay replay;
  AppsDeleted apps_deleted;
  {
    std::lock_guard lock(mutex_);
    replay = replay_;
    apps_deleted = apps_deleted_;
  }
  // Without it the event store is not open yet and purges them when it opens.
  if (!deleted_apps.empty() && apps_deleted) apps_deleted(deleted_apps);
  if (!snapshot->erasures.empty()) {
    if (!replay) return "";  // The event store is not open yet: fetched again next time.
    if (error = replay(snapshot->erasures); !error.empty()) return error;
  }
  etag_ = exchange.etag;
  return "";
}

}  // namespace cairn::cluster
