#include "ingest/ingestor.h"

#include "admin/sdk_access.h"
#include "event/batch.h"
#include "event/clock_skew.h"
#include "ingest/body_decoder.h"
#include "json/reader.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>
#include <memory>
#include <random>

namespace cairn::ingest {

namespace bj = boost::json;

namespace {

// Every refusal code, so each gets its counter up front (bounded label set).
constexpr std::string_view kRefusalCodes[] = {
    "body_too_large", "decompressed_too_large", "unsupported_encoding", "invalid_gzip",
    "invalid_json",   "invalid_batch",          "missing_write_key",    "invalid_write_key",
    "invalid_events", "queue_full",             "store_unavailable",
};

// A message id for events that came without one: 128 random bits, so two such
// events never collide (and are therefore never deduplicated).
std::string server_message_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "srv-";
  for (int word = 0; word < 2; ++word) {
    std::uint64_t bits = rng();
    for (int i = 0; i < 16; ++i, bits >>= 4) out += kHex[bits & 0xF];
  }
  return out;
}

// What a stored row keeps besides its columns: context, traits, the times as
// the client sent them, and unknown fields.
std::string extra_json(const event::Event& e) {
  bj::object extra;
  if (!e.context.empty()) extra["context"] = e.context;
  if (!e.traits.empty()) extra["traits"] = e.traits;
  if (e.timestamp_ms) extra["timestamp"] = *e.timestamp_ms;
  if (e.sent_at_ms) extra["sentAt"] = *e.sent_at_ms;
  if (!e.group_id.empty()) extra["groupId"] = e.group_id;
  if (!e.name.empty()) extra["name"] = e.name;
  json::merge_unknown_fields(extra, e.unknown);
  return extra.empty() ? std::string() : bj::serialize(extra);
}

store::StoredEvent to_stored(event::Event& e, std::int64_t received_ms) {
  store::StoredEvent s;
  const bool has_user = !e.user_id.empty();
  s.user = has_user ? e.user_id : e.anonymous_id;
  if (has_user) s.anonymous_id = e.anonymous_id;
  s.time_ms = event::corrected_timestamp(e.timestamp_ms, e.sent_at_ms, received_ms);
  s.received_ms = received_ms;
  s.type = static_cast<int>(e.type);
  s.name = event::analytics_name(e);
  s.message_id = e.message_id.empty() ? server_message_id() : std::move(e.message_id);
  if (!e.properties.empty()) s.properties = bj::serialize(e.properties);
  s.extra = extra_json(e);
  return s;
}

bj::array rejected_json(const std::vector<event::RejectedEvent>& rejected) {
  bj::array out;
  for (const event::RejectedEvent& r : rejected) {
    out.push_back(bj::object{{"index", r.index}, {"problems", r.problems.to_json()}});
  }
  return out;
}

// Every rejected event's problems in one list (for the 400 answer).
bj::array all_problems(const std::vector<event::RejectedEvent>& rejected) {
  bj::array out;
  for (const event::RejectedEvent& r : rejected) {
    for (bj::value& p : r.problems.to_json()) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

Ingestor::Ingestor(WriteKeyResolver& keys, store::EventStore& store, metrics::Registry& registry,
                   IngestLimits limits, Clock clock)
    : keys_(keys), store_(store), limits_(limits), clock_(std::move(clock)) {
  for (std::string_view code : kRefusalCodes) {
    refused_.emplace(std::string(code),
                     &registry.counter("cairn_ingest_refused_total",
                                       "Ingest requests refused, by error code", {{"code", std::string(code)}}));
  }
  events_rejected_ = &registry.counter("cairn_events_rejected_total",
                                       "Events rejected by validation", {{"reason", "invalid_event"}});
  events_accepted_ = &registry.counter("cairn_events_accepted_total",
                                       "Events that passed validation and were submitted to the store");
}

http::Response Ingestor::refuse(int status, std::string_view code, std::string message,
                                bj::array problems) {
  if (auto it = refused_.find(code); it != refused_.end()) it->second->increment();
  http::Response r = http::error_response(status, code, message, std::move(problems));
  if (status == 503) r.set_header("Retry-After", std::to_string(limits_.retry_after_seconds));
  return r;
}

void Ingestor::handle_batch(const http::Request& request, http::Respond respond) {
  handle(request, std::nullopt, std::move(respond));
}

void Ingestor::handle_single(const http::Request& request, event::EventType type, http::Respond respond) {
  handle(request, type, std::move(respond));
}

void Ingestor::handle(const http::Request& request, std::optional<event::EventType> single,
                      http::Respond respond) {
  const std::int64_t received_ms = clock_();
  std::optional<admin::ResolvedKey> app;
  // Every refusal is readable by the browser that sent it (admin/sdk_access.h):
  // by the app's origins once its key is known, before that by the
  // preflight's rule, so a wrong write key shows as invalid_write_key, not as
  // a CORS error.
  auto refuse_readably = [&](http::Response r) {
    if (app) {
      admin::apply_cors(request, app->origins, r);
    } else {
      admin::apply_cors_before_app(
          request, [this](const std::string& origin) { return keys_.any_app_allows_origin(origin); }, r);
    }
    respond(std::move(r));
  };
  if (request.body.size() > limits_.max_body_bytes) {
    return refuse_readably(refuse(413, "body_too_large",
                                  "the request body is " + std::to_string(request.body.size()) +
                                      " bytes; the limit is " + std::to_string(limits_.max_body_bytes)));
  }

  // A key in the headers is checked before any decoding work.
  std::optional<std::string> header_key = admin::write_key_from(request);
  if (header_key) {
    app = keys_.resolve(*header_key);
    if (!app) return refuse_readably(refuse(401, "invalid_write_key", "the write key is unknown or revoked"));
  }

  DecodedBody body = decode_body(request.body, request.header("Content-Encoding").value_or(""),
                                 limits_.max_decompressed_bytes);
  switch (body.status) {
    case DecodeStatus::ok: break;
    case DecodeStatus::unsupported_encoding:
      return refuse_readably(refuse(415, "unsupported_encoding", body.detail));
    case DecodeStatus::corrupt: return refuse_readably(refuse(400, "invalid_gzip", body.detail));
    case DecodeStatus::too_large: return refuse_readably(refuse(413, "decompressed_too_large", body.detail));
  }

  json::Problems syntax;
  std::optional<bj::value> document = json::parse_document(
      body.bytes, syntax, event::batch_parse_limits(limits_.max_decompressed_bytes, limits_.batch.event));
  if (!document) {
    return refuse_readably(refuse(400, "invalid_json", "the body is not valid JSON: " + syntax.summary(),
                                  syntax.to_json()));
  }
  event::DecodedBatch batch = single ? event::read_single(*document, *single, limits_.batch.event)
                                     : event::read_batch(*document, limits_.batch);
  if (!batch.document_problems.empty()) {
    return refuse_readably(refuse(400, "invalid_batch", batch.document_problems.summary(),
                                  batch.document_problems.to_json()));
  }
  if (!app) {
    if (batch.write_key.empty()) {
      return refuse_readably(refuse(401, "missing_write_key",
                                    "send the write key as Authorization: Basic base64(key:), "
                                    "X-Cairn-Write-Key, or \"writeKey\" in the body"));
    }
    app = keys_.resolve(batch.write_key);
    if (!app) return refuse_readably(refuse(401, "invalid_write_key", "the write key is unknown or revoked"));
  }

  events_rejected_->increment(batch.rejected.size());
  if (batch.accepted.empty() && !batch.rejected.empty()) {
    return refuse_readably(refuse(400, "invalid_events", "no event was stored: every event has problems",
                                  all_problems(batch.rejected)));
  }

  std::vector<store::StoredEvent> events;
  events.reserve(batch.accepted.size());
  for (event::AcceptedEvent& a : batch.accepted) events.push_back(to_stored(a.event, received_ms));
  const std::size_t accepted = events.size();

  // What the completion needs, shared so the std::function stays copyable.
  struct Answer {
    http::Respond respond;
    bj::array rejected;
    std::vector<std::string> origins;
    std::optional<std::string> origin;  // The request's Origin, for CORS.
    http::Request cors_request;
  };
  auto answer = std::make_shared<Answer>();
  answer->rejected = rejected_json(batch.rejected);
  answer->origins = app->origins;
  if (auto origin = request.header("Origin")) answer->cors_request.headers.emplace("Origin", std::string(*origin));
  answer->respond = std::move(respond);
  const int retry_after = limits_.retry_after_seconds;
  metrics::Counter* store_failed = refused_.at("store_unavailable");

  if (events.empty()) {  // An empty batch: nothing to wait for.
    http::Response r = http::json_response(bj::object{{"success", true}, {"accepted", 0}, {"stored", 0},
                                                      {"duplicates", 0}, {"rejected", bj::array()}});
    admin::apply_cors(request, app->origins, r);
    return answer->respond(std::move(r));
  }

  store::Submit submitted = store_.submit(
      app->app_id, std::move(events), [answer, accepted, retry_after, store_failed](const store::WriteOutcome& o) {
        http::Response r;
        if (o.ok) {
          r = http::json_response(bj::object{{"success", true},
                                             {"accepted", accepted},
                                             {"stored", o.stored},
                                             {"duplicates", o.duplicates},
                                             {"rejected", std::move(answer->rejected)}});
        } else {
          store_failed->increment();
          r = http::error_response(503, "store_unavailable",
                                   "the events could not be stored; retry later");
          r.set_header("Retry-After", std::to_string(retry_after));
        }
        admin::apply_cors(answer->cors_request, answer->origins, r);
        answer->respond(std::move(r));
      });
  switch (submitted) {
    case store::Submit::queued:
      events_accepted_->increment(accepted);
      return;
    case store::Submit::full: {
      http::Response r = refuse(503, "queue_full", "the collector is busy; retry after the Retry-After delay");
      admin::apply_cors(request, app->origins, r);
      return answer->respond(std::move(r));
    }
    case store::Submit::closed: {
      http::Response r = refuse(503, "store_unavailable", "the collector is shutting down; retry later");
      admin::apply_cors(request, app->origins, r);
      return answer->respond(std::move(r));
    }
  }
}

void Ingestor::add_routes(http::Router& router) {
  router.add("POST", "/v1/batch", [this](const http::Request& r, http::Respond respond) {
    handle_batch(r, std::move(respond));
  });
  using event::EventType;
  for (EventType type : {EventType::track, EventType::page, EventType::screen, EventType::identify,
                         EventType::group}) {
    router.add("POST", "/v1/" + std::string(event::type_name(type)),
               [this, type](const http::Request& r, http::Respond respond) {
                 handle_single(r, type, std::move(respond));
               });
  }
}

}  // namespace cairn::ingest
