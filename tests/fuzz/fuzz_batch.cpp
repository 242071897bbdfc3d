// libFuzzer target for the batch decoder (the body of POST /v1/batch): any
// bytes give document problems or a split into accepted/rejected events that
// covers every item exactly once, never a crash or hang.
#include "event/batch.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace ce = cairn::event;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  cairn::json::Problems syntax;
  std::optional<boost::json::value> doc =
      cairn::json::parse_document(text, syntax, ce::batch_parse_limits(4 * 1024 * 1024));
  if (!doc) {
    if (syntax.empty()) std::abort();
    return 0;
  }
  ce::DecodedBatch b = ce::read_batch(*doc);
  if (!b.document_problems.empty()) {
    if (!b.accepted.empty() || !b.rejected.empty()) std::abort();
    return 0;
  }
  const boost::json::array& items = doc->as_object().at("batch").as_array();
  std::vector<int> seen(items.size(), 0);
  // The batch's context is merged into each event, which may take it past the
  // per-event limits; the re-read checks fidelity, so it gets room.
  ce::EventLimits roomy;
  roomy.max_event_bytes = 1 << 30;
  roomy.max_property_count = 1 << 30;
  for (const ce::AcceptedEvent& a : b.accepted) {
    if (a.index >= items.size()) std::abort();
    ++seen[a.index];
    cairn::json::Problems again;
    if (!ce::read_event(ce::write_event(a.event), "", again, roomy)) std::abort();
  }
  for (const ce::RejectedEvent& r : b.rejected) {
    if (r.index >= items.size() || r.problems.empty()) std::abort();
    ++seen[r.index];
  }
  for (int n : seen) {
    if (n != 1) std::abort();
  }
  return 0;
}
