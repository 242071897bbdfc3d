#include "rules/audience.h"

#include "json/reader.h"
#include "rules/bucket.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <limits>

namespace cairn::rules {

namespace bj = boost::json;

namespace {

// A tree built in code (not through the codec) could be arbitrarily deep; past
// this depth evaluation answers "no" rather than risk the stack.
constexpr std::size_t kEvaluationDepthLimit = 64;

bool both_numbers(const bj::value& a, const bj::value& b) { return a.is_number() && b.is_number(); }

// Numeric comparison that is exact for integers and sensible across int/double.
int compare_numbers(const bj::value& a, const bj::value& b) {
  if (a.is_int64() && b.is_int64()) {
    return a.get_int64() < b.get_int64() ? -1 : (a.get_int64() > b.get_int64() ? 1 : 0);
  }
  if (a.is_uint64() && b.is_uint64()) {
    return a.get_uint64() < b.get_uint64() ? -1 : (a.get_uint64() > b.get_uint64() ? 1 : 0);
  }
  double x = json::number_as_double(a);
  double y = json::number_as_double(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

// Equality without coercion between types; numbers compare by value (3 == 3.0).
bool values_equal(const bj::value& a, const bj::value& b) {
  if (both_numbers(a, b)) return compare_numbers(a, b) == 0;
  return a == b;
}

bool evaluate(const guide::Audience& node, const EvaluationContext& context,
              std::string_view guide_id, std::size_t depth) {
  if (depth > kEvaluationDepthLimit) return false;
  switch (node.kind) {
    case guide::AudienceKind::all:
      for (const guide::Audience& child : node.children) {
        if (!evaluate(child, context, guide_id, depth + 1)) return false;
      }
      return true;
    case guide::AudienceKind::any:
      for (const guide::Audience& child : node.children) {
        if (evaluate(child, context, guide_id, depth + 1)) return true;
      }
      return false;
    case guide::AudienceKind::negate:
      if (node.children.size() != 1) return false;
      return !evaluate(node.children.front(), context, guide_id, depth + 1);
    case guide::AudienceKind::attribute:
      return context.attributes != nullptr &&
             attribute_matches(find_attribute(*context.attributes, node.attribute), node.op,
                               node.value);
    case guide::AudienceKind::event_count: {
      std::int64_t from = std::numeric_limits<std::int64_t>::min();
      if (node.within_ms) {
        from = context.now_ms >= std::numeric_limits<std::int64_t>::min() + *node.within_ms
                   ? context.now_ms - *node.within_ms
                   : std::numeric_limits<std::int64_t>::min();
      }
      std::int64_t count = context.events ? context.events->count(node.event, from, context.now_ms) : 0;
      if (count < node.at_least) return false;
      if (node.at_most && count > *node.at_most) return false;
      return true;
    }
    case guide::AudienceKind::guide_history: {
      if (node.history == guide::HistoryOp::running) {
        return context.running &&
               std::find(context.running->begin(), context.running->end(), node.guide_id) != context.running->end();
      }
      const GuideRecord* record = context.history ? context.history->find(node.guide_id) : nullptr;
      if (!record) return false;
      switch (node.history) {
        // Shown: a holdout start showed nothing (the dashboard's "seen" too).
        case guide::HistoryOp::seen: return record->seen_count > record->held_out_count;
        case guide::HistoryOp::completed: return record->completed_count > 0;
        case guide::HistoryOp::dismissed: return record->dismissed_count > 0;
        case guide::HistoryOp::running: break;  // above
      }
      return false;
    }
    case guide::AudienceKind::rollout:
      return in_rollout(context.user_id, rollout_seed(node, guide_id), node.percent);
  }
  return false;
}

}  // namespace

const bj::value* find_attribute(const bj::object& attributes, std::string_view name) {
  if (auto it = attributes.find(name); it != attributes.end()) return &it->value();
  const bj::object* current = &attributes;
  const bj::value* found = nullptr;
  std::size_t start = 0;
  if (name.find('.') == std::string_view::npos) return nullptr;
  while (start <= name.size()) {
    if (!current) return nullptr;
    std::size_t dot = name.find('.', start);
    std::string_view part = name.substr(start, dot == std::string_view::npos ? name.npos : dot - start);
    auto it = current->find(part);
    if (it == current->end()) return nullptr;
    found = &it->value();
    if (dot == std::string_view::npos) return found;
    current = found->if_object();
    start = dot + 1;
  }
  return nullptr;
}

bool attribute_matches(const bj::value* attribute, guide::AttributeOp op,
                       const bj::value& operand) {
  if (!attribute || attribute->is_null()) return false;
  switch (op) {
    case guide::AttributeOp::exists:
      return true;
    case guide::AttributeOp::eq:
      return values_equal(*attribute, operand);
    case guide::AttributeOp::neq:
      return !values_equal(*attribute, operand);
    case guide::AttributeOp::in: {
      const bj::array* options = operand.if_array();
      if (!options) return false;
      for (const bj::value& option : *options) {
        if (values_equal(*attribute, option)) return true;
      }
      return false;
    }
    case guide::AttributeOp::contains: {
      if (const bj::string* text = attribute->if_string()) {
        const bj::string* needle = operand.if_string();
        return needle && std::string_view(*text).find(std::string_view(*needle)) !=
                             std::string_view::npos;
      }
      if (const bj::array* items = attribute->if_array()) {
        for (const bj::value& item : *items) {
          if (values_equal(item, operand)) return true;
        }
      }
      return false;
    }
    case guide::AttributeOp::starts_with: {
      const bj::string* text = attribute->if_string();
      const bj::string* prefix = operand.if_string();
      return text && prefix && std::string_view(*text).starts_with(std::string_view(*prefix));
    }
    case guide::AttributeOp::gt:
    case guide::AttributeOp::lt: {
      int order = 0;
      if (both_numbers(*attribute, operand)) {
        order = compare_numbers(*attribute, operand);
      } else if (attribute->is_string() && operand.is_string()) {
        int c = std::string_view(attribute->get_string()).compare(std::string_view(operand.get_string()));
        order = c < 0 ? -1 : (c > 0 ? 1 : 0);
      } else {
        return false;
      }
      return op == guide::AttributeOp::gt ? order > 0 : order < 0;
    }
  }
  return false;
}

bool audience_matches(const guide::Audience& audience, const EvaluationContext& context,
                      std::string_view guide_id) {
  return evaluate(audience, context, guide_id, 0);
}

}  // namespace cairn::rules
