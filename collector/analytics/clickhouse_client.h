// ClickHouseClient: runs SQL on a ClickHouse server over its HTTP interface
// (POST / with the query as the body, or as the `query` parameter with a data
// body for INSERTs), through libcurl. Errors are values: the server's own
// message, or the transport's. A client may carry one external table
// (ClickHouse's "external data": sent with every query() as a multipart
// upload, queried like a temporary table) for lookups too large to inline.
//
// Threading: one client per thread (it owns a CURL easy handle).
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::analytics {

struct ClickHouseEndpoint {
  std::string host = "127.0.0.1";
  int port = 8123;
  std::string database = "default";
  long timeout_ms = 600000;
  // Optional: once the flag is true, a request in progress fails within about
  // a second (libcurl's progress callback) and new ones fail at once. Set at
  // shutdown, so a hung ClickHouse cannot hold the collector's exit for the
  // whole timeout; every client made from this endpoint shares it.
  std::shared_ptr<const std::atomic<bool>> cancel = nullptr;
};

// The error of a request given up because the endpoint's cancel flag is set.
inline constexpr const char* kClickHouseCancelled = "clickhouse: request cancelled (the collector is stopping)";

// A table sent along with a query: `structure` as in CREATE TABLE
// ("user String, person String"), `tsv` its rows in TabSeparated.
struct ClickHouseExternalTable {
  std::string name;
  std::string structure;
  std::string tsv;
};

class ClickHouseClient {
 public:
  explicit ClickHouseClient(ClickHouseEndpoint endpoint);
  ~ClickHouseClient();
  ClickHouseClient(const ClickHouseClient&) = delete;
  ClickHouseClient& operator=(const ClickHouseClient&) = delete;

  // Runs `sql`; on success returns true and the response body in `*out`
  // (may be null). On failure returns false and `*error` says why.
  bool query(std::string_view sql, std::string* out, std::string* error);

  // Runs `insert_sql` ("INSERT INTO t FORMAT TabSeparated") with `data` as
  // the rows.
  bool insert(std::string_view insert_sql, std::string_view data, std::string* error);

  // Every later query() sends `table` (nullopt: none) with the SQL, which
  // then travels in the URL rather than the body.
  void set_external_table(std::optional<ClickHouseExternalTable> table) { external_ = std::move(table); }

  // True when GET /ping answers "Ok.".
  bool ping();

 private:
  // Sends `body`, or with `table` a multipart form holding the table.
  bool post(const std::string& url, std::string_view body, std::string* out, std::string* error,
            const ClickHouseExternalTable* table = nullptr);
  bool post_with_external(std::string_view sql, std::string* out, std::string* error);
  std::string base_url();

  ClickHouseEndpoint endpoint_;
  void* curl_ = nullptr;  // CURL*, kept opaque so callers need no curl headers.
  std::optional<ClickHouseExternalTable> external_;
};

// `text` as a single-quoted ClickHouse string literal.
std::string clickhouse_quote(std::string_view text);

}  // namespace cairn::analytics
