// Fuzzes the packed candidate decoder (docs/fingerprint.md, "Packed
// candidates"): any bytes are decoded at once and a few rows at a time. Must
// never crash, hang, leak or read outside the buffer; both ways must agree;
// and every page it accepts must hold descriptors the JSON codec accepts
// unchanged, so the packed form can carry nothing the JSON form would refuse.
#include "locator/descriptor_codec.h"
#include "locator/packed_candidates.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cairn::json::Problems problems;
  std::optional<cairn::locator::PackedPage> page = cairn::locator::read_packed_page(bytes, problems);
  if (page.has_value() == !problems.empty()) std::abort();

  cairn::locator::PackedPageDecoder decoder(bytes);
  while (!decoder.step(3)) {
  }
  if (decoder.failed() != !page.has_value()) std::abort();
  if (!page) return 0;
  if (decoder.candidates().size() != page->candidates.size()) std::abort();

  for (std::size_t i = 0; i < page->candidates.size(); ++i) {
    // Through JSON text, so the parser's UTF-8 check applies too.
    const std::string written = boost::json::serialize(cairn::locator::write_descriptor(page->candidates[i]));
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(written, ec);
    if (ec) std::abort();
    cairn::json::Problems again;
    std::optional<cairn::locator::ElementDescriptor> back = cairn::locator::read_descriptor(parsed, "", again);
    if (!back || back->has_rect != page->candidates[i].has_rect) std::abort();
    // Boost.JSON parses numbers to within an ulp, not exactly: rects are
    // compared with a tolerance, everything else exactly.
    cairn::locator::Rect& r = back->rect;
    const cairn::locator::Rect& want = page->candidates[i].rect;
    for (auto [a, b] : {std::pair{r.x, want.x}, {r.y, want.y}, {r.width, want.width}, {r.height, want.height}}) {
      if (std::fabs(a - b) > 1e-9 * std::max(1.0, std::fabs(b))) std::abort();
    }
    r = want;
    if (boost::json::serialize(cairn::locator::write_descriptor(*back)) != written) std::abort();
    if (boost::json::serialize(cairn::locator::write_descriptor(decoder.candidates()[i])) != written) std::abort();
  }
  return 0;
}
