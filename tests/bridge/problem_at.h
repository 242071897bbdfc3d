// has_problem_at(): whether a bridge export's answer lists a problem at a
// field, for the tests of inputs refused with where and why.
#pragma once

#include <boost/json/value.hpp>

#include <string>

// True when one of the answer's problems is at `pointer` or under it. A
// recorder answer's "problems" may be an event's summary string: not a list.
inline bool has_problem_at(const boost::json::object& answer, const std::string& pointer) {
  const boost::json::value* problems = answer.if_contains("problems");
  if (problems == nullptr || !problems->is_array()) return false;
  for (const boost::json::value& p : problems->get_array()) {
    if (std::string(p.at("pointer").as_string()).rfind(pointer, 0) == 0) return true;
  }
  return false;
}
