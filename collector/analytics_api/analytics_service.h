// AnalyticsService: the analytics half of cairn-collector for the configured
// store, so main() wires one object whatever the store:
//  - sqlite: (default): AppEngines, in-memory engines over the SQLite events
//    table that append each commit's rows;
//  - clickhouse://: a ClickHouseExporter copying committed rows from SQLite
//    (still the acknowledgement log) to ClickHouse, and a ClickHouseBackend
//    answering the queries there.
//
// Threading: committed() and interrupt() are thread-safe and never block on
// I/O; start() and stop() are called by main's thread.
#pragma once

#include "analytics/clickhouse_exporter.h"
#include "analytics_api/analytics_backend.h"
#include "analytics_api/clickhouse_app_purge.h"
#include "analytics_api/clickhouse_retention.h"
#include "analytics_api/app_engines.h"
#include "config/config.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cairn::analytics_api {

class AnalyticsService {
 public:
  // `metrics` (optional) gets the ClickHouse exporter's or the in-memory
  // indexes' metrics.
  explicit AnalyticsService(const config::Config& config, metrics::Registry* metrics = nullptr);
  ~AnalyticsService();

  // What the analytics routes answer from.
  std::shared_ptr<AnalyticsBackend> backend() const { return backend_; }

  // For store::EventStore::Options::on_commit.
  void committed(std::int64_t last_event_id);

  // After the store erased `user_keys` of app `app_id` (a person: the key
  // first, store::ErasedPerson::ids), with events.id `cut_off_event_id` the
  // highest when it did: the in-memory engine is dropped (the next query
  // rebuilds it), or, once the exporter passed the cut-off (so no batch it
  // read before the erasure can land after the delete), ClickHouse's rows of
  // the person are deleted (clickhouse_person_erasure.h); that blocks up to
  // kClickHouseErasureWait for the export and as long for the mutation.
  // Only the ClickHouse rows the erasure covers: this collector's up to the
  // cut-off, and other collectors' unless `replay` (a follower repeating the
  // primary's erasure; ClickHouseErasureScope).
  // REQUIRES: user_keys is not empty. "" or why ClickHouse may still hold
  // some of the rows.
  std::string forget_person(const std::string& app_id, const std::vector<std::string>& user_keys,
                            std::int64_t cut_off_event_id, bool replay);

  // After the app was deleted (admin/app_deletion_route.h): drops its
  // in-memory engine, which no query rebuilds (its routes answer 404), or,
  // with ClickHouse, has its ClickHouse rows deleted once the event store
  // purged it (clickhouse_app_purge.h). Never blocks on I/O.
  void forget_app(const std::string& app_id);

  // After retention deleted events of app `app_id` from SQLite
  // (store/retention.h): its in-memory engine is dropped and rebuilt from
  // the store by its next query. ClickHouse's rows age out on their own
  // schedule (clickhouse_retention.h). Never blocks on I/O.
  void events_expired(const std::string& app_id);

  // For store::EventStore::Options::retention_keeps_after: the id up to
  // which the ClickHouse export has sent every event (its watermark; 0 until
  // it read it from ClickHouse), so SQLite retention never deletes an event
  // ClickHouse has not got. Empty with the SQLite store (nothing to wait for).
  // The function reads an atomic and may be called from any thread.
  std::function<std::int64_t()> export_watermark() const;

  // Starts following commits (in-memory engines) or exporting, deleting
  // deleted apps' rows and, with `--retention-days`, expired rows (ClickHouse).
  // Call before the store commits anything.
  void start();
  // At shutdown, once the server stopped answering: every ClickHouse request
  // in progress (a query, an erasure, the export, an app purge) fails within
  // about a second, and later ones at once, so a hung or unreachable
  // ClickHouse cannot hold the exit for its 60 s request timeout per query
  // still queued. Nothing is lost: the export resumes from SQLite at the next
  // start. No effect with the SQLite store.
  void interrupt();
  // Stops the exporter (rows not yet exported stay in SQLite for the next
  // start) and the deleted apps' ClickHouse purge (resumed at the next
  // start). Idempotent.
  void stop();

 private:
  std::shared_ptr<AppEngines> engines_;                    // sqlite: store.
  std::unique_ptr<analytics::ClickHouseExporter> exporter_;  // clickhouse:// store.
  std::unique_ptr<ClickHouseAppPurge> app_purge_;            // clickhouse:// store; reads exporter_.
  std::unique_ptr<ClickHouseRetention> retention_;           // clickhouse:// store with --retention-days.
  std::shared_ptr<AnalyticsBackend> backend_;
  std::optional<analytics::ClickHouseEndpoint> clickhouse_;  // clickhouse:// store.
  // Shared by every ClickHouse endpoint above (ClickHouseEndpoint::cancel).
  std::shared_ptr<std::atomic<bool>> interrupted_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace cairn::analytics_api
