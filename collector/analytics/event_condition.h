// EventCondition: "an event named X whose properties pass these filters", the
// building block of funnel steps, exclusions, goals and trend series.
//
// Filter semantics (docs/analytics.md, "Filters"):
//   eq        the property is present and equal to the value (a string equals
//             only a string, a number only a number, numerically);
//   neq       NOT eq: an absent property passes;
//   in        the property equals any of the values;
//   contains  the property is a string that contains the value (a string),
//             case-sensitively.
// All filters of a condition must pass.
//
// A CompiledCondition is a condition resolved against one EventIndex: the name
// becomes an id and every filter becomes a table "value id -> passes", so that
// testing an event costs a few array reads.
//
// Threading: values. A CompiledCondition is immutable after compile() and may
// be shared by threads; it must not outlive the index it was compiled for, and
// the index must not change while it is used.
#pragma once

#include "analytics/event_index.h"
#include "analytics/event_row.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cairn::analytics {

enum class FilterOp { eq, neq, in, contains };

struct PropertyFilter {
  std::string property;
  FilterOp op = FilterOp::eq;
  std::vector<PropertyValue> values;  // eq/neq/contains: exactly one; in: one or more.

  bool operator==(const PropertyFilter&) const = default;
};

struct EventCondition {
  std::string event;
  std::vector<PropertyFilter> filters;

  bool operator==(const EventCondition&) const = default;
};

// True when `value` (nullopt = absent) passes `filter`: the one definition the
// compiled form and the reference implementation both use.
bool filter_passes(const PropertyFilter& filter, const std::optional<PropertyValue>& value);

class CompiledCondition {
 public:
  // Resolves `condition` against `index`. Returns nullopt and appends the
  // missing keys to `*missing_keys` when a filtered property has no column.
  static std::optional<CompiledCondition> compile(const EventCondition& condition,
                                                  const EventIndex& index,
                                                  std::vector<std::string>& missing_keys);

  // True when event `i` of `t` satisfies the condition.
  bool matches(const UserTimeline& t, std::size_t i) const {
    if (!name_ || t.name[i] != *name_) return false;
    for (const Compiled& f : filters_) {
      if (!f.passes[t.property[f.column][i]]) return false;
    }
    return true;
  }

  // False when no event can ever match (unknown name or an impossible filter).
  bool can_match() const { return name_.has_value(); }

 private:
  struct Compiled {
    std::size_t column = 0;
    std::vector<std::uint8_t> passes;  // Indexed by value id; id 0 = absent.
  };
  std::optional<std::uint32_t> name_;
  std::vector<Compiled> filters_;
};

// The property keys `conditions` filter on (for EventIndex columns).
void collect_property_keys(const EventCondition& condition, std::vector<std::string>* keys);

}  // namespace cairn::analytics
