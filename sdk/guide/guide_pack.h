// The packed guide form: published guides as the browser SDK reads them.
//
// Why a second form: the JSON codec (guide_codec.h) checks every field and
// names every problem with its JSON Pointer. The editor and the collector need
// exactly that, but it is the largest part of the SDK's WASM. Guides reach the
// SDK from the collector, which accepted each of them with that codec when it
// was saved, so the SDK reads this form instead: fields in a fixed order, no
// names, no problem texts.
//
// Reading is still defensive, because the bytes cross the network: a truncated,
// corrupt or hostile buffer gives one error (what and at which byte), never a
// read outside the buffer, an unbounded allocation, an out-of-range enum, or a
// count or length beyond the limits in guide.h. A buffer of another
// kPackVersion is refused, not misread.
//
// What is left out: the `unknown` fields the JSON codec keeps for round trips
// (the SDK never reads them). Everything else survives: a guide unpacked from
// pack_guides(g) runs exactly like g.
//
// The byte layout is documented in docs/guide-format.md ("The packed form");
// the field order is sdk/guide/pack_fields.h, one list that both directions
// follow. Producers: the collector (GET /v1/guides with Accept:
// kPackMediaType), the editor's draft route and tools/guide_pack.
// Never throws. Threading: pure functions.
#pragma once

#include "guide/guide.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::guide {

// Bumped whenever the layout changes; the collector answers the version the
// SDK asks for (docs/api.md, GET /v1/guides).
inline constexpr std::uint8_t kPackVersion = 2;

// The media type of a packed guide list on the wire.
inline constexpr std::string_view kPackMediaType = "application/vnd.cairn.guides-pack";

// REQUIRES: every guide was accepted by parse_guide (the writer does not
// validate; it writes what it is given).
std::string pack_guides(std::span<const Guide> guides);

// The guides in `bytes`, or nullopt with `error` set to a one-line reason that
// names the byte offset.
std::optional<std::vector<Guide>> unpack_guides(std::string_view bytes, std::string& error);

}  // namespace cairn::guide
