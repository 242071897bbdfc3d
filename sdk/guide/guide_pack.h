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
// count or length beyond the limits in guide.h. A buffer of a version this
// build does not know is refused, not misread.
//
// Versions: an SDK and its collector are upgraded apart (an npm-pinned SDK, a
// browser's cached cairn.js), so the SDK names the newest version it reads
// (`Accept: application/vnd.cairn.guides-pack; v=2`; no `v` is version 1, as
// SDKs before version 2 sent) and the collector packs that version; the SDK
// reads every version from kOldestPackVersion, for an older collector. What an
// older version cannot carry: version 1 has no `ui_text` (an SDK reading it
// draws its English words) and no `history: running` predicate (packable():
// such a guide is left out rather than run with another meaning).
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
inline constexpr std::uint8_t kOldestPackVersion = 1;

// The media type of a packed guide list on the wire.
inline constexpr std::string_view kPackMediaType = "application/vnd.cairn.guides-pack";

// Whether `version` can carry `guide` with its meaning (version 1: no
// `history: running` predicate). Its ui_text is left out of version 1 instead:
// the SDK's English words are a fallback, not another meaning.
bool packable(const Guide& guide, std::uint8_t version);

// REQUIRES: every guide was accepted by parse_guide (the writer does not
// validate; it writes what it is given), packable at `version`, and
// kOldestPackVersion <= version <= kPackVersion.
std::string pack_guides(std::span<const Guide> guides, std::uint8_t version = kPackVersion);

// The guides in `bytes` (any version kOldestPackVersion..kPackVersion), or nullopt with `error` set to a one-line reason that
// names the byte offset.
std::optional<std::vector<Guide>> unpack_guides(std::string_view bytes, std::string& error);

}  // namespace cairn::guide
