// Message ids: the unique id stamped on every recorded event so the collector
// can drop duplicates (a batch retried after a lost response, a beacon that also
// went out by fetch, a queue restored after a reload). The format is a random
// UUID version 4 (RFC 9562), lower case, 36 characters, e.g.
// "1b4e28ba-2fa1-4d2b-883f-0016d3cca427": what Segment-style clients send, so
// the collector needs no special case. The anonymous id uses the same format.
//
// Threading: plain functions; the RandomSource they draw from is single-threaded.
#pragma once

#include "recorder/random_source.h"

#include <string>
#include <string_view>

namespace cairn::recorder {

inline constexpr std::size_t kMessageIdLength = 36;

// 122 random bits from `random` formatted as a UUIDv4.
std::string make_uuid_v4(RandomSource& random);

// True for a lower- or upper-case 8-4-4-4-12 hex id (any version): ids restored
// from storage or given by the host are checked with this.
bool looks_like_uuid(std::string_view text);

}  // namespace cairn::recorder
