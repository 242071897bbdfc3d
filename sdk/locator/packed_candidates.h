// The page's candidates in the packed form the browser adapter sends for a
// lookup or a capture: the same descriptors as the JSON candidate list, without
// building and parsing megabytes of JSON for a 10,000-element page. Each string
// is sent once (a table), each element is a fixed row of integers, and an
// element's ancestor chain is its parent link: an ancestor level is exactly the
// parent element's tag, id, classes, role and index, so the chain is rebuilt
// here instead of repeated per element.
//
// The layout, the caps and what is refused are in docs/fingerprint.md
// ("Packed candidates"); wasm/src/platform/candidate_pack.ts writes it. The
// caps are those of descriptor_codec.cpp (the same DescriptorLimits, the same
// truncate/reject split), so a lookup answers the same whichever form carried
// the candidates. A malformed buffer is refused with every problem found; no
// read ever leaves the buffer, and decoding is linear in its size.
//
// Threading: free functions without shared state; a decoder belongs to one caller.
#pragma once

#include "json/problems.h"
#include "locator/element_descriptor.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace cairn::locator {

// Ancestors above the walked root (a frame's outer documents): a few levels.
inline constexpr std::size_t kMaxContextRows = 64;

struct PackedPage {
  std::string_view header;  // JSON text (or empty), points into the input buffer
  std::vector<ElementDescriptor> candidates;
};

// Decodes `bytes`; nullopt with every problem (pointer + reason) otherwise.
std::optional<PackedPage> read_packed_page(std::string_view bytes, json::Problems& problems);

// The same decoding a few rows at a time, so a large page can be loaded over
// several calls, each a short task in the browser. Every row is checked even
// after a problem (every problem is reported); candidates are kept only while
// there is none. REQUIRES: `bytes` outlives the decoder.
class PackedPageDecoder {
 public:
  explicit PackedPageDecoder(std::string_view bytes);  // checks the layout
  ~PackedPageDecoder();
  PackedPageDecoder(const PackedPageDecoder&) = delete;
  PackedPageDecoder& operator=(const PackedPageDecoder&) = delete;

  // Decodes up to `max_rows` more rows; true when every row is decoded.
  bool step(std::size_t max_rows);
  bool failed() const;
  const json::Problems& problems() const;
  std::string_view header() const;
  // The decoded candidates; complete once step() returned true and !failed().
  std::vector<ElementDescriptor>& candidates();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace cairn::locator
