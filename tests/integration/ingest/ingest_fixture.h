// IngestFixture: what most ingest integration tests start from, a collector
// serving a fresh data directory that holds one app, and a client that posts
// batches with that app's write key.
//
// Threading: one thread per fixture.
#pragma once

#include "collector_process.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cairn::testing {

struct IngestFixture {
  TempDir dir;
  CollectorProcess collector;
  HttpClient http;
  std::string key_header;  // "X-Cairn-Write-Key: cwk_..."

  // Starts `serve` with `flags` after create-app.
  explicit IngestFixture(const std::vector<std::string>& flags = {}) {
    std::optional<std::string> key = create_app(ingest_binary(), dir.path(), "ingest");
    REQUIRE(key);
    key_header = "X-Cairn-Write-Key: " + *key;
    REQUIRE(collector.start(ingest_binary(), dir.path(), std::chrono::seconds(20), flags));
  }

  // POST /v1/batch with the write key (and `headers`).
  HttpResult post_batch(const std::string& body, std::vector<std::string> headers = {}) {
    headers.push_back(key_header);
    return http.post(collector.base_url() + "/v1/batch", body, headers, 30000);
  }
};

}  // namespace cairn::testing
