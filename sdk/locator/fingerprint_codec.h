// The one JSON codec for Fingerprint (format in docs/fingerprint.md). Same rules
// as descriptor_codec.h: every problem reported with its pointer, harmless
// excess truncated, unknown fields kept for the round trip.
//
// Threading: free functions without shared state.
#pragma once

#include "json/problems.h"
#include "locator/fingerprint.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace cairn::locator {

// Decodes a fingerprint at `pointer`; nullopt when any problem was added.
// A `version` newer than kFingerprintVersion is refused.
std::optional<Fingerprint> read_fingerprint(const boost::json::value& value,
                                            const std::string& pointer, json::Problems& problems);

boost::json::object write_fingerprint(const Fingerprint& fingerprint);

}  // namespace cairn::locator
