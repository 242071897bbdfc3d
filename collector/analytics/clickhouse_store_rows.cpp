#include "analytics/clickhouse_store_rows.h"

#include "analytics/clickhouse_funnel.h"
#include "identity/identity_links.h"

#include <algorithm>
#include <sstream>
#include <vector>

namespace cairn::analytics {

namespace {

constexpr const char* kLinksTable = "identity_links";

// "anonymousId\tperson\n" per linked id.
std::string links_tsv(const identity::IdentityLinks& links) {
  std::string out;
  for (const auto& [anonymous_id, target] : links.links()) {
    append_clickhouse_tsv_field(anonymous_id, &out);
    out.push_back('\t');
    append_clickhouse_tsv_field(links.person_of(target), &out);
    out.push_back('\n');
  }
  return out;
}

// Undoes the TabSeparated escapes ClickHouse writes (\t \n \r \b \f \0,
// and a backslash before any other character stands for that character).
std::string tsv_unescape(std::string_view field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\' || i + 1 == field.size()) {
      out.push_back(field[i]);
      continue;
    }
    const char c = field[++i];
    out.push_back(c == 't'   ? '\t'
                  : c == 'n' ? '\n'
                  : c == 'r' ? '\r'
                  : c == 'b' ? '\b'
                  : c == 'f' ? '\f'
                  : c == '0' ? '\0'
                             : c);
  }
  return out;
}

}  // namespace

std::string clickhouse_unique_rows_sql(const std::string& database, const std::string& app_id,
                                       const std::string& where) {
  return "(SELECT user, time_ms, seq, collector, event, properties, anonymous_id FROM " + database +
         ".events WHERE app = " + clickhouse_quote(app_id) + (where.empty() ? "" : " AND (" + where + ")") +
         " ORDER BY user, time_ms, seq, collector LIMIT 1 BY message_id)";
}

std::optional<bool> attach_identity_links(ClickHouseClient& client, const std::string& database,
                                          const std::string& app_id, std::uint64_t max_links,
                                          std::string* error, bool* too_many) {
  client.set_external_table(std::nullopt);
  *too_many = false;
  std::string body;
  // One row past the cap tells "over" without reading the rest.
  if (!client.query("SELECT anonymous_id, user FROM " +
                        clickhouse_unique_rows_sql(database, app_id, "anonymous_id != ''") +
                        " ORDER BY seq, collector LIMIT " + std::to_string(max_links + 1) +
                        " FORMAT TabSeparated",
                    &body, error)) {
    return std::nullopt;
  }
  if (static_cast<std::uint64_t>(std::count(body.begin(), body.end(), '\n')) > max_links) {
    *too_many = true;
    *error = "this report would load more than " + std::to_string(max_links) +
             " identity links (the app's identify rows) from ClickHouse into the collector, its limit "
             "(--clickhouse-max-rows): raise --clickhouse-max-rows if the collector has the memory";
    return std::nullopt;
  }
  identity::IdentityLinks links;
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    links.link(tsv_unescape(std::string_view(line).substr(0, tab)),
               tsv_unescape(std::string_view(line).substr(tab + 1)));
  }
  if (links.links().empty()) return false;
  client.set_external_table(ClickHouseExternalTable{kLinksTable, "user String, person String", links_tsv(links)});
  return true;
}

std::string clickhouse_person_rows_sql(const std::string& database, const std::string& app_id,
                                       const std::string& where, bool linked) {
  const std::string rows = clickhouse_unique_rows_sql(database, app_id, where);
  if (!linked) return "(SELECT user, time_ms, seq, event, properties FROM " + rows + ")";
  // Bit 62 of seq: merged events after the person's own at equal times.
  // (18.16 resolves `user` in the join ambiguously, hence raw_user.)
  return std::string("(SELECT if(person = '', raw_user, person) AS user, time_ms, "
                     "if(person = '', seq, bitOr(seq, toUInt64(4611686018427387904))) AS seq, event, properties "
                     "FROM (SELECT user AS raw_user, time_ms, seq, event, properties FROM ") +
         rows + ") ANY LEFT JOIN (SELECT user AS raw_user, person FROM " + kLinksTable + ") USING raw_user)";
}

}  // namespace cairn::analytics
