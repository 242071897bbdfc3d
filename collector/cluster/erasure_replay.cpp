#include "cluster/erasure_replay.h"

#include <future>

namespace cairn::cluster {

namespace {

bool replayed_already(admin::Database& db, std::int64_t seq, std::string* error) {
  auto lock = db.lock();
  admin::Statement s(db.handle(), "SELECT 1 FROM replayed_erasures WHERE primary_seq = ?1");
  s.bind(1, seq);
  const bool found = s.step();
  if (!s.ok() || s.failed()) *error = "cannot read replayed erasures: " + db.error();
  return found;
}

std::string record_replayed(admin::Database& db, std::int64_t seq, std::int64_t now_ms) {
  auto lock = db.lock();
  admin::Statement s(db.handle(),
                     "INSERT OR IGNORE INTO replayed_erasures (primary_seq, replayed_at_ms) VALUES (?1, ?2)");
  s.bind(1, seq).bind(2, now_ms);
  if (!s.ok() || !s.run()) return "cannot record a replayed erasure: " + db.error();
  return "";
}

// The step recorded by an earlier attempt whose derived copies failed to
// forget: its ids and cut-off, nothing erased again (events stored since
// are new data). false when there was none.
bool recorded_step(admin::Database& db, const store::RecordedErasure& e, store::ErasureOutcome* out,
                   std::string* error) {
  store::ReplayStep step;
  {
    auto lock = db.lock();
    if (!store::read_replay_step(db.handle(), e.seq, &step, error)) {
      if (!error->empty()) *error = "cannot read the erasure's earlier attempt: " + *error;
      return false;
    }
  }
  out->ok = true;
  out->erased.ids = std::move(step.ids);
  out->cut_off_event_id = step.cut_off_event_id;
  out->last_event_id = step.last_event_id;
  out->primary_seq = e.seq;
  return true;
}

store::ErasureOutcome erase_locally(store::EventStore& store, const store::RecordedErasure& e) {
  std::promise<store::ErasureOutcome> promise;
  std::future<store::ErasureOutcome> future = promise.get_future();
  const store::Submit submitted = store.erase_person(
      e.app_id, e.user_key, [&promise](const store::ErasureOutcome& o) { promise.set_value(o); }, e.ids, e.seq);
  if (submitted != store::Submit::queued) {
    store::ErasureOutcome refused;
    refused.error = "the event store is closing";
    return refused;
  }
  return future.get();  // The writer answers every queued erasure, also while closing.
}

}  // namespace

void register_replay_metrics(metrics::Registry& metrics) {
  metrics.counter(kReplaysMetric, kReplaysHelp);
  metrics.counter(kReplayFailuresMetric, kReplayFailuresHelp);
}

ReplayResult replay_erasures(const std::vector<store::RecordedErasure>& erasures, admin::Database& db,
                             store::EventStore& store, const ForgetErased& forget, std::int64_t now_ms,
                             metrics::Registry* metrics) {
  ReplayResult result;
  const auto failed = [&result, metrics](const store::RecordedErasure& e, const std::string& why) {
    result.error = "cannot repeat the primary's erasure " + std::to_string(e.seq) + " (app " + e.app_id + "): " + why;
    if (metrics) metrics->counter(kReplayFailuresMetric, kReplayFailuresHelp).increment();
    return result;
  };
  for (const store::RecordedErasure& e : erasures) {
    std::string error;
    const bool done = replayed_already(db, e.seq, &error);
    if (!error.empty()) return failed(e, error);
    if (done) continue;
    store::ErasureOutcome outcome;
    const bool retry = recorded_step(db, e, &outcome, &error);
    if (!error.empty()) return failed(e, error);
    if (!retry) outcome = erase_locally(store, e);
    if (!outcome.ok) return failed(e, outcome.error);
    if (forget) {
      if (std::string why = forget(e.app_id, outcome); !why.empty()) return failed(e, why);
    }
    if (std::string why = record_replayed(db, e.seq, now_ms); !why.empty()) return failed(e, why);
    ++result.replayed;
    result.events += outcome.erased.events;
    if (metrics) metrics->counter(kReplaysMetric, kReplaysHelp).increment();
  }
  return result;
}

}  // namespace cairn::cluster
