// libFuzzer target for the guide codec and the safe markdown subset: any bytes
// must give either a guide or problems, never a crash, hang or sanitizer
// report; an accepted guide must survive write_guide -> parse_guide unchanged
// and writing must be a fixed point. Every step body, and the raw input
// itself, also goes through the markdown parser.
#include "guide/guide_codec.h"
#include "guide/markdown.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void render(std::string_view markdown) {
  cairn::guide::MarkdownNode doc = cairn::guide::parse_markdown(markdown);
  boost::json::object json = cairn::guide::markdown_to_json(doc);
  if (json.empty()) std::abort();  // Always at least {"type": "document"}.
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace cg = cairn::guide;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  render(text);

  cg::GuideParseResult result = cg::parse_guide(text);
  if (!result.ok()) {
    if (result.problems.empty()) std::abort();  // Refused without a reason.
    return 0;
  }
  if (!result.problems.empty()) std::abort();
  for (const cg::Step& step : result.guide->steps) {
    for (const auto& [locale, content] : step.content) render(content.body);
  }

  boost::json::value written(cg::write_guide(*result.guide));
  cairn::json::Problems again;
  std::optional<cg::Guide> back = cg::parse_guide(written, "", again);
  if (!back) std::abort();                 // We wrote something we refuse to read.
  if (!(*back == *result.guide)) std::abort();  // The round trip changed the guide.
  if (boost::json::value(cg::write_guide(*back)) != written) std::abort();  // Not a fixed point.
  return 0;
}
