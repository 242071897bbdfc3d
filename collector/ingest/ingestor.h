// Ingestor: the collector's ingest endpoints, independent of the HTTP server
// (it speaks http::Request/Response, which know nothing of Beast).
//
//   POST /v1/batch                   {"batch": [event, ...], "sentAt", "context", "writeKey"}
//   POST /v1/track|page|screen|identify|group   one event (its type implied by the path)
//
// For each request: check the body size, decode gzip/deflate within the
// decompressed limit, parse, find the write key (X-Cairn-Write-Key,
// Authorization Basic/Bearer, or the body's "writeKey"), validate every event on
// its own, correct client clock skew (timestamp + receivedAt - sentAt), give
// events without a messageId a server one, and submit the good events to the
// EventStore. The answer is sent only after the group commit that made them
// durable:
//
//   200 {"success": true, "accepted": 3, "stored": 2, "duplicates": 1,
//        "rejected": [{"index": 4, "problems": [{"pointer": "/batch/4/timestamp",
//                                               "reason": "must be an ISO-8601 date-time ..."}]}]}
//   400/401/413/415/503 {"error": {"code", "message", "problems"}}   (docs/api-ingest.md)
//
// Every answer carries the CORS headers (admin/sdk_access.h): by the app's
// origins once its key is known, by the preflight's rule for a refusal before
// that (a wrong key must read as invalid_write_key, not as a CORS error).
//
// A batch with some bad events stores the good ones (200, bad ones listed);
// a request where every event is bad stores nothing (400 invalid_events).
// 503 with Retry-After when the store's queue is full or its commit failed:
// nothing of that request was committed; the client keeps its events and
// retries, and messageId dedup makes any retry safe.
//
// Threading: handle_*() are thread-safe; `respond` is called exactly once,
// either on the calling thread (errors before storage) or on the store's
// writer thread (after commit).
#pragma once

#include "clock/wall_clock.h"
#include "event/event.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "ingest/ingest_limits.h"
#include "ingest/write_key_resolver.h"
#include "metrics/metrics.h"
#include "store/event_store.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace cairn::ingest {

// Milliseconds since the Unix epoch; the collector passes the system clock.
using Clock = std::function<std::int64_t()>;

class Ingestor {
 public:
  // `keys`, `store` and `registry` must outlive the Ingestor.
  Ingestor(WriteKeyResolver& keys, store::EventStore& store, metrics::Registry& registry,
           IngestLimits limits = {}, Clock clock = wall_clock_ms);

  // POST /v1/batch.
  void handle_batch(const http::Request& request, http::Respond respond);
  // POST /v1/track etc.: one event of `type`.
  void handle_single(const http::Request& request, event::EventType type, http::Respond respond);

  // Registers POST /v1/batch and POST /v1/{track,page,screen,identify,group}.
  // CORS preflights (OPTIONS) are the server's (admin::cors_preflight).
  void add_routes(http::Router& router);

 private:
  void handle(const http::Request& request, std::optional<event::EventType> single, http::Respond respond);
  http::Response refuse(int status, std::string_view code, std::string message,
                        boost::json::array problems = {});

  WriteKeyResolver& keys_;
  store::EventStore& store_;
  IngestLimits limits_;
  Clock clock_;
  std::map<std::string, metrics::Counter*, std::less<>> refused_;  // By error code.
  metrics::Counter* events_rejected_;
  metrics::Counter* events_accepted_;
};

}  // namespace cairn::ingest
