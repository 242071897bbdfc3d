// Recorder: turns what happens in the host app into events and gets them to the
// collector, without losing, duplicating (beyond what messageId dedup absorbs)
// or leaking them. It is pure logic: the adapter brings time, storage,
// randomness and the network, and executes what the recorder asks for.
//
//   inputs                         the recorder                 outputs
//   track/page/identify/group ─┐   consent / DNT gate            SendBatch {id, JSON body}
//   record(guide event)        ├─► sampling, ids, context, ──►   (from poll / beacon_batches)
//   click / change_observed ───┘   masking, validation           stats(), take_rejections()
//   batch_delivered / _failed ───► queue (bounded, persisted),   Storage writes
//   poll(now) ───────────────────► batching, backoff, timers     next_wake_ms()
//
// How the adapter drives it:
//   - After every input, call poll(now). If it returns a batch, POST its body to
//     /v1/batch and later report batch_delivered(id, ...) or batch_failed(id, ...).
//     At most one batch is in flight; poll() returns nothing while one is.
//   - Call poll() again at next_wake_ms() (a timer), which covers the flush
//     interval, retry backoff, dead-click windows, delayed persistence and the
//     send timeout.
//   - On page hide (visibilitychange → hidden, pagehide), call
//     beacon_batches(now), sendBeacon each body, report batch_delivered(id) when
//     sendBeacon returned true and batch_failed(id, network) when false, all of
//     them before the next poll() (which makes unanswered beacon events wait
//     again).
//   - After each call, abort the request take_abandoned() names, if any.
//
// Every event gets a UUIDv4 messageId when recorded and keeps it through
// retries, splits, beacons and reloads, so the collector can drop duplicates.
//
// Threading: one Recorder per page, used from one thread (the JS main thread).
// The Storage and RandomSource must outlive it.
#pragma once

#include "event/event.h"
#include "recorder/click_observation.h"
#include "recorder/dead_click_detector.h"
#include "recorder/event_context.h"
#include "recorder/event_queue.h"
#include "recorder/identity.h"
#include "recorder/pii_masker.h"
#include "recorder/rage_click_detector.h"
#include "recorder/random_source.h"
#include "recorder/retry_policy.h"
#include "recorder/storage.h"

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::recorder {

// Events per batch; the collector accepts up to 1000.
inline constexpr std::size_t kMaxBatchEvents = 100;
// Bytes per batch body.
inline constexpr std::size_t kMaxBatchBytes = 32 * 1024;
// sendBeacon refuses more than 64 KiB in flight; each beacon body stays below.
inline constexpr std::size_t kMaxBeaconBytes = 60 * 1024;
// Rejections kept for take_rejections(); beyond this they are only counted.
inline constexpr std::size_t kMaxReportedRejections = 100;
// The autocaptured click event. Not (yet) in event/guide_events.h's table.
inline constexpr std::string_view kAutocaptureClick = "cairn_click";

struct BatchingLimits {
  std::size_t max_events = kMaxBatchEvents;
  std::size_t max_bytes = kMaxBatchBytes;
  std::int64_t flush_interval_ms = 3'000;  // Longest an event waits for companions.
  std::int64_t send_timeout_ms = 30'000;   // No answer by then = network error.
  std::size_t beacon_max_bytes = kMaxBeaconBytes;
};

struct RecorderConfig {
  std::string write_key;  // Sent in each body (sendBeacon cannot set headers).
  LibraryInfo library;
  BatchingLimits batching;
  QueueLimits queue;
  BackoffLimits backoff;
  // Consent: when required, nothing is recorded or stored until set_consent(granted).
  bool consent_required = false;
  // Do-Not-Track: when honoured and set, behaves as consent denied.
  bool honor_do_not_track = true;
  bool do_not_track = false;  // navigator.doNotTrack == "1" (or globalPrivacyControl) at start.
  double sample_rate = 1.0;   // Share of users recorded, [0, 1]; decided per user.
  std::string sample_salt = "cairn";
  MaskingRules masking;
  bool autocapture_clicks = true;  // click() records a cairn_click event.
  RageClickLimits rage_clicks;
  DeadClickLimits dead_clicks;
  // A recorded event reaches Storage at most this long after it was recorded
  // (writes are batched: localStorage writes are synchronous and cost the host).
  std::int64_t persist_delay_ms = 1'000;
  std::string storage_key_prefix = "cairn.";  // Keys: <prefix>queue, <prefix>identity.
  // Several tabs of one origin (docs/sdk.md#several-tabs): each tab's
  // recorder keeps its queue under <prefix>queue.<tab_id> (<prefix>queue when
  // empty), so no tab overwrites another's. At load it takes over the queues
  // stored under `adopted_queue_keys` (tabs the adapter knows are gone): their
  // events join its queue, which is stored before their keys are removed, so
  // a crash in between sends them twice at worst (messageId dedup absorbs
  // that) and loses none. A consent denial removes those keys too.
  std::string tab_id;
  std::vector<std::string> adopted_queue_keys;
};

// The key this config's queue is stored under: <prefix>queue.<tab_id>, or
// <prefix>queue without a tab id.
std::string queue_key(const RecorderConfig& config);

enum class Consent { unknown, granted, denied };

// What became of one record call.
enum class RecordOutcome {
  recorded,         // Queued for delivery.
  no_consent,       // Consent required and not granted (or denied): dropped.
  do_not_track,     // DNT honoured: dropped.
  not_sampled,      // The user is outside the sample: dropped.
  invalid,          // The event breaks the event spec or limits: dropped; see problems.
};
std::string_view record_outcome_name(RecordOutcome outcome);

struct RecordResult {
  RecordOutcome outcome = RecordOutcome::recorded;
  std::string message_id;  // Set when recorded.
  std::string problems;    // Set when invalid: "/properties/x: ..." (json::Problems::summary()).
};

// A request the adapter must make: POST `body` (JSON) to /v1/batch.
struct SendBatch {
  std::uint64_t id = 0;
  std::string body;
  std::size_t event_count = 0;
};

// An event the recorder gave up on after it was queued, and why.
struct Rejection {
  std::string message_id;
  std::string event_name;  // Analytics name ("Signed Up", "$page").
  std::string reason;      // The collector's reason, or "http 400", "gave up after 10 attempts".
};

// Counters since construction, except dropped_queue_full which is persisted
// with the queue (it also counts drops in earlier page loads).
struct RecorderStats {
  std::uint64_t recorded = 0;
  std::uint64_t delivered = 0;              // Acknowledged by the collector.
  std::uint64_t rejected_by_collector = 0;  // Named individually by the collector.
  std::uint64_t dropped_queue_full = 0;     // Oldest dropped for the queue bounds.
  std::uint64_t dropped_undeliverable = 0;  // 4xx, or too many 5xx/429 attempts.
  std::uint64_t dropped_consent = 0;        // Queued events purged by consent denial/DNT.
  std::uint64_t blocked_no_consent = 0;
  std::uint64_t blocked_do_not_track = 0;
  std::uint64_t not_sampled = 0;
  std::uint64_t invalid = 0;
  std::uint64_t masked_values = 0;          // Keys dropped/masked plus texts masked.
  std::uint64_t restored = 0;               // Events restored from Storage.
  std::uint64_t storage_corrupt = 0;        // Stored values unreadable; started fresh.
  std::uint64_t storage_write_failures = 0;
  std::uint64_t batches_sent = 0;           // SendBatch handed out (beacons included).
  std::uint64_t batches_failed = 0;
  std::uint64_t rage_clicks = 0;           // Rage-click events recorded.
  std::uint64_t dead_clicks = 0;           // Dead-click events recorded.
};

class Recorder {
 public:
  // Reads nothing yet: Storage is first read when recording is allowed (consent
  // granted or not required, DNT not honoured/set) and something needs it.
  Recorder(RecorderConfig config, Storage& storage, RandomSource& random);

  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // ---- Environment (from the adapter) ----

  // granted: recording starts (stored queue and ids are loaded).
  // denied: the queue, the ids and their stored copies are deleted; nothing is
  //   recorded until granted again. unknown: nothing recorded, storage untouched.
  void set_consent(Consent consent, std::int64_t now_ms);
  // Honoured DNT set: as set_consent(denied), except the consent value is kept.
  void set_do_not_track(bool do_not_track, std::int64_t now_ms);
  // True when events are currently recorded.
  bool recording_allowed() const;

  void set_page(PageInfo page);
  void set_device(DeviceInfo device);

  // ---- Recording. Each stamps messageId, anonymousId/userId, timestamp (now_ms)
  // and context, masks PII, validates against the event spec, and queues.
  // track/page/identify/group are the host's calls: each also answers the
  // clicks pending in the dead-click detector, as change_observed() does. ----

  RecordResult track(std::string_view name, boost::json::object properties, std::int64_t now_ms);
  // A page view; `properties` are merged over the current page's url/path/title/
  // referrer/search. `name` may be empty.
  RecordResult page(std::string_view name, boost::json::object properties, std::int64_t now_ms);
  // Sets the userId (kept across reloads) and records an identify event with
  // `traits`. An empty user_id records an anonymous identify (traits only).
  RecordResult identify(std::string_view user_id, boost::json::object traits, std::int64_t now_ms);
  RecordResult group(std::string_view group_id, boost::json::object traits, std::int64_t now_ms);
  // Any event, e.g. a guide event from event/guide_events.h. Fields already set
  // in `event` win over the recorder's (a given messageId or timestamp is kept;
  // its context keys override the current context's).
  RecordResult record(event::Event event, std::int64_t now_ms);
  // The same for an event in its JSON form (e.g. a GuideSession RecordEvent
  // command passed through the WASM bridge): the ids may be missing (the
  // recorder's are used); everything else is checked as read_event() does,
  // problems reported under "/event".
  RecordResult record_json(const boost::json::value& event, std::int64_t now_ms);
  // Log out: forgets the userId, draws a new anonymousId. Queued events keep
  // the ids they were recorded with.
  void reset(std::int64_t now_ms);
  // Another tab stored a new identity (`stored`, its <prefix>identity value: a
  // log in or out there): events from now on carry it here too. Nothing is
  // written (it is stored already); text that is no identity changes nothing.
  void adopt_identity(std::string_view stored);

  // ---- Clicks. ----

  // A click on an element at click.time_ms, reported at `now_ms` (it may come
  // after the changes it caused: dead_click_detector.h). Records an autocapture
  // event (cairn_click, with `element` as its properties plus x/y) when
  // enabled, and feeds the rage- and dead-click detectors; a rage click is
  // recorded at once, dead clicks when their window ends (poll). The events
  // are stamped with the click's time.
  void click(const ClickObservation& click, boost::json::object element, std::int64_t now_ms);
  // The page changed (DOM mutation, navigation, focus) at `time_ms`.
  void change_observed(std::int64_t time_ms);

  // ---- Time and delivery. ----

  // Loads Storage on first use (so call it once at start: a queue left by the
  // previous page goes out), makes events of unanswered beacons wait again,
  // follows the clock when it was set back (deadlines taken before hold no
  // longer than their own length from now; events recorded "later" go now),
  // runs due timers (dead clicks, persistence, send timeout) and returns the
  // batch to send now, if one is due: waiting events reach max_events or
  // max_bytes, the oldest has waited flush_interval_ms, or flush() was called;
  // and no batch is in flight and no backoff is running.
  std::optional<SendBatch> poll(std::int64_t now_ms);
  // When poll() next has work (a time <= now means at once); nullopt when
  // nothing is pending or recording is not allowed.
  std::optional<std::int64_t> next_wake_ms() const;
  // Send waiting events at the next poll() without waiting for the interval.
  void flush();

  // The request the recorder last stopped waiting for, once (0: none since
  // the last call): the one the send timeout gave up on, the one whose events
  // page hide put into beacons, the one a consent denial dropped. One batch
  // is in flight at a time, so one call gives up on one at most. The adapter
  // aborts it: a request left open (a collector or proxy that took it and
  // never answers) holds a connection to the collector, and a browser opens
  // six per host. An answer that still comes for it is ignored.
  std::uint64_t take_abandoned();

  // The collector answered 2xx. `response_body` may name rejected events (see
  // delivery_response.h); they are dropped and reported, the rest delivered.
  // Unknown or stale ids are ignored.
  void batch_delivered(std::uint64_t batch_id, std::int64_t now_ms, std::string_view response_body = {});
  // The request failed. Network errors, 5xx, 408, 429: retried after backoff
  // (Retry-After honoured). 413: re-sent in smaller batches. Other 4xx: dropped,
  // with the reasons from `response_body` when it names events.
  // A beacon's failure (sendBeacon refused it: offline, or the keepalive
  // allowance is used up) only makes its events wait again: nothing was sent,
  // so it neither starts nor lengthens a backoff.
  void batch_failed(std::uint64_t batch_id, std::int64_t now_ms, const DeliveryFailure& failure,
                    std::string_view response_body = {});

  // The browser says the network is back (`online`). A backoff that followed a
  // network error ends now, so what was recorded offline goes at the next
  // poll() instead of up to max_delay_ms later; the failure count stays, so
  // an `online` that was wrong backs off further. A backoff the collector
  // asked for (an HTTP failure: 5xx, 408, 429, Retry-After) still runs: the
  // collector being busy has nothing to do with this device's network.
  void network_restored(std::int64_t now_ms);

  // Page hide: every queued event (in flight included) as bodies of at most
  // beacon_max_bytes, oldest first. Returns none while backing off after a
  // failure (the collector asked us to wait, or we are offline): the events
  // stay persisted for the next page load instead. Persists before returning.
  std::vector<SendBatch> beacon_batches(std::int64_t now_ms);

  // Writes pending changes to Storage now.
  void persist(std::int64_t now_ms);

  // ---- Observation. ----

  const RecorderStats& stats() const { return stats_; }
  // Rejected and dropped events since the last call, oldest first (at most
  // kMaxReportedRejections; the counters in stats() are exact).
  std::vector<Rejection> take_rejections();
  // Current ids; empty before recording was first allowed.
  const std::string& anonymous_id() const { return identity_.anonymous_id(); }
  const std::string& user_id() const { return identity_.user_id(); }
  const EventQueue& queue() const { return queue_; }
  std::optional<std::uint64_t> in_flight_batch() const;

 private:
  std::optional<RecordOutcome> blocked_reason() const;
  void load_if_needed(std::int64_t now_ms);
  void purge();
  // Completes `event` in place (ids, time, context, masking) and queues it.
  RecordResult record_event(event::Event& event, std::int64_t now_ms);
  void record_dead_clicks(std::int64_t now_ms);
  void rebuild_context();
  std::string batch_body(std::uint64_t batch_id, std::int64_t now_ms) const;
  // Assigns the next batch id to the oldest waiting events that fit and
  // returns the batch to send (poll and beacons alike).
  SendBatch take_batch(std::size_t max_events, std::size_t max_body_bytes, std::int64_t now_ms);
  bool waiting_batch_is_due() const;
  // Removes a batch's events: those the collector named in `response_body` are
  // reported as rejected, the others delivered or, given a `drop_reason`,
  // dropped with it. False when the batch has no events (unknown or stale id).
  bool settle_batch(std::uint64_t batch_id, const std::string* drop_reason, std::string_view response_body);
  void report(const QueuedEvent& event, std::string reason);
  // Stops waiting for the batch in flight, if any (take_abandoned names it).
  void abandon_in_flight();
  void after_success();
  void mark_dirty(std::int64_t now_ms);
  // Brings times kept from earlier readings of a clock that went back within
  // their bounds from `now_ms`.
  void follow_clock_back(std::int64_t now_ms);
  // False when the store refused the write.
  bool write_queue();
  void write_identity();

  RecorderConfig config_;
  Storage* storage_;
  RandomSource* random_;
  PiiMasker masker_;
  RageClickDetector rage_;
  DeadClickDetector dead_;

  Consent consent_;
  bool do_not_track_;
  bool loaded_ = false;
  Identity identity_;
  EventQueue queue_;

  PageInfo page_;
  DeviceInfo device_;
  boost::json::object context_;  // Built from the above, masked.

  std::uint64_t next_batch_id_ = 1;
  std::uint64_t in_flight_ = 0;  // 0 = none.
  std::int64_t in_flight_since_ms_ = 0;
  std::int64_t retry_at_ms_ = 0;  // No batch before this.
  int failures_in_a_row_ = 0;      // Any kind; drives the backoff exponent.
  int http_failures_in_a_row_ = 0; // 5xx/408/429 only; drives max_http_attempts.
  bool network_backoff_ = false;   // The running backoff followed a network error.
  std::size_t split_cap_ = 0;      // After a 413: events per batch until a success.
  bool flush_requested_ = false;
  std::optional<std::int64_t> persist_due_ms_;

  RecorderStats stats_;
  std::vector<Rejection> rejections_;
  std::uint64_t abandoned_ = 0;
};

}  // namespace cairn::recorder
