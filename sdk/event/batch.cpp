#include "event/batch.h"

#include "json/compact_writer.h"
#include "time/iso8601.h"

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

#include <utility>

namespace cairn::event {

namespace bj = boost::json;

namespace {

// Write keys are opaque tokens; anything longer is not one of ours.
constexpr std::size_t kMaxWriteKeyBytes = 256;

// The levels above an event's properties in a batch document:
// document object -> batch array -> event object -> properties object.
constexpr std::size_t kBatchEnvelopeDepth = 3;

}  // namespace

json::ParseLimits batch_parse_limits(std::size_t max_bytes, const EventLimits& limits) {
  return json::ParseLimits{.max_bytes = max_bytes,
                           .max_depth = limits.max_nesting_depth + kBatchEnvelopeDepth};
}

DecodedBatch read_batch(const bj::value& document, const BatchLimits& limits) {
  DecodedBatch out;
  json::ObjectReader r(document, "", out.document_problems);
  if (!r.valid()) return out;
  const bj::array* batch = r.array("batch", json::Need::required, limits.max_events);
  if (auto key = r.string("writeKey", json::Need::optional, kMaxWriteKeyBytes)) {
    out.write_key = std::move(*key);
  }
  std::optional<std::int64_t> sent_at;
  if (auto text = r.string("sentAt", json::Need::optional, 64)) {
    sent_at = time::parse_iso8601(*text);
    if (!sent_at) r.error("sentAt", "must be an ISO-8601 date-time, e.g. 2026-11-23T09:15:55.123Z");
  }
  const bj::object* context = r.object("context");
  if (!out.document_problems.empty() || !batch) return out;

  out.accepted.reserve(batch->size());
  for (std::size_t i = 0; i < batch->size(); ++i) {
    json::Problems problems;
    std::optional<Event> e =
        read_event((*batch)[i], json::pointer_append("/batch", i), problems, limits.event);
    if (!e) {
      out.rejected.push_back({i, std::move(problems)});
      continue;
    }
    if (!e->sent_at_ms) e->sent_at_ms = sent_at;
    if (context) {
      for (const bj::key_value_pair& kv : *context) {
        if (!e->context.contains(kv.key())) e->context.emplace(kv.key(), kv.value());
      }
    }
    out.accepted.push_back({i, std::move(*e)});
  }
  return out;
}

DecodedBatch read_single(const bj::value& document, EventType implied_type,
                         const EventLimits& limits) {
  DecodedBatch out;
  if (const bj::object* o = document.if_object()) {
    auto it = o->find("writeKey");
    if (it != o->end()) {
      const bj::string* key = it->value().if_string();
      if (!key || key->size() > kMaxWriteKeyBytes) {
        out.document_problems.add("/writeKey", "must be a string of at most " +
                                                   json::integer_text(kMaxWriteKeyBytes) + " bytes");
        return out;
      }
      out.write_key = std::string(key->data(), key->size());
    }
  }
  json::Problems problems;
  std::optional<Event> e = read_event(document, "", problems, limits, implied_type);
  if (e) {
    out.accepted.push_back({0, std::move(*e)});
  } else {
    out.rejected.push_back({0, std::move(problems)});
  }
  return out;
}

}  // namespace cairn::event
