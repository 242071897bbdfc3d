#include "analytics/event_condition.h"

#include <algorithm>

namespace cairn::analytics {

namespace {

bool equal_values(const PropertyValue& a, const PropertyValue& b) {
  if (a.index() != b.index()) return false;
  if (const std::string* text = std::get_if<std::string>(&a)) return *text == std::get<std::string>(b);
  return std::get<PropertyNumber>(a) == std::get<PropertyNumber>(b);
}

}  // namespace

bool filter_passes(const PropertyFilter& filter, const std::optional<PropertyValue>& value) {
  switch (filter.op) {
    case FilterOp::eq:
    case FilterOp::in:
      if (!value) return false;
      return std::any_of(filter.values.begin(), filter.values.end(),
                         [&](const PropertyValue& v) { return equal_values(*value, v); });
    case FilterOp::neq:
      if (!value) return true;
      return std::none_of(filter.values.begin(), filter.values.end(),
                          [&](const PropertyValue& v) { return equal_values(*value, v); });
    case FilterOp::contains: {
      const std::string* text = value ? std::get_if<std::string>(&*value) : nullptr;
      if (!text) return false;
      return std::any_of(filter.values.begin(), filter.values.end(), [&](const PropertyValue& v) {
        const std::string* needle = std::get_if<std::string>(&v);
        return needle && text->find(*needle) != std::string::npos;
      });
    }
  }
  return false;
}

std::optional<CompiledCondition> CompiledCondition::compile(const EventCondition& condition,
                                                            const EventIndex& index,
                                                            std::vector<std::string>& missing_keys) {
  CompiledCondition compiled;
  compiled.name_ = index.event_name_id(condition.event);
  bool complete = true;
  for (const PropertyFilter& filter : condition.filters) {
    std::optional<std::size_t> column = index.property_column(filter.property);
    if (!column) {
      complete = false;
      missing_keys.push_back(filter.property);
      continue;
    }
    const ValueDictionary& dictionary = index.values(*column);
    Compiled f;
    f.column = *column;
    f.passes.assign(dictionary.size(), 0);
    f.passes[ValueDictionary::kAbsent] = filter_passes(filter, std::nullopt);
    for (std::uint32_t id = 1; id < dictionary.size(); ++id) {
      f.passes[id] = filter_passes(filter, dictionary.value(id));
    }
    compiled.filters_.push_back(std::move(f));
  }
  if (!complete) return std::nullopt;
  return compiled;
}

void collect_property_keys(const EventCondition& condition, std::vector<std::string>* keys) {
  for (const PropertyFilter& f : condition.filters) {
    if (std::find(keys->begin(), keys->end(), f.property) == keys->end()) keys->push_back(f.property);
  }
}

}  // namespace cairn::analytics
