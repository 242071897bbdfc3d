// ValueShape: the size and shape of a JSON value, measured in one walk, so that
// the event limits (depth, member count, string length, serialized size) cost one
// pass and no serialization. Internal to the event codec.
//
// Threading: pure function.
#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <string>

namespace cairn::event {

struct ShapeLimits {
  std::size_t max_depth;
  std::size_t max_members;
  std::size_t max_string_bytes;
};

struct ValueShape {
  std::size_t depth = 0;          // 0 for a scalar, 1 for {} or [1], 2 for {"a": {}} ...
  std::size_t members = 0;        // Object keys plus array items, at every depth.
  std::size_t serialized_bytes = 0;  // Upper bound of its JSON text (escapes counted as 6 bytes).
  // First string or key longer than the limit, as a JSON Pointer relative to the
  // value ("" = none); strings are not measured past the first offender.
  bool string_too_long = false;
  std::string long_string_pointer;
  std::size_t long_string_bytes = 0;
  // First number that is not finite (JSON text like 1e999 parses to infinity,
  // which cannot be written back as JSON), relative pointer.
  bool non_finite_number = false;
  std::string non_finite_pointer;
  // The walk stops descending once depth or member limits are passed, so a
  // hostile value costs no more than the limits allow.
  bool too_deep = false;
  bool too_many_members = false;
};

ValueShape measure_shape(const boost::json::value& value, const ShapeLimits& limits);

}  // namespace cairn::event
