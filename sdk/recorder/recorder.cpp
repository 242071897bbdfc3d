#include "recorder/recorder.h"

#include "event/batch.h"
#include "event/event_limits.h"
#include "event/guide_events.h"
#include "json/compact_writer.h"
#include "time/iso8601.h"
#include "json/problems.h"
#include "json/utf8.h"
#include "json/writer.h"
#include "recorder/delivery_response.h"
#include "recorder/message_id.h"
#include "recorder/sampling.h"

#include <boost/json/value.hpp>

#include <algorithm>
#include <utility>

namespace cairn::recorder {

namespace bj = boost::json;

namespace {

std::int64_t clamp_time(std::int64_t ms) {
  return std::clamp(ms, time::kMinMs, time::kMaxMs);
}

RecorderConfig sanitised(RecorderConfig config) {
  BatchingLimits& b = config.batching;
  b.max_events = std::clamp<std::size_t>(b.max_events, 1, event::kMaxEventsPerBatch);
  b.max_bytes = std::max<std::size_t>(b.max_bytes, 1024);
  b.beacon_max_bytes = std::max<std::size_t>(b.beacon_max_bytes, 1024);
  b.flush_interval_ms = std::max<std::int64_t>(b.flush_interval_ms, 0);
  b.send_timeout_ms = std::max<std::int64_t>(b.send_timeout_ms, 1);
  config.persist_delay_ms = std::max<std::int64_t>(config.persist_delay_ms, 0);
  config.backoff.max_http_attempts = std::max(config.backoff.max_http_attempts, 1);
  return config;
}

}  // namespace

std::string queue_key(const RecorderConfig& config) {
  return config.storage_key_prefix + (config.tab_id.empty() ? "queue" : "queue." + config.tab_id);
}

std::string_view record_outcome_name(RecordOutcome outcome) {
  switch (outcome) {
    case RecordOutcome::recorded: return "recorded";
    case RecordOutcome::no_consent: return "no_consent";
    case RecordOutcome::do_not_track: return "do_not_track";
    case RecordOutcome::not_sampled: return "not_sampled";
    case RecordOutcome::invalid: return "invalid";
  }
  return "invalid";
}

Recorder::Recorder(RecorderConfig config, Storage& storage, RandomSource& random)
    : config_(sanitised(std::move(config))),
      storage_(&storage),
      random_(&random),
      masker_(config_.masking),
      rage_(config_.rage_clicks),
      dead_(config_.dead_clicks),
      consent_(config_.consent_required ? Consent::unknown : Consent::granted),
      do_not_track_(config_.do_not_track),
      queue_(config_.queue) {
  rebuild_context();
}

// ---- Environment ----

std::optional<RecordOutcome> Recorder::blocked_reason() const {
  if (config_.honor_do_not_track && do_not_track_) return RecordOutcome::do_not_track;
  if (consent_ != Consent::granted) return RecordOutcome::no_consent;
  return std::nullopt;
}

bool Recorder::recording_allowed() const { return !blocked_reason(); }

void Recorder::set_consent(Consent consent, std::int64_t now_ms) {
  consent_ = consent;
  if (consent == Consent::denied) {
    purge();
  } else if (recording_allowed()) {
    load_if_needed(now_ms);
  }
}

void Recorder::set_do_not_track(bool do_not_track, std::int64_t now_ms) {
  do_not_track_ = do_not_track;
  if (config_.honor_do_not_track && do_not_track) {
    purge();
  } else if (recording_allowed()) {
    load_if_needed(now_ms);
  }
}

void Recorder::purge() {
  stats_.dropped_consent += queue_.size();
  queue_ = EventQueue(config_.queue);
  identity_.clear();
  storage_->remove(queue_key(config_));
  for (const std::string& key : config_.adopted_queue_keys) storage_->remove(key);
  storage_->remove(config_.storage_key_prefix + "identity");
  loaded_ = false;
  abandon_in_flight();
  retry_at_ms_ = 0;
  failures_in_a_row_ = 0;
  http_failures_in_a_row_ = 0;
  split_cap_ = 0;
  flush_requested_ = false;
  persist_due_ms_.reset();
  rage_ = RageClickDetector(config_.rage_clicks);
  dead_ = DeadClickDetector(config_.dead_clicks);
}

void Recorder::load_if_needed(std::int64_t now_ms) {
  if (loaded_) return;
  loaded_ = true;
  const std::string identity_key = config_.storage_key_prefix + "identity";
  if (std::optional<std::string> stored = storage_->read(identity_key)) {
    if (!identity_.restore(*stored)) ++stats_.storage_corrupt;
  }
  if (identity_.ensure_anonymous_id(*random_)) write_identity();

  const std::string own_key = queue_key(config_);
  if (std::optional<std::string> stored = storage_->read(own_key)) {
    EventQueue::RestoreReport report = queue_.restore(*stored, now_ms);
    if (report.fresh) {
      ++stats_.storage_corrupt;
      storage_->remove(own_key);
    }
    stats_.restored += report.restored;
  }
  bool adopted = false;
  for (const std::string& key : config_.adopted_queue_keys) {
    std::optional<std::string> stored = storage_->read(key);
    if (!stored || key == own_key) continue;
    EventQueue::RestoreReport report = queue_.adopt(*stored, now_ms);
    if (report.fresh) ++stats_.storage_corrupt;
    stats_.restored += report.restored;
    adopted = true;
  }
  // Theirs (a corrupt one too) are removed only once ours holds their events.
  if (adopted && write_queue()) {
    for (const std::string& key : config_.adopted_queue_keys) {
      if (key != own_key) storage_->remove(key);
    }
  }
  stats_.dropped_queue_full = queue_.dropped_total();
  // Events from an earlier page have waited long enough.
  if (!queue_.empty()) flush_requested_ = true;
}

void Recorder::set_page(PageInfo page) {
  page_ = std::move(page);
  rebuild_context();
}

void Recorder::set_device(DeviceInfo device) {
  device_ = std::move(device);
  rebuild_context();
}

void Recorder::rebuild_context() {
  context_ = build_event_context(config_.library, page_, device_, masker_);
}

// ---- Recording ----

RecordResult Recorder::record_event(event::Event& e, std::int64_t now_ms) {
  if (std::optional<RecordOutcome> blocked = blocked_reason()) {
    if (*blocked == RecordOutcome::do_not_track) {
      ++stats_.blocked_do_not_track;
    } else {
      ++stats_.blocked_no_consent;
    }
    return {*blocked, {}, {}};
  }
  load_if_needed(now_ms);
  if (identity_.ensure_anonymous_id(*random_)) write_identity();
  if (!in_sample(identity_.sampling_key(), config_.sample_salt, config_.sample_rate)) {
    ++stats_.not_sampled;
    return {RecordOutcome::not_sampled, {}, {}};
  }

  if (e.anonymous_id.empty()) e.anonymous_id = identity_.anonymous_id();
  if (e.user_id.empty()) e.user_id = identity_.user_id();
  if (e.message_id.empty()) e.message_id = make_uuid_v4(*random_);
  if (!e.timestamp_ms) e.timestamp_ms = clamp_time(now_ms);
  e.sent_at_ms.reset();  // sentAt belongs to the request, set per batch.

  MaskingCounts masked;
  masker_.mask_object(e.properties, masked);
  masker_.mask_traits(e.traits, masked);
  masker_.mask_object(e.context, masked);
  stats_.masked_values += masked.total();
  bj::object context = context_;
  for (auto& field : e.context) context[field.key()] = std::move(field.value());
  e.context = std::move(context);

  bj::value wire(event::write_event(e));
  json::Problems problems;
  if (!event::read_event(wire, "", problems)) {
    ++stats_.invalid;
    return {RecordOutcome::invalid, {}, problems.summary()};
  }

  QueuedEvent queued;
  queued.message_id = e.message_id;
  queued.name = event::analytics_name(e);
  queued.json = json::to_text(wire);
  queued.queued_at_ms = now_ms;
  queue_.push(std::move(queued));
  stats_.dropped_queue_full = queue_.dropped_total();
  ++stats_.recorded;
  mark_dirty(now_ms);
  return {RecordOutcome::recorded, e.message_id, {}};
}

// A host's track/page/identify/group call is the page answering whatever the
// user just did, even when it changes nothing visible (a button whose handler
// only tracks "Invoice Started"): it saves pending clicks as a DOM change does,
// refused or not (the handler ran). Guide and autocapture events do not: the
// SDK, not the page, records them.
RecordResult Recorder::track(std::string_view name, bj::object properties, std::int64_t now_ms) {
  dead_.observe_change(now_ms);
  event::Event e;
  e.type = event::EventType::track;
  e.event = std::string(name);
  e.properties = std::move(properties);
  return record_event(e, now_ms);
}

RecordResult Recorder::page(std::string_view name, bj::object properties, std::int64_t now_ms) {
  dead_.observe_change(now_ms);
  event::Event e;
  e.type = event::EventType::page;
  e.name = std::string(name);
  e.properties = page_properties(page_, masker_);
  for (auto& field : properties) e.properties[field.key()] = std::move(field.value());
  return record_event(e, now_ms);
}

RecordResult Recorder::identify(std::string_view user_id, bj::object traits, std::int64_t now_ms) {
  dead_.observe_change(now_ms);
  if (user_id.size() > event::kMaxIdBytes) {
    ++stats_.invalid;
    return {RecordOutcome::invalid, {},
            "/userId: is " + json::integer_text(user_id.size()) + " bytes; the limit is " +
                json::integer_text(event::kMaxIdBytes)};
  }
  // Checked before the id is kept: once kept, every later event would carry
  // it and be refused.
  if (event::id_holds_nul(user_id)) {
    ++stats_.invalid;
    return {RecordOutcome::invalid, {}, std::string("/userId: ") + event::kNulInIdReason};
  }
  if (recording_allowed() && !user_id.empty() && user_id != identity_.user_id()) {
    load_if_needed(now_ms);
    identity_.set_user_id(std::string(user_id));
    identity_.ensure_anonymous_id(*random_);
    write_identity();
  }
  event::Event e;
  e.type = event::EventType::identify;
  e.traits = std::move(traits);
  return record_event(e, now_ms);
}

RecordResult Recorder::group(std::string_view group_id, bj::object traits, std::int64_t now_ms) {
  dead_.observe_change(now_ms);
  event::Event e;
  e.type = event::EventType::group;
  e.group_id = std::string(group_id);
  e.traits = std::move(traits);
  return record_event(e, now_ms);
}

RecordResult Recorder::record(event::Event e, std::int64_t now_ms) {
  return record_event(e, now_ms);
}

RecordResult Recorder::record_json(const bj::value& event_json, std::int64_t now_ms) {
  const bj::object* object = event_json.if_object();
  if (object && !object->contains("userId") && !object->contains("anonymousId")) {
    // read_event() insists on an id; the recorder supplies its own later, so a
    // placeholder gets the event through validation and is then replaced.
    bj::value with_id(*object);
    with_id.get_object()["anonymousId"] = "-";
    json::Problems problems;
    std::optional<event::Event> e = event::read_event(with_id, "/event", problems);
    if (!e) {
      ++stats_.invalid;
      return {RecordOutcome::invalid, {}, problems.summary()};
    }
    e->anonymous_id.clear();
    return record_event(*e, now_ms);
  }
  json::Problems problems;
  std::optional<event::Event> e = event::read_event(event_json, "/event", problems);
  if (!e) {
    ++stats_.invalid;
    return {RecordOutcome::invalid, {}, problems.summary()};
  }
  return record_event(*e, now_ms);
}

void Recorder::reset(std::int64_t now_ms) {
  if (!recording_allowed()) {
    identity_.clear();
    return;
  }
  load_if_needed(now_ms);
  identity_.reset(*random_);
  write_identity();
}

void Recorder::adopt_identity(std::string_view stored) {
  Identity other;
  if (recording_allowed() && other.restore(stored) && !other.empty()) identity_ = std::move(other);
}

// ---- Clicks ----

namespace {

event::ClickRef click_ref(const ClickObservation& click, const std::string& url) {
  event::ClickRef ref;
  ref.target = click.target;
  ref.selector = click.selector.empty() ? click.element_key : click.selector;
  ref.url = json::clip_utf8(url, kMaxPageUrlBytes);
  ref.x = click.x;
  ref.y = click.y;
  return ref;
}

}  // namespace

void Recorder::click(const ClickObservation& click, bj::object element, std::int64_t now_ms) {
  if (!recording_allowed()) return;
  if (config_.autocapture_clicks) {
    event::Event e;
    e.type = event::EventType::track;
    e.event = std::string(kAutocaptureClick);
    e.properties = std::move(element);
    json::put_value(e.properties, "x", click.x);
    json::put_value(e.properties, "y", click.y);
    if (!click.element_key.empty()) json::put_text(e.properties, "element_key", click.element_key);
    e.timestamp_ms = clamp_time(click.time_ms);
    record_event(e, now_ms);
  }
  if (std::optional<RageClick> rage = rage_.observe(click)) {
    event::ClickRef ref = click_ref(rage->click, page_.url);
    ref.click_count = rage->click_count;
    event::Event e = event::make_rage_click(ref);
    json::put_text(e.properties, "element_key", rage->click.element_key);
    json::put_value(e.properties, "first_click_ms", rage->first_click_ms);
    e.timestamp_ms = clamp_time(rage->click.time_ms);
    if (record_event(e, now_ms).outcome == RecordOutcome::recorded) {
      ++stats_.rage_clicks;
    }
  }
  // A click may come before the poll that would notice the clock went back.
  dead_.follow_clock_back(now_ms);
  dead_.observe_click(click);
}

void Recorder::change_observed(std::int64_t time_ms) { dead_.observe_change(time_ms); }

void Recorder::record_dead_clicks(std::int64_t now_ms) {
  for (DeadClick& dead : dead_.advance(now_ms)) {
    event::Event e = event::make_dead_click(click_ref(dead.click, page_.url));
    json::put_text(e.properties, "element_key", dead.click.element_key);
    json::put_value(e.properties, "click_count", dead.click_count);
    if (record_event(e, dead.click.time_ms).outcome == RecordOutcome::recorded) {
      ++stats_.dead_clicks;
    }
  }
}

// ---- Time and delivery ----

std::string Recorder::batch_body(std::uint64_t batch_id, std::int64_t now_ms) const {
  std::string body = "{\"batch\":[";
  bool first = true;
  for (const QueuedEvent* e : queue_.batch(batch_id)) {
    if (!first) body.push_back(',');
    first = false;
    body += e->json;
  }
  body += "],\"sentAt\":\"";
  body += time::format_iso8601(clamp_time(now_ms));
  body.push_back('"');
  if (!config_.write_key.empty()) {
    body += ",\"writeKey\":";
    body += json::to_text(bj::value(config_.write_key));
  }
  body.push_back('}');
  return body;
}

namespace {

// Bytes of a batch body beyond its events' JSON: the wrapper, sentAt, writeKey.
std::size_t body_overhead(const std::string& write_key) {
  constexpr std::size_t kWrapper = sizeof("{\"batch\":[],\"sentAt\":\"2026-01-01T00:00:00.000Z\"}") - 1;
  return kWrapper + (write_key.empty() ? 0 : sizeof(",\"writeKey\":") - 1 + write_key.size() * 6 + 2);
}

std::size_t budget(std::size_t max_bytes, std::size_t overhead) {
  return max_bytes > overhead ? max_bytes - overhead : 1;
}

}  // namespace

SendBatch Recorder::take_batch(std::size_t max_events, std::size_t max_body_bytes, std::int64_t now_ms) {
  const std::uint64_t id = next_batch_id_++;
  const std::size_t count =
      queue_.assign_batch(id, max_events, budget(max_body_bytes, body_overhead(config_.write_key)));
  ++stats_.batches_sent;
  return SendBatch{id, batch_body(id, now_ms), count};
}

bool Recorder::waiting_batch_is_due() const {
  // A retry (after backoff), a 413 split, flush() or a restored queue go at
  // once, as does a full batch; otherwise the flush interval decides.
  return flush_requested_ || failures_in_a_row_ > 0 || split_cap_ > 0 ||
         queue_.waiting() >= config_.batching.max_events ||
         queue_.waiting_bytes() >= config_.batching.max_bytes;
}

std::optional<SendBatch> Recorder::poll(std::int64_t now_ms) {
  if (!recording_allowed()) return std::nullopt;
  load_if_needed(now_ms);
  // Beacons are answered synchronously (sendBeacon returns at once); events
  // still assigned to one now were never answered and wait again.
  queue_.release_all_except(in_flight_);
  follow_clock_back(now_ms);
  record_dead_clicks(now_ms);
  const BatchingLimits& limits = config_.batching;
  if (in_flight_ != 0 && now_ms - in_flight_since_ms_ >= limits.send_timeout_ms) {
    const std::uint64_t timed_out = in_flight_;
    batch_failed(timed_out, now_ms, DeliveryFailure::network_error());
    abandoned_ = timed_out;
  }

  std::optional<SendBatch> out;
  if (in_flight_ == 0 && now_ms >= retry_at_ms_ && queue_.waiting() > 0) {
    if (waiting_batch_is_due() || now_ms - queue_.oldest_waiting_ms() >= limits.flush_interval_ms) {
      const std::size_t cap = split_cap_ > 0 ? std::min(split_cap_, limits.max_events) : limits.max_events;
      out = take_batch(cap, limits.max_bytes, now_ms);
      in_flight_ = out->id;
      in_flight_since_ms_ = now_ms;
      flush_requested_ = flush_requested_ && queue_.waiting() > 0;
    }
  }
  if (persist_due_ms_ && now_ms >= *persist_due_ms_) write_queue();
  return out;
}

std::optional<std::int64_t> Recorder::next_wake_ms() const {
  if (!recording_allowed()) return std::nullopt;
  std::optional<std::int64_t> wake = dead_.next_deadline_ms();
  auto consider = [&](std::int64_t t) { wake = wake ? std::min(*wake, t) : t; };
  if (persist_due_ms_) consider(*persist_due_ms_);
  const BatchingLimits& limits = config_.batching;
  if (in_flight_ != 0) {
    consider(in_flight_since_ms_ + limits.send_timeout_ms);
  } else if (queue_.waiting() > 0) {
    const std::int64_t by_interval = queue_.oldest_waiting_ms() + limits.flush_interval_ms;
    consider(std::max(retry_at_ms_, waiting_batch_is_due() ? retry_at_ms_ : by_interval));
  }
  return wake;
}

void Recorder::flush() { flush_requested_ = true; }

// The wall clock went back (set by hand, corrected after a wrong reading):
// each time kept from before lies beyond where it can be, and would hold for
// as long as the clock stepped back. A clock set back a day meant a day
// without a send (the flush interval counted from events stamped "later", a
// backoff or send timeout from a later start), without a Storage write, and
// with clicks waiting a day for their dead-click verdict.
void Recorder::follow_clock_back(std::int64_t now_ms) {
  const BackoffLimits& b = config_.backoff;
  in_flight_since_ms_ = std::min(in_flight_since_ms_, now_ms);
  retry_at_ms_ = std::min(retry_at_ms_, now_ms + std::max(b.max_delay_ms, b.max_retry_after_ms + b.max_retry_after_ms / 10));
  if (persist_due_ms_) persist_due_ms_ = std::min(*persist_due_ms_, now_ms + config_.persist_delay_ms);
  if (queue_.waiting() > 0 && queue_.oldest_waiting_ms() > now_ms) flush_requested_ = true;
  dead_.follow_clock_back(now_ms);
}

std::optional<std::uint64_t> Recorder::in_flight_batch() const {
  if (in_flight_ == 0) return std::nullopt;
  return in_flight_;
}

void Recorder::abandon_in_flight() {
  if (in_flight_ != 0) abandoned_ = in_flight_;
  in_flight_ = 0;
}

std::uint64_t Recorder::take_abandoned() { return std::exchange(abandoned_, 0); }

void Recorder::after_success() {
  failures_in_a_row_ = 0;
  http_failures_in_a_row_ = 0;
  retry_at_ms_ = 0;
  split_cap_ = 0;
}

void Recorder::report(const QueuedEvent& e, std::string reason) {
  if (rejections_.size() >= kMaxReportedRejections) return;
  rejections_.push_back(Rejection{e.message_id, e.name, std::move(reason)});
}

std::vector<Rejection> Recorder::take_rejections() {
  std::vector<Rejection> out;
  out.swap(rejections_);
  return out;
}

namespace {

// The collector's reason for the event at `index` with `message_id`, if it named it.
const ServerRejection* find_rejection(const std::vector<ServerRejection>& rejections,
                                      std::size_t index, const std::string& message_id) {
  for (const ServerRejection& r : rejections) {
    if (!r.message_id.empty() ? r.message_id == message_id : r.index == index) return &r;
  }
  return nullptr;
}

}  // namespace

void Recorder::batch_delivered(std::uint64_t batch_id, std::int64_t now_ms, std::string_view response_body) {
  (void)now_ms;
  const bool was_in_flight = batch_id == in_flight_ && batch_id != 0;
  if (was_in_flight) in_flight_ = 0;
  if (batch_id == 0 || !settle_batch(batch_id, nullptr, response_body)) return;
  after_success();
}

bool Recorder::settle_batch(std::uint64_t batch_id, const std::string* drop_reason,
                            std::string_view response_body) {
  std::vector<const QueuedEvent*> events = queue_.batch(batch_id);
  if (events.empty()) return false;
  const std::vector<ServerRejection> rejections = read_server_rejections(response_body);
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (const ServerRejection* r = find_rejection(rejections, i, events[i]->message_id)) {
      ++stats_.rejected_by_collector;
      report(*events[i], r->reason);
    } else if (drop_reason) {
      ++stats_.dropped_undeliverable;
      report(*events[i], *drop_reason);
    } else {
      ++stats_.delivered;
    }
  }
  queue_.remove_batch(batch_id);
  write_queue();
  return true;
}

void Recorder::batch_failed(std::uint64_t batch_id, std::int64_t now_ms, const DeliveryFailure& failure,
                            std::string_view response_body) {
  // Events of a batch other than the one in flight are a beacon's (until the
  // next poll): refused by the browser, never sent.
  const bool beacon = batch_id != in_flight_;
  if (!beacon) in_flight_ = 0;
  std::vector<const QueuedEvent*> events = queue_.batch(batch_id);
  if (batch_id == 0 || events.empty()) return;
  ++stats_.batches_failed;
  if (beacon) {
    queue_.release_batch(batch_id);
    return;
  }
  const bool http = failure.kind == DeliveryFailure::Kind::http;
  const std::string status = http ? "http " + json::integer_text(failure.status) : "network error";
  switch (classify_failure(failure, events.size())) {
    case FailureAction::retry_later:
      ++failures_in_a_row_;
      if (http) ++http_failures_in_a_row_;
      if (http && http_failures_in_a_row_ >= config_.backoff.max_http_attempts) {
        const std::string reason =
            "gave up after " + json::integer_text(http_failures_in_a_row_) + " attempts (last: " + status + ")";
        settle_batch(batch_id, &reason, response_body);
        http_failures_in_a_row_ = 0;
        failures_in_a_row_ = 0;
        retry_at_ms_ = 0;
        return;
      }
      queue_.release_batch(batch_id);
      retry_at_ms_ = now_ms + retry_delay_ms(config_.backoff, failure, failures_in_a_row_, *random_);
      network_backoff_ = !http;
      return;
    case FailureAction::split_batch:
      split_cap_ = std::max<std::size_t>(1, events.size() / 2);
      queue_.release_batch(batch_id);
      retry_at_ms_ = now_ms;
      return;
    case FailureAction::drop: {
      const std::string summary = read_error_summary(response_body);
      std::string reason = status;
      if (!summary.empty()) {
        reason += ' ';
        reason += summary;
      }
      settle_batch(batch_id, &reason, response_body);
      return;
    }
  }
}

void Recorder::network_restored(std::int64_t now_ms) {
  if (network_backoff_) retry_at_ms_ = std::min(retry_at_ms_, now_ms);
}

std::vector<SendBatch> Recorder::beacon_batches(std::int64_t now_ms) {
  std::vector<SendBatch> out;
  if (!recording_allowed()) return out;
  load_if_needed(now_ms);
  if (failures_in_a_row_ == 0 && now_ms >= retry_at_ms_) {
    queue_.release_all();
    abandon_in_flight();
    while (queue_.waiting() > 0) {
      out.push_back(take_batch(event::kMaxEventsPerBatch, config_.batching.beacon_max_bytes, now_ms));
    }
  }
  write_queue();
  return out;
}

void Recorder::persist(std::int64_t now_ms) {
  (void)now_ms;
  if (persist_due_ms_) write_queue();
}

void Recorder::mark_dirty(std::int64_t now_ms) {
  if (!persist_due_ms_) persist_due_ms_ = now_ms + config_.persist_delay_ms;
}

bool Recorder::write_queue() {
  persist_due_ms_.reset();
  if (!recording_allowed()) return false;
  const std::string key = queue_key(config_);
  if (queue_.empty() && queue_.dropped_total() == 0) {
    storage_->remove(key);
  } else if (!storage_->write(key, queue_.serialize())) {
    ++stats_.storage_write_failures;
    return false;
  }
  return true;
}

void Recorder::write_identity() {
  if (!recording_allowed() || identity_.empty()) return;
  if (!storage_->write(config_.storage_key_prefix + "identity", identity_.serialize())) {
    ++stats_.storage_write_failures;
  }
}

}  // namespace cairn::recorder
