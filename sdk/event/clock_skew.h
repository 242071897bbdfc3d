// Client clock skew correction. A browser's clock can be minutes or years off;
// the collector's is not. The client stamps each event (`timestamp`) and the
// request (`sentAt`) with the same wrong clock, so the skew cancels out:
//
//   corrected = timestamp + (receivedAt - sentAt)
//
// which is the time the event happened on the collector's clock, up to network
// latency. Pure function; the collector passes its receive time in.
#pragma once

#include <cstdint>
#include <optional>

namespace cairn::event {

// REQUIRES: received_at_ms is the collector's receive time.
// - timestamp and sent_at both known: timestamp + (received_at - sent_at);
// - timestamp known, no sent_at: timestamp (nothing to correct against);
// - no timestamp: received_at.
// The result saturates instead of overflowing on absurd inputs, and a
// corrected time is kept within time::kMinMs..kMaxMs (1970 to 9999), the
// range every event time is read and written in.
std::int64_t corrected_timestamp(std::optional<std::int64_t> timestamp_ms,
                                 std::optional<std::int64_t> sent_at_ms,
                                 std::int64_t received_at_ms);

}  // namespace cairn::event
