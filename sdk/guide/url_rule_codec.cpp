// Reading and writing URL rules (guide::UrlRule, guide::UrlRules).
#include "guide/guide_codec_parts.h"
#include "guide/url_pattern.h"

#include <boost/json/array.hpp>

#include <string>

namespace cairn::guide::codec {

namespace bj = boost::json;
using json::Need;
using json::ObjectReader;

namespace {

constexpr json::EnumName<QueryOp> kQueryOps[] = {
    {"present", QueryOp::present},
    {"absent", QueryOp::absent},
    {"equals", QueryOp::equals},
    {"contains", QueryOp::contains},
};

std::vector<UrlRule> read_rule_list(ObjectReader& reader, std::string_view key) {
  std::vector<UrlRule> out;
  const bj::array* list = reader.array(key, Need::optional, kMaxUrlRules);
  if (!list) return out;
  std::string pointer = reader.pointer_of(key);
  for (std::size_t i = 0; i < list->size(); ++i) {
    out.push_back(read_url_rule((*list)[i], json::pointer_append(pointer, i), reader.problems()));
  }
  return out;
}

}  // namespace

UrlRule read_url_rule(const bj::value& value, const std::string& pointer,
                      json::Problems& problems) {
  UrlRule rule;
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return rule;
  if (auto path = r.string("path", Need::required, kMaxUrlBytes)) {
    std::string problem = path_pattern_problem(*path);
    if (!problem.empty()) r.error("path", problem);
    rule.path = std::move(*path);
  }
  if (const bj::array* query = r.array("query", Need::optional, kMaxQueryConditions)) {
    std::string query_pointer = r.pointer_of("query");
    for (std::size_t i = 0; i < query->size(); ++i) {
      ObjectReader q((*query)[i], json::pointer_append(query_pointer, i), problems);
      if (!q.valid()) continue;
      QueryCondition condition;
      if (auto name = q.non_empty_string("name", Need::required, kMaxNameBytes)) {
        condition.name = std::move(*name);
      }
      if (auto op = q.enumeration("op", Need::required, kQueryOps)) condition.op = *op;
      bool needs_value = condition.op == QueryOp::equals || condition.op == QueryOp::contains;
      if (needs_value) {
        if (auto v = q.string("value", Need::required, kMaxUrlBytes)) condition.value = std::move(*v);
      } else if (q.has("value")) {
        q.field("value");
        q.error("value", "not allowed for op " + std::string(json::enum_name(condition.op, kQueryOps)));
      }
      condition.unknown = q.unknown_fields();
      rule.query.push_back(std::move(condition));
    }
  }
  if (auto hash = r.string("hash", Need::optional, kMaxUrlBytes)) rule.hash = std::move(*hash);
  rule.unknown = r.unknown_fields();
  return rule;
}

UrlRules read_url_rules(const bj::value& value, const std::string& pointer,
                        json::Problems& problems) {
  UrlRules rules;
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return rules;
  rules.include = read_rule_list(r, "include");
  rules.exclude = read_rule_list(r, "exclude");
  rules.unknown = r.unknown_fields();
  return rules;
}

bj::object write_url_rule(const UrlRule& rule) {
  bj::object out;
  out["path"] = rule.path;
  if (!rule.query.empty()) {
    bj::array query;
    for (const QueryCondition& c : rule.query) {
      bj::object q;
      q["name"] = c.name;
      q["op"] = json::enum_name(c.op, kQueryOps);
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
