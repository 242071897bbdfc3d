#include "recorder/event_queue.h"

#include "json/compact_writer.h"
#include "json/problems.h"
#include "json/reader.h"
#include "json/writer.h"

#include <algorithm>
#include <limits>

namespace cairn::recorder {

namespace bj = boost::json;

namespace {
constexpr std::int64_t kStoredVersion = 1;
// messageIds restored from storage longer than this are not ours.
constexpr std::size_t kMaxStoredIdBytes = 256;
}  // namespace

std::size_t EventQueue::push(QueuedEvent event) {
  const std::uint64_t before = dropped_total_;
  // At the count limit the oldest goes before the new event comes, so a full
  // ring never grows; the same events are dropped as by appending first.
  if (count_ > 0 && count_ >= limits_.max_events) drop_oldest();
  if (count_ == events_.size()) {
    std::vector<QueuedEvent> bigger(std::min(std::max<std::size_t>(count_ * 2, 8),
                                             std::max<std::size_t>(limits_.max_events, 1)));
    for (std::size_t i = 0; i < count_; ++i) bigger[i] = std::move(slot(i));
    events_ = std::move(bigger);
    head_ = 0;
  }
  bytes_ += event.json.size();
  slot(count_++) = std::move(event);
  drop_to_limits();
  return static_cast<std::size_t>(dropped_total_ - before);
}

void EventQueue::drop_oldest() {
  bytes_ -= slot(0).json.size();
  slot(0) = QueuedEvent{};
  head_ = (head_ + 1) % events_.size();
  --count_;
  ++dropped_total_;
}

void EventQueue::drop_to_limits() {
  while (count_ > 0 && (count_ > limits_.max_events || bytes_ > limits_.max_bytes)) drop_oldest();
}

std::size_t EventQueue::assign_batch(std::uint64_t batch_id, std::size_t max_events,
                                     std::size_t max_bytes) {
  std::size_t count = 0;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < count_; ++i) {
    QueuedEvent& e = slot(i);
    if (e.batch_id != 0) continue;
    if (count >= max_events) break;
    if (count > 0 && bytes + e.json.size() + 1 > max_bytes) break;
    e.batch_id = batch_id;
    bytes += e.json.size() + 1;
    ++count;
  }
  return count;
}

std::vector<const QueuedEvent*> EventQueue::batch(std::uint64_t batch_id) const {
  std::vector<const QueuedEvent*> out;
  for (std::size_t i = 0; i < count_; ++i) {
    if (at(i).batch_id == batch_id) out.push_back(&at(i));
  }
  return out;
}

std::size_t EventQueue::remove_batch(std::uint64_t batch_id) {
  if (batch_id == 0) return 0;
  // The others slide towards the oldest end, keeping their order.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < count_; ++i) {
    QueuedEvent& e = slot(i);
    if (e.batch_id == batch_id) {
      bytes_ -= e.json.size();
      e = QueuedEvent{};
    } else {
      if (kept != i) slot(kept) = std::move(e);
      ++kept;
    }
  }
  const std::size_t removed = count_ - kept;
  count_ = kept;
  return removed;
}

std::size_t EventQueue::release_batch(std::uint64_t batch_id) {
  if (batch_id == 0) return 0;
  std::size_t released = 0;
  for (std::size_t i = 0; i < count_; ++i) {
    QueuedEvent& e = slot(i);
    if (e.batch_id == batch_id) {
      e.batch_id = 0;
      ++released;
    }
  }
  return released;
}

void EventQueue::release_all() { release_all_except(0); }

std::size_t EventQueue::release_all_except(std::uint64_t batch_id) {
  std::size_t released = 0;
  for (std::size_t i = 0; i < count_; ++i) {
    QueuedEvent& e = slot(i);
    if (e.batch_id != 0 && e.batch_id != batch_id) {
      e.batch_id = 0;
      ++released;
    }
  }
  return released;
}

void EventQueue::clear() {
  events_.clear();
  head_ = 0;
  count_ = 0;
  bytes_ = 0;
}

std::size_t EventQueue::waiting() const {
  std::size_t total = 0;
  for (std::size_t i = 0; i < count_; ++i) total += at(i).batch_id == 0;
  return total;
}

std::size_t EventQueue::waiting_bytes() const {
  std::size_t total = 0;
  for (std::size_t i = 0; i < count_; ++i) {
    if (at(i).batch_id == 0) total += at(i).json.size();
  }
  return total;
}

std::int64_t EventQueue::oldest_waiting_ms() const {
  std::int64_t oldest = std::numeric_limits<std::int64_t>::max();
  for (std::size_t i = 0; i < count_; ++i) {
    if (at(i).batch_id == 0) oldest = std::min(oldest, at(i).queued_at_ms);
  }
  return oldest;
}

std::string EventQueue::serialize() const {
  std::string out = "{\"v\":" + json::integer_text(kStoredVersion) +
                    ",\"dropped\":" + json::integer_text(dropped_total_) + ",\"events\":[";
  out.reserve(out.size() + bytes_ + count_ + 2);
  for (std::size_t i = 0; i < count_; ++i) {
    if (i > 0) out.push_back(',');
    out += at(i).json;
  }
  out += "]}";
  return out;
}

EventQueue::RestoreReport EventQueue::restore(std::string_view stored, std::int64_t now_ms) {
  clear();
  dropped_total_ = 0;
  return adopt(stored, now_ms);
}

EventQueue::RestoreReport EventQueue::adopt(std::string_view stored, std::int64_t now_ms) {
  RestoreReport report;
  // Everything is checked before the first event joins: unusable text changes nothing.
  auto start_fresh = [&](std::string reason) {
    report.fresh = true;
    report.reason = std::move(reason);
    return report;
  };

  json::Problems problems;
  // The stored queue was within max_bytes when written; allow for the wrapper
  // and a little growth of the limits between releases.
  json::ParseLimits parse_limits{.max_bytes = limits_.max_bytes * 2 + 4096, .max_depth = 24};
  std::optional<bj::value> doc = json::parse_document(stored, problems, parse_limits);
  if (!doc) return start_fresh(problems.summary());
  json::ObjectReader root(*doc, "", problems);
  std::optional<std::int64_t> version = root.integer("v", json::Need::required, 0, 1'000'000);
  std::optional<std::int64_t> dropped =
      root.integer("dropped", json::Need::optional, 0, std::numeric_limits<std::int64_t>::max());
  const bj::array* events = root.array("events", json::Need::required, 1'000'000);
  if (!problems.empty()) return start_fresh(problems.summary());
  if (*version != kStoredVersion) {
    return start_fresh("stored queue version " + json::integer_text(*version) + " is not " +
                       json::integer_text(kStoredVersion));
  }
  const auto their_drops = static_cast<std::uint64_t>(dropped.value_or(0));
  dropped_total_ = their_drops > UINT64_MAX - dropped_total_ ? UINT64_MAX : dropped_total_ + their_drops;

  for (const bj::value& entry : *events) {
    const bj::object* object = entry.if_object();
    const bj::value* id = object ? object->if_contains("messageId") : nullptr;
    const bj::string* id_text = id ? id->if_string() : nullptr;
    if (!id_text || id_text->empty() || id_text->size() > kMaxStoredIdBytes) {
      ++report.skipped;
      continue;
    }
    QueuedEvent e;
    e.message_id.assign(id_text->data(), id_text->size());
    const bj::value* event_name = object->if_contains("event");
    const bj::value* type = object->if_contains("type");
    if (event_name && event_name->is_string()) {
      e.name.assign(event_name->get_string().data(), event_name->get_string().size());
    } else if (type && type->is_string()) {
      e.name.push_back('$');
      e.name.append(type->get_string().data(), type->get_string().size());
    }
    e.json = json::to_text(entry);
    e.queued_at_ms = now_ms;
    // Pushed one by one, the oldest dropped as the limits demand: the same
    // events stay as when all are appended first and the oldest dropped after.
    report.restored += 1;
    report.restored -= push(std::move(e));
  }
  return report;
}

}  // namespace cairn::recorder
