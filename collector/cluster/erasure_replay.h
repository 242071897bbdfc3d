// Erasure replay: a follower repeats the person erasures its primary's
// metadata snapshot carries (cluster/metadata_snapshot.h), so the events it
// ingested itself — kept in its own SQLite file and exported from there —
// forget the person too (docs/operations.md, "Primary and followers").
//
// Each erasure not yet in replayed_erasures (store/schema.h) runs through the
// follower's EventStore::erase_person, on its writer thread (whose user
// dictionary cache must see the deletion), with the ids the primary resolved
// added to those the follower's own identify rows link; its erased message
// ids go to erased_messages, so a retried batch is refused here too. Then
// `forget` drops what was derived from the rows (the analytics index, the
// ClickHouse copy). Only when both succeeded is the primary's seq recorded:
// an erasure is repeated once, so events the person sends after it are kept,
// as on the primary.
//
// The SQLite step records itself (erasure_replay_steps, in its transaction)
// with its ids and cut-off (the follower's highest events.id when it ran).
// When `forget` fails, the next snapshot's retry repeats only `forget`, with
// those ids and that cut-off: the events stored in between are not erased,
// here nor in ClickHouse (ClickHouseErasureScope: the follower's own rows up
// to the cut-off).
//
// /metrics: cairn_erasure_replays_total (erasures repeated),
// cairn_erasure_replay_failures_total (replays stopped by a failure, retried
// with the next snapshot).
//
// Threading: call from one thread at a time (the follower's); blocks for
// each erasure's commit.
#pragma once

#include "admin/database.h"
#include "metrics/metrics.h"
#include "store/event_store.h"
#include "store/person_erasure.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace cairn::cluster {

// Makes the copies derived from the events forget what `outcome` erased;
// "" or why a copy still holds the person.
using ForgetErased = std::function<std::string(const std::string& app_id, const store::ErasureOutcome& outcome)>;

struct ReplayResult {
  std::size_t replayed = 0;  // Erasures repeated now.
  std::size_t events = 0;    // Local event rows they deleted.
  std::string error;         // "" or why the first failed one failed (later ones wait).
};

inline constexpr const char* kReplaysMetric = "cairn_erasure_replays_total";
inline constexpr const char* kReplaysHelp = "The primary's person erasures this follower repeated";
inline constexpr const char* kReplayFailuresMetric = "cairn_erasure_replay_failures_total";
inline constexpr const char* kReplayFailuresHelp =
    "Erasure replays stopped by a failure (retried with the next snapshot)";

// Registers the counters above (at 0, before the first replay).
void register_replay_metrics(metrics::Registry& metrics);

// `db`: the admin database, which shares the events tables' file. Erasures
// in seq order; the first failure stops the replay (the next snapshot
// retries from it). `metrics`: gets the counters above (nullptr: none).
ReplayResult replay_erasures(const std::vector<store::RecordedErasure>& erasures, admin::Database& db,
                             store::EventStore& store, const ForgetErased& forget, std::int64_t now_ms,
                             metrics::Registry* metrics = nullptr);

}  // namespace cairn::cluster
