// Reading and writing the audience predicate tree (guide::Audience).
//
// JSON: each node is an object with exactly one of the keys that name its kind:
//   {"all": [...]}  {"any": [...]}  {"not": {...}}
//   {"attribute": "plan", "op": "eq", "value": "pro"}
//   {"event": "export_clicked", "at_least": 3, "at_most": 10, "within_ms": 604800000}
//   {"guide": "welcome", "history": "completed"}
//   {"rollout": 25, "salt": "beta-2026"}
#include "guide/guide_codec.h"
#include "guide/guide_codec_parts.h"

#include <boost/json/array.hpp>

#include <cmath>
#include <string>

namespace cairn::guide::codec {

namespace bj = boost::json;
using json::Need;
using json::ObjectReader;

namespace {

constexpr json::EnumName<AttributeOp> kAttributeOps[] = {
    {"eq", AttributeOp::eq},         {"neq", AttributeOp::neq},
    {"in", AttributeOp::in},         {"contains", AttributeOp::contains},
    {"starts_with", AttributeOp::starts_with}, {"gt", AttributeOp::gt},
    {"lt", AttributeOp::lt},         {"exists", AttributeOp::exists},
};

constexpr json::EnumName<HistoryOp> kHistoryOps[] = {
    {"seen", HistoryOp::seen},
    {"completed", HistoryOp::completed},
    {"dismissed", HistoryOp::dismissed},
};

constexpr std::string_view kKindKeys[] = {"all", "any", "not", "attribute", "event", "guide", "rollout"};

bool is_scalar(const bj::value& v) { return v.is_string() || v.is_number() || v.is_bool(); }

// Strings compared by attribute predicates are capped like names and titles.
bool scalar_within_limits(const bj::value& v) {
  const bj::string* s = v.if_string();
  return !s || s->size() <= kMaxTitleBytes;
}

void read_operand(ObjectReader& r, Audience& node) {
  const bj::value* value = r.field("value", node.op == AttributeOp::exists ? Need::optional
                                                                              : Need::required);
  std::string op_name(json::enum_name(node.op, kAttributeOps));
  if (node.op == AttributeOp::exists) {
    if (value) r.error("value", "not allowed for op exists");
    return;
  }
  if (!value) return;
  switch (node.op) {
    case AttributeOp::in: {
      const bj::array* options = value->if_array();
      if (!options || options->empty()) {
        r.error("value", "must be a non-empty array for op in");
        return;
      }
      if (options->size() > kMaxInValues) {
        r.error("value", "has " + std::to_string(options->size()) + " items; the limit is " +
                             std::to_string(kMaxInValues));
        return;
      }
      for (std::size_t i = 0; i < options->size(); ++i) {
        if (!is_scalar((*options)[i]) || !scalar_within_limits((*options)[i])) {
          r.problems().add(json::pointer_append(r.pointer_of("value"), i),
                           "must be a string, number or boolean of at most " +
                               std::to_string(kMaxTitleBytes) + " bytes");
          return;
        }
      }
      break;
    }
    case AttributeOp::starts_with:
      if (!value->is_string()) {
        r.error("value", "must be a string for op starts_with");
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
    r.error("value", "is longer than " + std::to_string(kMaxTitleBytes) + " bytes");
    return;
  }
  if (const double* d = value->if_double(); d && !std::isfinite(*d)) {
    r.error("value", "must be a finite number");
    return;
  }
  node.value = *value;
}

}  // namespace

Audience read_audience(const bj::value& value, const std::string& pointer,
                       json::Problems& problems, std::size_t depth, std::size_t& budget) {
  Audience node;
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return node;
  if (budget == 0) {
    r.error_here("the audience has more than " + std::to_string(kMaxAudienceNodes) + " predicates");
    return node;
  }
  --budget;
  std::string_view kind_key;
  std::size_t kinds = 0;
  for (std::string_view key : kKindKeys) {
    if (r.has(key)) {
      ++kinds;
      if (kind_key.empty()) kind_key = key;
    }
  }
  if (kinds != 1) {
    r.error_here(kinds == 0 ? "must have one of: all, any, not, attribute, event, guide, rollout"
                            : "must have only one of: all, any, not, attribute, event, guide, rollout");
    return node;
  }
  if (kind_key == "all" || kind_key == "any" || kind_key == "not") {
    node.kind = kind_key == "all" ? AudienceKind::all
                                  : (kind_key == "any" ? AudienceKind::any : AudienceKind::negate);
    if (depth >= kMaxAudienceDepth) {
      r.field(kind_key);
      r.error(kind_key, "nesting deeper than " + std::to_string(kMaxAudienceDepth) + " levels");
      return node;
    }
    if (node.kind == AudienceKind::negate) {
      if (const bj::value* child = r.field("not")) {
        node.children.push_back(read_audience(*child, r.pointer_of("not"), problems, depth + 1, budget));
      }
    } else if (const bj::array* children = r.array(kind_key, Need::required, kMaxAudienceNodes)) {
      std::string list_pointer = r.pointer_of(kind_key);
      for (std::size_t i = 0; i < children->size() && budget > 0; ++i) {
        node.children.push_back(read_audience((*children)[i], json::pointer_append(list_pointer, i),
                                              problems, depth + 1, budget));
      }
      if (budget == 0 && node.children.size() < children->size()) {
        r.error(kind_key, "the audience has more than " + std::to_string(kMaxAudienceNodes) +
                              " predicates");
      }
    }
  } else if (kind_key == "attribute") {
    node.kind = AudienceKind::attribute;
    if (auto name = r.non_empty_string("attribute", Need::required, kMaxNameBytes)) {
      node.attribute = std::move(*name);
    }
    if (auto op = r.enumeration("op", Need::required, kAttributeOps)) {
      node.op = *op;
      read_operand(r, node);
    } else {
      r.field("value");
    }
  } else if (kind_key == "event") {
    node.kind = AudienceKind::event_count;
    if (auto event = r.non_empty_string("event", Need::required, kMaxNameBytes)) {
      node.event = std::move(*event);
    }
    if (auto at_least = r.integer("at_least", Need::optional, 0, kMaxEventCount)) {
      node.at_least = *at_least;
    }
    node.at_most = r.integer("at_most", Need::optional, 0, kMaxEventCount);
    node.within_ms = r.integer("within_ms", Need::optional, 1, kMaxWindowMs);
    if (node.at_most && *node.at_most < node.at_least) {
      r.error("at_most", "must not be less than at_least (" + std::to_string(node.at_least) + ")");
    }
  } else if (kind_key == "guide") {
    node.kind = AudienceKind::guide_history;
    if (auto id = read_id(r, "guide", Need::required)) node.guide_id = std::move(*id);
    if (auto history = r.enumeration("history", Need::required, kHistoryOps)) node.history = *history;
  } else {
    node.kind = AudienceKind::rollout;
    if (auto percent = read_percent(r, "rollout", Need::required)) node.percent = *percent;
    if (auto salt = r.non_empty_string("salt", Need::optional, kMaxIdBytes)) node.salt = std::move(*salt);
  }
  node.unknown = r.unknown_fields();
  return node;
}

}  // namespace cairn::guide::codec

namespace cairn::guide {

namespace bj = boost::json;

std::optional<Audience> parse_audience(const bj::value& value, std::string_view pointer,
                                       json::Problems& problems) {
  std::size_t before = problems.total();
  std::size_t budget = kMaxAudienceNodes;
  Audience audience = codec::read_audience(value, std::string(pointer), problems, 0, budget);
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
      out["op"] = json::enum_name(node.op, codec::kAttributeOps);
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
      out["history"] = json::enum_name(node.history, codec::kHistoryOps);
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
