// DeliveryResponse: what the collector said about individual events of a batch.
// POST /v1/batch stores the good events of a batch and reports the bad ones
// (issue 5). The recorder drops the reported events (they would be rejected
// again) and reports them to the host; the rest of the batch counts as
// delivered. Read tolerantly, since a 2xx without a readable body must still
// count as delivered:
//
//   {"rejected": [{"index": 3, "messageId": "...", "reason": "..."},
//                 {"index": 5, "problems": [{"pointer": "/batch/5/event", "reason": "required"}]}]}
//
// An entry names its event by messageId or by index in the batch (either is
// enough); "reason" or a "problems" list (summarised "pointer: reason; ...")
// says why. "errors" is accepted as a synonym of "rejected". Entries that name
// no event are ignored.
//
// Error answers have the collector's common shape (docs/api-ingest.md):
//
//   {"error": {"code": "invalid_events", "message": "...",
//              "problems": [{"pointer": "/batch/2/event", "reason": "required"}, ...]}}
//
// Problems whose pointer starts with /batch/<N> are gathered into a rejection
// of event N, so a 400 for a batch of only bad events still says why each was
// refused; read_error_summary() gives "code: message" for the rest.
//
// Threading: pure function.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::recorder {

struct ServerRejection {
  std::optional<std::size_t> index;  // Position in the batch, if given.
  std::string message_id;            // Empty if not given.
  std::string reason;                // "rejected by the collector" when not given.
};

// Parses a response body; an empty, non-JSON or unrecognised body gives no
// rejections. At most kMaxServerRejections entries are read.
inline constexpr std::size_t kMaxServerRejections = 1'000;
std::vector<ServerRejection> read_server_rejections(std::string_view body);

// "invalid_write_key: the write key is unknown or revoked" from an error
// answer; empty when the body has no readable {"error": {...}}.
std::string read_error_summary(std::string_view body);

}  // namespace cairn::recorder
