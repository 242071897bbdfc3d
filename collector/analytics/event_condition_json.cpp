#include "analytics/event_condition_json.h"

#include <boost/json/array.hpp>

namespace cairn::analytics {

namespace {

const json::EnumName<FilterOp> kOps[] = {
    {"eq", FilterOp::eq}, {"neq", FilterOp::neq}, {"in", FilterOp::in}, {"contains", FilterOp::contains}};

}  // namespace

std::optional<PropertyValue> read_property_value(const boost::json::value& v, const std::string& pointer,
                                                 json::Problems& problems) {
  if (const boost::json::string* s = v.if_string()) return PropertyValue(std::string(s->data(), s->size()));
  if (const bool* b = v.if_bool()) return PropertyValue(std::string(*b ? "true" : "false"));
  if (v.is_number()) return PropertyValue(property_number_of(v));
  problems.add(pointer, "must be a string, a number or a boolean");
  return std::nullopt;
}

boost::json::value write_property_value(const PropertyValue& value) {
  if (const std::string* s = std::get_if<std::string>(&value)) return boost::json::value(*s);
  const PropertyNumber& number = std::get<PropertyNumber>(value);
  if (number.is_integer()) return boost::json::value(number.integer());
  return boost::json::value(number.to_double());
}

std::optional<EventCondition> read_event_condition(json::ObjectReader& reader) {
  const std::size_t before = reader.problems().total();
  EventCondition c;
  if (std::optional<std::string> event = reader.non_empty_string("event", json::Need::required, kMaxEventNameBytes)) {
    c.event = *event;
  }
  if (const boost::json::array* filters = reader.array("filters", json::Need::optional, 20)) {
    for (std::size_t i = 0; i < filters->size(); ++i) {
      json::ObjectReader f((*filters)[i], json::pointer_append(reader.pointer_of("filters"), i), reader.problems());
      if (!f.valid()) continue;
      PropertyFilter filter;
      if (std::optional<std::string> p = f.non_empty_string("property", json::Need::required, kMaxPropertyKeyBytes)) {
        filter.property = *p;
      }
      std::optional<FilterOp> op = f.enumeration("op", json::Need::required, kOps);
      if (op) filter.op = *op;
      if (op == FilterOp::in) {
        if (const boost::json::array* values = f.array("values", json::Need::required, kMaxFilterValues)) {
          if (values->empty()) f.error("values", "must have at least one value");
          for (std::size_t j = 0; j < values->size(); ++j) {
            if (auto v = read_property_value((*values)[j], json::pointer_append(f.pointer_of("values"), j),
                                             reader.problems())) {
              filter.values.push_back(*v);
            }
          }
        }
      } else if (op) {
        if (const boost::json::value* v = f.field("value", json::Need::required)) {
          if (auto value = read_property_value(*v, f.pointer_of("value"), reader.problems())) {
            if (*op == FilterOp::contains && !std::holds_alternative<std::string>(*value)) {
              f.error("value", "must be a string for op contains");
            }
            filter.values.push_back(*value);
          }
        }
      }
      f.reject_unknown_fields();
      c.filters.push_back(std::move(filter));
    }
  }
  if (reader.problems().total() != before) return std::nullopt;
  return c;
}

void write_event_condition(const EventCondition& condition, boost::json::object& out) {
  out["event"] = condition.event;
  if (condition.filters.empty()) return;
  boost::json::array filters;
  for (const PropertyFilter& f : condition.filters) {
    boost::json::object o;
    o["property"] = f.property;
    o["op"] = json::enum_name(f.op, kOps);
    if (f.op == FilterOp::in) {
      boost::json::array values;
      for (const PropertyValue& v : f.values) values.push_back(write_property_value(v));
      o["values"] = std::move(values);
    } else if (!f.values.empty()) {
      o["value"] = write_property_value(f.values.front());
    }
    filters.push_back(std::move(o));
  }
  out["filters"] = std::move(filters);
}

}  // namespace cairn::analytics
