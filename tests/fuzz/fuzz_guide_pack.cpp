// libFuzzer target for the packed guide reader (guide/guide_pack.h), which
// reads bytes from the network in the browser SDK: any bytes must give guides
// or one error naming a byte offset, never a crash, a read outside the buffer
// or an unbounded allocation. Accepted guides must pack and unpack to the same
// guides, and packing them must be a fixed point. Seeds: corpus/guide_pack/
// (real packs of docs/examples/guides, written by cairn-guide-pack).
#include "guide/guide_pack.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace cg = cairn::guide;
  std::string error;
  auto guides = cg::unpack_guides(std::string_view(reinterpret_cast<const char*>(data), size), error);
  if (!guides) {
    if (error.find(" at byte ") == std::string::npos) std::abort();  // Refused without a place.
    return 0;
  }
  if (!error.empty()) std::abort();
  std::string packed = cg::pack_guides(*guides);
  auto again = cg::unpack_guides(packed, error);
  if (!again) std::abort();                     // We wrote something we refuse to read.
  if (!(*again == *guides)) std::abort();       // The round trip changed the guides.
  if (cg::pack_guides(*again) != packed) std::abort();  // Not a fixed point.
  return 0;
}
