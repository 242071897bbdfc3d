#include "analytics_api/clickhouse_row_deletion.h"

#include <charconv>
#include <cstdint>
#include <thread>

namespace cairn::analytics_api {

namespace {

constexpr std::chrono::milliseconds kPollInterval{50};

}  // namespace

bool read_clickhouse_count(analytics::ClickHouseClient& client, const std::string& sql, std::uint64_t* n,
                           std::string* error) {
  std::string out;
  if (!client.query(sql, &out, error)) return false;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  auto [end, ec] = std::from_chars(out.data(), out.data() + out.size(), *n);
  if (ec != std::errc() || end != out.data() + out.size()) {
    *error = "unexpected answer to a count: " + out;
    return false;
  }
  return true;
}

std::string delete_clickhouse_rows(analytics::ClickHouseClient& client, const std::string& database,
                                   const std::string& condition, std::chrono::milliseconds wait) {
  const std::string count_sql = "SELECT count() FROM " + database + ".events WHERE " + condition;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::string error;
  std::uint64_t left = 0;
  if (!read_clickhouse_count(client, count_sql, &left, &error)) return "ClickHouse could not be read: " + error;
  if (left == 0) return "";
  if (!client.query("ALTER TABLE " + database + ".events DELETE WHERE " + condition, nullptr, &error)) {
    return "ClickHouse refused the deletion: " + error;
  }
  for (;;) {
    if (!read_clickhouse_count(client, count_sql, &left, &error)) return "ClickHouse could not be read: " + error;
    if (left == 0 || std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(kPollInterval);
  }
  if (left > 0) return "ClickHouse still holds " + std::to_string(left) + " of the rows";
  return "";
}

}  // namespace cairn::analytics_api
