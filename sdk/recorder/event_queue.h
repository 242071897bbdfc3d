// EventQueue: the recorder's offline queue. Events wait here, already stamped,
// masked and serialized, from the moment they are recorded until the collector
// acknowledges them, so a reload, a crash or a day offline loses nothing that
// was persisted. It is bounded by named limits; when full, the OLDEST events are
// dropped first (recent behaviour is worth more than old) and the drops are
// counted, and the count survives reloads with the queue.
//
// Each event is either waiting or assigned to one batch (in flight). An event
// keeps its messageId for life, so however often its batch is retried, split or
// re-sent after a reload, the collector can drop the duplicates.
//
// Stored form (Storage value), version 1:
//   {"v":1,"dropped":<count>,"events":[<event JSON>, ...]}
// restore() accepts only that; anything else (not JSON, another version, wrong
// types) starts an empty queue and says why. Individual entries that are not
// event objects with a string messageId are skipped and counted.
//
// Threading: owned by one Recorder; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::recorder {

// Events kept at most; the oldest is dropped beyond this.
inline constexpr std::size_t kMaxQueuedEvents = 1'000;
// Serialized bytes kept at most (localStorage quotas are ~5 MB per origin and
// shared with the host app, so we take a tenth of that).
inline constexpr std::size_t kMaxQueuedBytes = 512 * 1024;

struct QueueLimits {
  std::size_t max_events = kMaxQueuedEvents;
  std::size_t max_bytes = kMaxQueuedBytes;
};

struct QueuedEvent {
  std::string message_id;
  std::string name;          // analytics name ("Signed Up", "$page"), for reports.
  std::string json;          // The event's wire form, without sentAt.
  std::int64_t queued_at_ms = 0;
  std::uint64_t batch_id = 0;  // 0 = waiting; otherwise the batch carrying it.
};

class EventQueue {
 public:
  explicit EventQueue(QueueLimits limits = {}) : limits_(limits) {}

  // Appends `event` as waiting, then drops the oldest events until the queue
  // is within its limits. Returns how many were dropped (they are also added
  // to dropped_total()). An event larger than max_bytes on its own is dropped
  // itself.
  std::size_t push(QueuedEvent event);

  // Assigns waiting events, oldest first, to `batch_id` while the count stays
  // <= max_events and the JSON bytes (plus one separator per event) stay
  // <= max_bytes; always at least one event if any is waiting. Returns the
  // number assigned.
  std::size_t assign_batch(std::uint64_t batch_id, std::size_t max_events, std::size_t max_bytes);

  // Events of `batch_id`, in queue order; valid until the queue next changes.
  std::vector<const QueuedEvent*> batch(std::uint64_t batch_id) const;

  // Removes the events of `batch_id` (delivered or given up). Returns how many.
  std::size_t remove_batch(std::uint64_t batch_id);
  // Makes the events of `batch_id` waiting again (to be re-batched).
  std::size_t release_batch(std::uint64_t batch_id);
  // Makes every event waiting (beacons re-batch everything).
  void release_all();
  // Makes every event not in `batch_id` waiting; returns how many were assigned
  // to another batch. (Beacon batches the adapter never answered.)
  std::size_t release_all_except(std::uint64_t batch_id);
  void clear();

  std::size_t size() const { return count_; }
  std::size_t bytes() const { return bytes_; }
  bool empty() const { return count_ == 0; }
  std::size_t waiting() const;
  std::size_t waiting_bytes() const;
  // queued_at_ms of the oldest waiting event; INT64_MAX when none waits.
  std::int64_t oldest_waiting_ms() const;
  std::uint64_t dropped_total() const { return dropped_total_; }
  // The i-th oldest event; REQUIRES: i < size(). Valid until the queue next changes.
  const QueuedEvent& at(std::size_t i) const { return events_[(head_ + i) % events_.size()]; }

  // The stored form (see above).
  std::string serialize() const;

  struct RestoreReport {
    bool fresh = false;          // True when the stored text was unusable as a whole.
    std::string reason;          // Why, when fresh.
    std::size_t restored = 0;    // Events restored.
    std::size_t skipped = 0;     // Entries that were not valid events.
  };
  // Replaces the queue with the one in `stored` (all events waiting, queued at
  // `now_ms`), within this queue's limits (oldest dropped and counted).
  RestoreReport restore(std::string_view stored, std::int64_t now_ms);
  // Appends the events of another stored queue (another tab's) after this
  // one's, all waiting, queued at `now_ms`, within this queue's limits; its
  // drop count adds to ours. Unusable text (`fresh` in the report) changes
  // nothing.
  RestoreReport adopt(std::string_view stored, std::int64_t now_ms);

 private:
  QueuedEvent& slot(std::size_t i) { return events_[(head_ + i) % events_.size()]; }
  void drop_oldest();
  void drop_to_limits();

  QueueLimits limits_;
  // A ring in one vector, oldest first: the i-th oldest event is at(i),
  // i < count_; the other slots are unused (cleared or moved from). A full
  // queue drops its oldest by moving head_, so a push costs O(1) however long
  // the queue (a vector erasing its front moved every event; a deque cost the
  // WASM 2.1 KB gzip). The ring grows by doubling, up to max_events slots.
  std::vector<QueuedEvent> events_;
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  std::size_t bytes_ = 0;
  std::uint64_t dropped_total_ = 0;
};

}  // namespace cairn::recorder
