// CatalogCache: one CatalogAccumulator per app, kept current from the
// collector's SQLite events table. Each call reads the highest events.id on a
// fresh read-only connection; when it moved since the app's catalog was last
// answered, only the events stored since then are folded in (a scan of the
// rowid range, not of the app's history), and the JSON answer is rendered
// again. Otherwise the cached answer is returned as is. So an answer after an
// acknowledged ingest always counts those events, the first call after a
// start folds the app's whole history once, and later calls cost one
// max(id) lookup plus the new events.
//
// The store assigns events.id in commit order from one writer, so when
// max(id) = N is visible, every event with an id <= N is committed: scanning
// (watermark, N] never skips an event that commits later.
//
// Threading: thread-safe. Calls for different apps run in parallel; calls for
// one app are serialised (the second waits for the first's fold and reuses it).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cairn::catalog {

class CatalogCache {
 public:
  // `answered`: called with the app id after a call folded its answer,
  // before the answer is checked against forget() (tests hold a call there
  // to interleave an erasure); empty: none.
  explicit CatalogCache(std::string database_path, std::function<void(const std::string&)> answered = {});
  ~CatalogCache();
  CatalogCache(const CatalogCache&) = delete;
  CatalogCache& operator=(const CatalogCache&) = delete;

  // The app's catalog as a JSON document (docs/api.md), current up to every
  // event committed before the call; nullptr with `*error` when the database
  // cannot be read. An app that has no events yet gets an empty catalog.
  std::shared_ptr<const std::string> current(const std::string& app_id, std::string* error);

  // Drops the app's catalog (after a person's erasure): the next call folds
  // the app's events again from scratch. A call in progress on the dropped
  // catalog folds a new one before it answers (three times at most, then
  // an error), so once forget() returned no answer counts the erased rows.
  void forget(const std::string& app_id);

  // The apps asked for so far (catalog_follower.h keeps them current).
  std::vector<std::string> app_ids();
  // The app's last answer as it stands, without reading the database;
  // nullptr when none was built yet.
  std::shared_ptr<const std::string> cached(const std::string& app_id);

 private:
  struct AppCatalog;
  // Brings `app` (held, not locked) up to the store; its answer, or nullptr
  // with `*error`.
  std::shared_ptr<const std::string> refresh(const std::shared_ptr<AppCatalog>& app, const std::string& app_id,
                                             std::string* error);

  std::string path_;
  std::function<void(const std::string&)> answered_;
  std::mutex mutex_;  // Guards apps_ (not the entries).
  std::map<std::string, std::shared_ptr<AppCatalog>, std::less<>> apps_;
};

}  // namespace cairn::catalog
