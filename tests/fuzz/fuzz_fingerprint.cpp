// Fuzzes the locator's whole input path: a locate request (fingerprint +
// candidates) is parsed, decoded and matched; a capture request builds a
// fingerprint; and every fingerprint is re-encoded and decoded again. Must never crash, hang or leak; every accepted
// document must round-trip.
#include "json/reader.h"
#include "locator/fingerprint_builder.h"
#include "locator/fingerprint_codec.h"
#include "locator/locate_request.h"
#include "locator/matcher.h"

#include <boost/json/serialize.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cairn::json::Problems problems;
  auto document = cairn::json::parse_document(text, problems);
  if (!document) return 0;
  if (auto request = cairn::locator::read_locate_request(*document, problems)) {
    cairn::locator::Matcher matcher(request->target);
    cairn::locator::MatchResult result = matcher.match(request->candidates, request->locale);
    if (result.match && *result.match >= request->candidates.size()) std::abort();
    boost::json::value written = cairn::locator::write_fingerprint(request->target);
    cairn::json::Problems again;
    if (!cairn::locator::read_fingerprint(written, "", again)) std::abort();
  }
  cairn::json::Problems capture_problems;
  if (auto page = cairn::locator::read_capture_request(*document, capture_problems)) {
    cairn::locator::PageContext context{page->candidates, page->self_index, page->locale};
    cairn::locator::Fingerprint f =
        cairn::locator::fingerprint_from_descriptor(page->candidates[page->self_index], context);
    cairn::json::Problems again;
    if (!cairn::locator::read_fingerprint(cairn::locator::write_fingerprint(f), "", again)) std::abort();
  }
  cairn::json::Problems fingerprint_problems;
  if (auto f = cairn::locator::read_fingerprint(*document, "", fingerprint_problems)) {
    cairn::json::Problems again;
    if (!cairn::locator::read_fingerprint(cairn::locator::write_fingerprint(*f), "", again)) std::abort();
  }
  return 0;
}
