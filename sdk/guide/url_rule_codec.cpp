// Reading and writing URL rules (guide::UrlRule, guide::UrlRules).
#include "guide/enum_field.h"
#include "guide/guide_codec_parts.h"
#include "guide/url_pattern.h"

#include <boost/json/array.hpp>

#include <string>

namespace cairn::guide::codec {

namespace bj = boost::json;
using json::Need;
using json::ObjectReader;

namespace {

constexpr std::string_view kQueryOps[] = {  // by QueryOp value
    "present", "absent", "equals", "contains",
};
static_assert(names_every(kQueryOps, QueryOp::contains));

void read_rule_list(ObjectReader& reader, std::string_view key, std::vector<UrlRule>& out) {
  const bj::array* list = reader.array(key, Need::optional, kMaxUrlRules);
  if (!list) return;
  std::string pointer = reader.pointer_of(key);
  for (std::size_t i = 0; i < list->size(); ++i) {
    read_url_rule((*list)[i], json::pointer_append(pointer, i), reader.problems(), out.emplace_back());
  }
}

}  // namespace

void read_url_rule(const bj::value& value, const std::string& pointer, json::Problems& problems,
                   UrlRule& rule) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  if (read_string(r, "path", Need::required, kMaxUrlBytes, rule.path)) {
    std::string problem = path_pattern_problem(rule.path);
    if (!problem.empty()) r.error("path", problem);
  }
  if (const bj::array* query = r.array("query", Need::optional, kMaxQueryConditions)) {
    std::string query_pointer = r.pointer_of("query");
    for (std::size_t i = 0; i < query->size(); ++i) {
      ObjectReader q((*query)[i], json::pointer_append(query_pointer, i), problems);
      if (!q.valid()) continue;
      QueryCondition condition;
      read_non_empty(q, "name", Need::required, kMaxNameBytes, condition.name);
      if (auto op = read_enum<QueryOp>(q, "op", Need::required, kQueryOps)) condition.op = *op;
      bool needs_value = condition.op == QueryOp::equals || condition.op == QueryOp::contains;
      if (needs_value) {
        read_string(q, "value", Need::required, kMaxUrlBytes, condition.value);
      } else if (q.has("value")) {
        q.field("value");
        q.error("value", "not allowed for op " + std::string(enum_name(condition.op, kQueryOps)));
      }
      keep_unknown(q, condition.unknown);
      rule.query.push_back(std::move(condition));
    }
  }
  if (auto hash = r.string("hash", Need::optional, kMaxUrlBytes)) rule.hash = std::move(*hash);
  keep_unknown(r, rule.unknown);
}

void read_url_rules(const bj::value& value, const std::string& pointer, json::Problems& problems,
                    UrlRules& rules) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  read_rule_list(r, "include", rules.include);
  read_rule_list(r, "exclude", rules.exclude);
  keep_unknown(r, rules.unknown);
}

bj::object write_url_rule(const UrlRule& rule) {
  bj::object out;
  out["path"] = rule.path;
  if (!rule.query.empty()) {
    bj::array query;
    for (const QueryCondition& c : rule.query) {
      bj::object q;
      q["name"] = c.name;
      q["op"] = enum_name(c.op, kQueryOps);
      if (c.op == QueryOp::equals || c.op == QueryOp::contains) q["value"] = c.value;
      json::merge_unknown_fields(q, c.unknown);
      query.push_back(std::move(q));
    }
    out["query"] = std::move(query);
  }
  if (rule.hash) out["hash"] = *rule.hash;
  json::merge_unknown_fields(out, rule.unknown);
  return out;
}

bj::object write_url_rules(const UrlRules& rules) {
  bj::object out;
  bj::array include, exclude;
  for (const UrlRule& rule : rules.include) include.push_back(write_url_rule(rule));
  for (const UrlRule& rule : rules.exclude) exclude.push_back(write_url_rule(rule));
  out["include"] = std::move(include);
  if (!exclude.empty()) out["exclude"] = std::move(exclude);
  json::merge_unknown_fields(out, rules.unknown);
  return out;
}

}  // namespace cairn::guide::codec
