// cairn_recorder_input(): the core's Recorder for the adapter. One JSON input
// per call (what happened: an event, a click, a delivery result, time passing),
// one JSON answer with the commands the adapter must run:
//   {"type":"store","key","value"|null}     write or remove a localStorage key
//   {"type":"abort_batch","batch_id"}      abort that POST: the recorder gave up on it
//   {"type":"send_batch","batch_id","body","beacon"}   POST to /v1/batch (or sendBeacon)
//   {"type":"schedule_tick","at_ms"|null}   call again with {"type":"tick"} then
// plus "anonymous_id", "user_id" and "recording" so the session can use the
// same identity. Input types and fields: wasm/src/core/protocol.ts.
//
// Each input reads all its fields before it runs: a required field missing, a
// field present with the wrong type or value, an unknown type answer the
// problems and change nothing (no event, no store command, no new page or
// identity, no new recorder for a start).
//
// Storage is what the adapter passed in "start" (reads) plus the writes this
// bridge turns into store commands. A stored queue other than this tab's
// (<prefix>queue.<config.tab_id>) in "start" is one of a tab that is gone:
// the recorder takes it over (RecorderConfig::adopted_queue_keys).
// Randomness comes from the adapter's CSPRNG as "entropy" (hex) with each input.
#include "bridge/bridge_buffer.h"
#include "bridge/text_field.h"
#include "event/event.h"
#include "json/reader.h"
#include "json/writer.h"
#include "recorder/recorder.h"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

using cairn::json::Need;
using cairn::json::ObjectReader;
using cairn::wasm::text_or_empty;

class BridgeStorage final : public cairn::recorder::Storage {
 public:
  std::optional<std::string> read(std::string_view key) override {
    auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  bool write(std::string_view key, std::string_view value) override {
    values_[std::string(key)] = std::string(value);
    writes_.emplace_back(std::string(key), std::string(value));
    return true;
  }
  void remove(std::string_view key) override {
    values_.erase(std::string(key));
    writes_.emplace_back(std::string(key), std::nullopt);
  }
  void preload(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }
  std::vector<std::pair<std::string, std::optional<std::string>>> take_writes() {
    return std::exchange(writes_, {});
  }

 private:
  std::map<std::string, std::string, std::less<>> values_;
  std::vector<std::pair<std::string, std::optional<std::string>>> writes_;
};

// Hex characters of entropy one input may bring (128 words).
constexpr std::size_t kMaxEntropyHex = 1024;

// Bits from the adapter's crypto.getRandomValues(); when a call needs more
// than it brought, a generator seeded from them continues.
class BridgeRandom final : public cairn::recorder::RandomSource {
 public:
  void add_entropy(std::string_view hex) {
    for (std::size_t i = 0; i + 8 <= hex.size() && size_ < pool_.size(); i += 8) {
      std::uint32_t word = 0;
      for (std::size_t j = 0; j < 8; ++j) word = word << 4 | nibble(hex[i + j]);
      pool_[size_++] = word;
      fallback_ = cairn::recorder::SeededRandom(fallback_seed_ = fallback_seed_ * 6364136223846793005ULL + word);
    }
  }
  std::uint32_t next_u32() override {
    if (next_ < size_) return pool_[next_++];
    return fallback_.next_u32();
  }
  void reset_pool() {
    size_ = 0;
    next_ = 0;
  }

 private:
  static std::uint32_t nibble(char c) {
    if (c >= '0' && c <= '9') return static_cast<std::uint32_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<std::uint32_t>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<std::uint32_t>(c - 'A' + 10);
    return 0;
  }
  std::array<std::uint32_t, kMaxEntropyHex / 8> pool_{};  // The first size_ are this input's.
  std::size_t size_ = 0;
  std::size_t next_ = 0;
  std::uint64_t fallback_seed_ = 0x9e3779b97f4a7c15ULL;
  cairn::recorder::SeededRandom fallback_{0x9e3779b97f4a7c15ULL};
};

struct BridgeState {
  BridgeStorage storage;
  BridgeRandom random;
  std::unique_ptr<cairn::recorder::Recorder> recorder;
};

BridgeState& state() {
  static BridgeState s;
  return s;
}

cairn::recorder::PageInfo read_page(const boost::json::value* page, cairn::json::Problems& problems) {
  cairn::recorder::PageInfo info;
  if (page == nullptr) return info;
  ObjectReader r(*page, "/page", problems);
  info.url = text_or_empty(r, "url");
  info.path = text_or_empty(r, "path");
  info.title = text_or_empty(r, "title");
  info.referrer = text_or_empty(r, "referrer");
  info.search = text_or_empty(r, "search");
  return info;
}

boost::json::object object_or_empty(const boost::json::object* o) { return o ? *o : boost::json::object{}; }

// The collector's answer to a batch, whole: a delivery refused for its size
// would leave the batch in flight. The input's own 1 MiB limit
// (json::ParseLimits) is the one that binds; this one only keeps the field
// from refusing first (tests/bridge: "a delivery body is read up to …").
constexpr std::size_t kMaxBodyBytes = 1 << 20;

// Names in Cairn.init's unmaskedTraits (MAX_UNMASKED_TRAITS in
// wasm/src/api/options.ts checks the same).
constexpr std::size_t kMaxUnmaskedTraits = 100;

void start(ObjectReader& in, std::int64_t now, cairn::json::Problems& problems) {
  BridgeState& s = state();
  const boost::json::object* stored = in.object("stored");
  if (stored) {
    for (const auto& [key, value] : *stored) {
      if (!value.is_string()) problems.add(cairn::json::pointer_append("/stored", key), "must be a string");
    }
  }
  cairn::recorder::RecorderConfig config;
  std::string consent = "granted";
  if (const boost::json::value* c = in.field("config")) {
    ObjectReader r(*c, "/config", problems);
    config.write_key = text_or_empty(r, "write_key");
    config.library.version = text_or_empty(r, "library_version");
    config.consent_required = r.boolean("consent_required").value_or(false);
    consent = r.string("consent").value_or("granted");
    config.honor_do_not_track = r.boolean("honor_do_not_track").value_or(true);
    config.do_not_track = r.boolean("do_not_track").value_or(false);
    config.sample_rate = r.number("sample_rate", Need::optional, 0, 1).value_or(1.0);
    config.autocapture_clicks = r.boolean("autocapture").value_or(true);
    // Cairn.init's flushAt: a batch goes once this many events wait.
    if (std::optional<std::int64_t> flush_at = r.integer("flush_at", Need::optional, 1,
                                                         static_cast<std::int64_t>(cairn::recorder::kMaxBatchEvents))) {
      config.batching.max_events = static_cast<std::size_t>(*flush_at);
    }
    config.batching.flush_interval_ms =
        r.integer("flush_interval_ms", Need::optional, 0, 3600000).value_or(config.batching.flush_interval_ms);
    // Cairn.init's unmaskedTraits: the trait keys sent as the host gave them.
    if (const boost::json::array* keys = r.array("unmasked_traits", Need::optional, kMaxUnmaskedTraits)) {
      for (std::size_t i = 0; i < keys->size(); ++i) {
        if (const boost::json::string* key = (*keys)[i].if_string()) {
          config.masking.unmasked_traits.emplace_back(*key);
        } else {
          problems.add(cairn::json::pointer_append("/config/unmasked_traits", i), "must be a string");
        }
      }
    }
    // Several tabs (RecorderConfig::tab_id): this tab's queue name.
    config.tab_id = text_or_empty(r, "tab_id", Need::optional, 64);
  }
  cairn::recorder::PageInfo page = read_page(in.field("page"), problems);
  cairn::recorder::DeviceInfo device;
  const boost::json::value* d = in.field("device");
  if (d) {
    ObjectReader r(*d, "/device", problems);
    device.locale = text_or_empty(r, "locale");
    device.timezone = text_or_empty(r, "timezone");
    device.user_agent = text_or_empty(r, "user_agent");
    device.screen_width = static_cast<int>(r.integer("screen_width", Need::optional, 0, 100000).value_or(0));
    device.screen_height = static_cast<int>(r.integer("screen_height", Need::optional, 0, 100000).value_or(0));
    device.pixel_ratio = r.number("pixel_ratio", Need::optional, 0, 100).value_or(0);
  }
  if (!problems.empty()) return;
  if (stored) {
    // Any stored queue but this tab's is one of a gone tab, to take over.
    const std::string own = cairn::recorder::queue_key(config);
    for (const auto& [key, value] : *stored) {
      s.storage.preload(key, std::string(value.get_string()));
      if (key.starts_with(config.storage_key_prefix + "queue") && key != own) config.adopted_queue_keys.emplace_back(key);
    }
  }
  const bool consent_required = config.consent_required;
  s.recorder = std::make_unique<cairn::recorder::Recorder>(std::move(config), s.storage, s.random);
  s.recorder->set_page(std::move(page));
  if (d) s.recorder->set_device(device);
  if (consent_required) {
    s.recorder->set_consent(consent == "granted"  ? cairn::recorder::Consent::granted
                            : consent == "denied" ? cairn::recorder::Consent::denied
                                                  : cairn::recorder::Consent::unknown,
                            now);
  }
}

void put_outcome(boost::json::object& out, const cairn::recorder::RecordResult& result) {
  cairn::json::put_name(out, "outcome", cairn::recorder::record_outcome_name(result.outcome));
  if (!result.problems.empty()) out["problems"] = result.problems;
}

// Runs one input on the started recorder once its fields are read; one with
// any problem (these or the input's type, time and entropy) does nothing.
// Clears `poll_after` for a beacon's answer: the adapter reports each beacon
// of a page hide right after its sendBeacon, and a poll between two reports
// would take the next beacons' events as unanswered, send them again by fetch
// and spend the keepalive allowance those beacons need.
void apply(const std::string& type, ObjectReader& in, std::int64_t now, boost::json::object& out,
           cairn::json::Problems& problems, bool& poll_after) {
  cairn::recorder::Recorder& rec = *state().recorder;
  if (type == "track" || type == "page" || type == "identify" || type == "group") {
    // The event's name (track, page) or id (identify: user, group: group).
    const std::string text = type == "track"      ? text_or_empty(in, "name", Need::required)
                             : type == "page"     ? text_or_empty(in, "name")
                             : type == "identify" ? text_or_empty(in, "user_id")
                                                  : text_or_empty(in, "group_id", Need::required);
    boost::json::object properties =
        object_or_empty(in.object(type == "track" || type == "page" ? "properties" : "traits"));
    const boost::json::value* page = type == "page" ? in.field("page") : nullptr;
    cairn::recorder::PageInfo info = read_page(page, problems);
    if (!problems.empty()) return;
    if (page) rec.set_page(std::move(info));
    put_outcome(out, type == "track"      ? rec.track(text, std::move(properties), now)
                     : type == "page"     ? rec.page(text, std::move(properties), now)
                     : type == "identify" ? rec.identify(text, std::move(properties), now)
                                          : rec.group(text, std::move(properties), now));
  } else if (type == "event") {
    std::optional<cairn::event::Event> ev;
    if (const boost::json::value* e = in.field("event", Need::required)) ev = cairn::event::read_event(*e, "/event", problems);
    if (problems.empty()) put_outcome(out, rec.record(std::move(*ev), now));
  } else if (type == "identity_stored") {
    // Another tab stored this identity; later reads (a load after consent)
    // see it too.
    const std::string value = text_or_empty(in, "value", Need::required, 1024);
    if (!problems.empty()) return;
    state().storage.preload("cairn.identity", value);
    rec.adopt_identity(value);
  } else if (type == "consent") {
    // Without its answer nothing changes: a denial would purge the queue.
    const std::optional<bool> granted = in.boolean("granted", Need::required);
    if (problems.empty()) rec.set_consent(*granted ? cairn::recorder::Consent::granted : cairn::recorder::Consent::denied, now);
  } else if (type == "click") {
    cairn::recorder::ClickObservation click;
    // When it happened; no later than now (the input may come after the
    // changes the click caused, see dead_click_detector.h).
    click.time_ms = std::min(in.integer("time", Need::optional, 0, INT64_MAX / 2).value_or(now), now);
    click.x = in.number("x", Need::required, -1e7, 1e7).value_or(0);
    click.y = in.number("y", Need::required, -1e7, 1e7).value_or(0);
    click.element_key = text_or_empty(in, "element_key");
    click.selector = text_or_empty(in, "selector");
    click.answered_by_browser = in.boolean("answered").value_or(false);
    const boost::json::object* element = in.object("element");
    if (element) click.target = *element;
    if (problems.empty()) rec.click(click, object_or_empty(element), now);
  } else if (type == "delivered" || type == "failed") {
    const auto id = static_cast<std::uint64_t>(in.integer("batch_id", Need::required, 0, INT64_MAX).value_or(0));
    const std::string body = text_or_empty(in, "body", Need::optional, kMaxBodyBytes);
    const auto status = static_cast<int>(in.integer("status", Need::optional, 0, 999).value_or(0));
    // The server's Retry-After as the adapter read it, any non-negative number
    // of seconds (the retry policy clamps it far below 7 days).
    std::optional<std::int64_t> retry_after;
    if (const std::optional<double> seconds = in.number("retry_after", Need::optional, 0, 1e15)) {
      retry_after = static_cast<std::int64_t>(std::min(*seconds, 86400.0 * 7) + 0.999);
    }
    if (!problems.empty()) return;
    poll_after = rec.in_flight_batch() == id;
    if (type == "delivered") return rec.batch_delivered(id, now, body);
    rec.batch_failed(id, now,
                     status == 0 ? cairn::recorder::DeliveryFailure::network_error()
                                 : cairn::recorder::DeliveryFailure::http_status(status, retry_after),
                     body);
  } else if (type != "tick" && type != "page_hide" && type != "reset" && type != "change" && type != "flush" &&
             type != "online") {
    in.error("type", "unknown input type \"" + type + "\"");
  } else if (problems.empty()) {
    if (type == "reset") rec.reset(now);
    else if (type == "change") rec.change_observed(now);
    else if (type == "flush") rec.flush();
    else if (type == "online") rec.network_restored(now);
  }
}

boost::json::object send_command(const cairn::recorder::SendBatch& batch, bool beacon) {
  boost::json::object c;
  cairn::json::put_name(c, "type", "send_batch");
  cairn::json::put_value(c, "batch_id", batch.id);
  cairn::json::put_text(c, "body", batch.body);
  cairn::json::put_value(c, "beacon", beacon);
  return c;
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE int cairn_recorder_input(const char* data, int length) {
  BridgeState& s = state();
  cairn::json::Problems problems;
  boost::json::object out;
  boost::json::array commands;
  std::optional<boost::json::value> doc = cairn::json::parse_document(cairn::wasm::input(data, length), problems);
  if (doc) {
    ObjectReader in(*doc, "", problems);
    const std::string type = text_or_empty(in, "type", Need::required, 32);
    const std::int64_t now = in.integer("now", Need::required, 0, INT64_MAX / 2).value_or(0);
    s.random.reset_pool();
    const std::string entropy = text_or_empty(in, "entropy", Need::optional, kMaxEntropyHex);
    if (entropy.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) in.error("entropy", "must be hex digits");
    s.random.add_entropy(entropy);
    bool poll_after = true;
    if (type == "start") {
      start(in, now, problems);
    } else if (!s.recorder) {
      problems.add("/type", "the recorder has not been started");
    } else {
      apply(type, in, now, out, problems, poll_after);
    }
    if (s.recorder && problems.empty()) {
      std::vector<cairn::recorder::SendBatch> sends;
      if (type == "page_hide") {
        sends = s.recorder->beacon_batches(now);
      } else if (std::optional<cairn::recorder::SendBatch> b = poll_after ? s.recorder->poll(now) : std::nullopt) {
        sends.push_back(std::move(*b));
      }
      // The abort first: the hung request is gone before the beacons that
      // carry its events.
      if (const std::uint64_t id = s.recorder->take_abandoned()) {
        boost::json::object abort;
        cairn::json::put_name(abort, "type", "abort_batch");
        cairn::json::put_value(abort, "batch_id", id);
        commands.push_back(std::move(abort));
      }
      for (const cairn::recorder::SendBatch& b : sends) commands.push_back(send_command(b, type == "page_hide"));
      boost::json::object tick;
      cairn::json::put_name(tick, "type", "schedule_tick");
      if (std::optional<std::int64_t> at = s.recorder->next_wake_ms()) cairn::json::put_value(tick, "at_ms", *at);
      else tick["at_ms"] = nullptr;
      commands.push_back(std::move(tick));
      cairn::json::put_text(out, "anonymous_id", s.recorder->anonymous_id());
      cairn::json::put_text(out, "user_id", s.recorder->user_id());
      cairn::json::put_value(out, "recording", s.recorder->recording_allowed());
    }
  }
  for (auto& [key, value] : s.storage.take_writes()) {
    boost::json::object c;
    cairn::json::put_name(c, "type", "store");
    cairn::json::put_text(c, "key", key);
    if (value) cairn::json::put_text(c, "value", *value);
    else c["value"] = nullptr;
    commands.push_back(std::move(c));
  }
  out["commands"] = std::move(commands);
  if (!problems.empty()) out["problems"] = problems.to_json();
  cairn::wasm::set_result(cairn::json::to_text(boost::json::value(std::move(out))));
  return problems.empty() ? 0 : 1;
}
