// Reading and writing the audience predicate tree (guide::Audience).
//
// JSON: each node is an object with exactly one of the keys that name its kind:
//   {"all": [...]}  {"any": [...]}  {"not": {...}}
//   {"attribute": "plan", "op": "eq", "value": "pro"}
//   {"event": "export_clicked", "at_least": 3, "at_most": 10, "within_ms": 604800000}
//   {"guide": "welcome", "history": "completed"}
//   {"rollout": 25, "salt": "beta-2026"}
#include "guide/guide_codec.h"
#include "guide/enum_field.h"
#include "guide/guide_codec_parts.h"
#include "json/compact_writer.h"

#include <boost/json/array.hpp>

#include <cmath>
#include <string>

namespace cairn::guide::codec {

namespace bj = boost::json;
using json::Need;
using json::ObjectReader;

namespace {

constexpr std::string_view kAttributeOps[] = {  // by AttributeOp value
    "eq", "neq", "in", "contains", "starts_with", "gt", "lt", "exists",
};
static_assert(names_every(kAttributeOps, AttributeOp::exists));

constexpr std::string_view kHistoryOps[] = {  // by HistoryOp value
    "seen", "completed", "dismissed", "running",
};
static_assert(names_every(kHistoryOps, HistoryOp::running));

// The key that names a node's kind, by AudienceKind value.
constexpr std::string_view kKindKeys[] = {"all", "any", "not", "attribute", "event", "guide", "rollout"};
static_assert(names_every(kKindKeys, AudienceKind::rollout));

bool is_scalar(const bj::value& v) { return v.is_string() || v.is_number() || v.is_bool(); }

// Strings compared by attribute predicates are capped like names and titles.
bool scalar_within_limits(const bj::value& v) {
  const bj::string* s = v.if_string();
  return !s || s->size() <= kMaxTitleBytes;
}

void read_operand(ObjectReader& r, Audience& node) {
  const bj::value* value = r.field("value", node.op == AttributeOp::exists ? Need::optional
                                                                              : Need::required);
  std::string op_name(enum_name(node.op, kAttributeOps));
  if (node.op == AttributeOp::exists) {
    if (value) report(r, "value", "not allowed for op exists");
    return;
  }
  if (!value) return;
  switch (node.op) {
    case AttributeOp::in: {
      const bj::array* options = value->if_array();
      if (!options || options->empty()) {
        report(r, "value", "must be a non-empty array for op in");
        return;
      }
      if (options->size() > kMaxInValues) {
        r.error("value", "has " + json::integer_text(options->size()) + " items; the limit is " +
                             json::integer_text(kMaxInValues));
        return;
      }
      for (std::size_t i = 0; i < options->size(); ++i) {
        if (!is_scalar((*options)[i]) || !scalar_within_limits((*options)[i])) {
          r.problems().add(json::pointer_append(r.pointer_of("value"), i),
                           "must be a string, number or boolean of at most " +
                               json::integer_text(kMaxTitleBytes) + " bytes");
          return;
        }
      }
      break;
    }
    case AttributeOp::starts_with:
      if (!value->is_string()) {
        report(r, "value", "must be a string for op starts_with");
        return;
      }
      break;
    case AttributeOp::gt:
    case AttributeOp::lt:
      if (!value->is_number() && !value->is_string()) {
        r.error("value", "must be a number or a string for op " + op_name);
        return;
      }
      break;
    default:
      if (!is_scalar(*value)) {
        r.error("value", "must be a string, number or boolean for op " + op_name);
        return;
      }
      break;
  }
  if (!value->is_array() && !scalar_within_limits(*value)) {
    r.error("value", "is longer than " + json::integer_text(kMaxTitleBytes) + " bytes");
    return;
  }
  if (const double* d = value->if_double(); d && !std::isfinite(*d)) {
    report(r, "value", "must be a finite number");
    return;
  }
  node.value = *value;
}

}  // namespace

void read_audience(const bj::value& value, const std::string& pointer, json::Problems& problems,
                   std::size_t depth, std::size_t& budget, Audience& node) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  if (budget == 0) {
    r.error_here("the audience has more than " + json::integer_text(kMaxAudienceNodes) + " predicates");
    return;
  }
  --budget;
  std::size_t kind_index = 0;
  std::size_t kinds = 0;
  for (std::size_t k = 0; k < std::size(kKindKeys); ++k) {
    if (r.has(kKindKeys[k]) && kinds++ == 0) kind_index = k;
  }
  if (kinds != 1) {
    r.error_here(kinds == 0 ? "must have one of: all, any, not, attribute, event, guide, rollout"
                            : "must have only one of: all, any, not, attribute, event, guide, rollout");
    return;
  }
  std::string_view kind_key = kKindKeys[kind_index];
  node.kind = static_cast<AudienceKind>(kind_index);
  switch (node.kind) {
    case AudienceKind::all:
    case AudienceKind::any:
    case AudienceKind::negate:
      if (depth >= kMaxAudienceDepth) {
        r.field(kind_key);
        r.error(kind_key, "nesting deeper than " + json::integer_text(kMaxAudienceDepth) + " levels");
        return;
      }
      if (node.kind == AudienceKind::negate) {
        if (const bj::value* child = r.field("not")) {
          read_audience(*child, r.pointer_of("not"), problems, depth + 1, budget,
                        node.children.emplace_back());
        }
      } else if (const bj::array* children = r.array(kind_key, Need::required, kMaxAudienceNodes)) {
        std::string list_pointer = r.pointer_of(kind_key);
        for (std::size_t i = 0; i < children->size() && budget > 0; ++i) {
          read_audience((*children)[i], json::pointer_append(list_pointer, i), problems, depth + 1,
                        budget, node.children.emplace_back());
        }
        if (budget == 0 && node.children.size() < children->size()) {
          r.error(kind_key, "the audience has more than " + json::integer_text(kMaxAudienceNodes) +
                                " predicates");
        }
      }
      break;
    case AudienceKind::attribute:
      read_non_empty(r, "attribute", Need::required, kMaxNameBytes, node.attribute);
      if (auto op = read_enum<AttributeOp>(r, "op", Need::required, kAttributeOps)) {
        node.op = *op;
        read_operand(r, node);
      } else {
        r.field("value");
      }
      break;
    case AudienceKind::event_count:
      read_non_empty(r, "event", Need::required, kMaxNameBytes, node.event);
      read_integer(r, "at_least", Need::optional, 0, kMaxEventCount, node.at_least);
      node.at_most = r.integer("at_most", Need::optional, 0, kMaxEventCount);
      node.within_ms = r.integer("within_ms", Need::optional, 1, kMaxWindowMs);
      if (node.at_most && *node.at_most < node.at_least) {
        r.error("at_most", "must not be less than at_least (" + json::integer_text(node.at_least) + ")");
      }
      break;
    case AudienceKind::guide_history:
      read_id(r, "guide", Need::required, node.guide_id);
      if (auto history = read_enum<HistoryOp>(r, "history", Need::required, kHistoryOps)) node.history = *history;
      break;
    case AudienceKind::rollout:
      if (auto percent = read_percent(r, "rollout", Need::required)) node.percent = *percent;
      read_non_empty(r, "salt", Need::optional, kMaxIdBytes, node.salt);
      break;
  }
  keep_unknown(r, node.unknown);
}

}  // namespace cairn::guide::codec

namespace cairn::guide {

namespace bj = boost::json;

std::optional<Audience> parse_audience(const bj::value& value, std::string_view pointer,
                                       json::Problems& problems) {
  std::size_t before = problems.total();
  std::size_t budget = kMaxAudienceNodes;
  Audience audience;
  codec::read_audience(value, std::string(pointer), problems, 0, budget, audience);
  if (problems.total() != before) return std::nullopt;
  return audience;
}

bj::object write_audience(const Audience& node) {
  bj::object out;
  auto children = [&] {
    bj::array list;
    for (const Audience& child : node.children) list.push_back(write_audience(child));
    return list;
  };
  switch (node.kind) {
    case AudienceKind::all: out["all"] = children(); break;
    case AudienceKind::any: out["any"] = children(); break;
    case AudienceKind::negate:
      out["not"] = node.children.empty() ? bj::object() : write_audience(node.children.front());
      break;
    case AudienceKind::attribute:
      out["attribute"] = node.attribute;
      out["op"] = codec::enum_name(node.op, codec::kAttributeOps);
      if (node.op != AttributeOp::exists) out["value"] = node.value;
      break;
    case AudienceKind::event_count:
      out["event"] = node.event;
      out["at_least"] = node.at_least;
      if (node.at_most) out["at_most"] = *node.at_most;
      if (node.within_ms) out["within_ms"] = *node.within_ms;
      break;
    case AudienceKind::guide_history:
      out["guide"] = node.guide_id;
      out["history"] = codec::enum_name(node.history, codec::kHistoryOps);
      break;
    case AudienceKind::rollout:
      out["rollout"] = codec::percent_value(node.percent);
      if (!node.salt.empty()) out["salt"] = node.salt;
      break;
  }
  json::merge_unknown_fields(out, node.unknown);
  return out;
}

}  // namespace cairn::guide
