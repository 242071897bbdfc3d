// The collector's ClickHouse identity: a random id, made once and kept in the
// collector's own SQLite file (the admin schema's collector_secrets table,
// row "clickhouse_collector_id"), that names the rows this collector exported
// in the shared ClickHouse events table (column `collector`). Each collector
// resumes its export from the largest `seq` among its own rows, so several
// collectors can export into one ClickHouse database (docs/operations.md,
// "Running several collectors").
//
// A copy of the SQLite file carries the id with it: delete the row in a copy
// before starting a second collector on it. A file restored from a backup
// older than what its collector exported gets a new id from the exporter
// (replace_collector_id), which sees its own rows beyond the file's last id.
//
// Threading: a function; opens its own connection.
#pragma once

#include <optional>
#include <string>

namespace cairn::analytics {

inline constexpr const char* kClickHouseCollectorIdName = "clickhouse_collector_id";

// The id stored in `sqlite_path`, created (32 hex digits from
// std::random_device) when there is none. Two processes racing on one file
// both end with the stored one. nullopt with `*error` when the file or its
// collector_secrets table cannot be read or written.
std::optional<std::string> load_or_create_collector_id(const std::string& sqlite_path, std::string* error);

// Stores a new random id in place of the current one and returns it.
std::optional<std::string> replace_collector_id(const std::string& sqlite_path, std::string* error);

}  // namespace cairn::analytics
