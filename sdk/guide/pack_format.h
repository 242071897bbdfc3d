// Internal to the packed guide form (guide_pack.h): the constants both the
// writer and the reader use. The layout itself is the field list in
// pack_fields.h; docs/guide-format.md ("The packed form") describes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cairn::guide::pack {

// The first bytes of every packed buffer; kPackVersion follows.
inline constexpr std::string_view kMagic = "CGPK";

// The tag byte before each generic JSON value (fingerprints, audience values).
enum class ValueTag : std::uint8_t {
  null = 0,
  false_ = 1,
  true_ = 2,
  int64 = 3,   // zigzag varint
  uint64 = 4,  // varint (only values above INT64_MAX; Boost.JSON keeps the kind)
  double_ = 5, // 8 bytes, IEEE 754 binary64, little-endian
  string = 6,  // varint length, bytes
  array = 7,   // varint count, values
  object = 8,  // varint count, (string key, value) pairs
};

// A generic value nests at most this many arrays or objects (the JSON
// parser's default depth, json::ParseLimits), so reading it cannot exhaust the
// stack; its strings are at most one parsed document long.
inline constexpr std::size_t kMaxValueDepth = 32;
inline constexpr std::size_t kMaxValueStringBytes = 1 << 20;

// The codec's bounds that guide.h does not name (guide_codec.cpp).
inline constexpr std::size_t kMaxLocaleTagBytes = 35;
inline constexpr std::size_t kMaxColorBytes = 64;
inline constexpr std::size_t kMaxFontFamilyBytes = 256;
inline constexpr std::size_t kMaxLabels = 40;  // kMaxChecklistItems + kMaxSurveyOptions

}  // namespace cairn::guide::pack
