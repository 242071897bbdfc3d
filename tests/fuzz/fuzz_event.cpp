// libFuzzer target for the event codec: any bytes must give either an event or
// problems, never a crash, hang or sanitizer report; and an accepted event must
// survive write_event -> read_event unchanged.
#include "event/event.h"

#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace ce = cairn::event;
  if (size == 0) return 0;
  // The first byte picks the endpoint: /v1/batch-style (type required) or one
  // of the single-event endpoints.
  std::optional<ce::EventType> implied;
  if (data[0] % 6 < 5) implied = static_cast<ce::EventType>(data[0] % 6);
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  cairn::json::Problems problems;
  std::optional<ce::Event> e = ce::parse_event(text, problems, {}, implied);
  if (!e) {
    if (problems.empty()) std::abort();  // Refused without a reason.
    return 0;
  }
  if (!problems.empty()) std::abort();
  boost::json::value written = ce::write_event(*e);
  // Writing may add a few bytes (an implied "type", ".000" in times), so the
  // re-read gets room to spare: this checks the codec's fidelity, not limits.
  ce::EventLimits roomy;
  roomy.max_event_bytes += 1024;
  cairn::json::Problems again;
  std::optional<ce::Event> back = ce::read_event(written, "", again, roomy);
  if (!back) std::abort();
  if (boost::json::value(ce::write_event(*back)) != written) std::abort();
  return 0;
}
