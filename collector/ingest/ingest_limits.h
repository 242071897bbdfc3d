// The ingest endpoints' named limits (docs/api-ingest.md lists them). Per-event
// limits (event size, nesting depth, property count, string length, ids, names)
// and events per batch are the SDK core's (sdk/event/event_limits.h, batch.h),
// so an SDK can check them before sending; these are the request-level ones.
//
// Threading: constants and a plain struct.
#pragma once

#include "event/batch.h"

#include <cstddef>

namespace cairn::ingest {

// Request body as received (compressed or not): 413 beyond.
inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;
// Body after gzip/deflate decoding: 413 beyond. Bounds a gzip bomb's output
// (a 1 MiB bomb would otherwise inflate to ~1 GiB) and the JSON parse.
inline constexpr std::size_t kMaxDecompressedBytes = 4 * 1024 * 1024;
// Retry-After (seconds) on 503 when the store's queue is full or it failed.
inline constexpr int kRetryAfterSeconds = 1;

struct IngestLimits {
  std::size_t max_body_bytes = kMaxBodyBytes;
  std::size_t max_decompressed_bytes = kMaxDecompressedBytes;
  event::BatchLimits batch;
  int retry_after_seconds = kRetryAfterSeconds;
};

}  // namespace cairn::ingest
