#include "event/value_shape.h"

#include "json/problems.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <cmath>
#include <string_view>

namespace cairn::event {

namespace bj = boost::json;

namespace {

// Bytes a string takes in JSON text: quotes plus each character, escapes at most 6.
std::size_t quoted_bytes(std::string_view s) {
  std::size_t n = 2;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    n += (u < 0x20 || c == '"' || c == '\\') ? 6 : 1;
  }
  return n;
}

class ShapeWalker {
 public:
  struct PathSegment {
    const PathSegment* parent;  // nullptr for a member of the top value.
    std::string_view key;
    std::size_t index;  // Array position + 1; 0 means an object key.
  };

  ShapeWalker(const ShapeLimits& limits, ValueShape& out) : limits_(limits), out_(out) {}

  // `path` is where `v` sits: a chain of segments on the callers' stack frames
  // (nullptr at the top), read only to build an offender's pointer.
  void walk(const bj::value& v, std::size_t depth, const PathSegment* path) {
    if (depth > out_.depth) out_.depth = depth;
    switch (v.kind()) {
      case bj::kind::object: {
        const bj::object& o = v.get_object();
        if (!enter(depth)) return;
        out_.serialized_bytes += 2;
        for (const bj::key_value_pair& kv : o) {
          if (!count_member()) return;
          const PathSegment segment{path, kv.key(), 0};
          check_string(kv.key(), &segment);
          out_.serialized_bytes += quoted_bytes(kv.key()) + 2;
          walk(kv.value(), depth + 1, &segment);
        }
        return;
      }
      case bj::kind::array: {
        const bj::array& a = v.get_array();
        if (!enter(depth)) return;
        out_.serialized_bytes += 2;
        for (std::size_t i = 0; i < a.size(); ++i) {
          if (!count_member()) return;
          out_.serialized_bytes += 1;
          const PathSegment segment{path, {}, i + 1};
          walk(a[i], depth + 1, &segment);
        }
        return;
      }
      case bj::kind::string: {
        const bj::string& s = v.get_string();
        out_.serialized_bytes += quoted_bytes(s);
        check_string(s, path);
        return;
      }
      case bj::kind::double_:
        out_.serialized_bytes += 24;  // Longest double; integers, true/false/null are shorter.
        if (!out_.non_finite_number && !std::isfinite(v.get_double())) {
          out_.non_finite_number = true;
          out_.non_finite_pointer = pointer_of(path);
        }
        return;
      default:
        out_.serialized_bytes += 24;
        return;
    }
  }

 private:
  // A container at `depth` has its members at depth + 1.
  bool enter(std::size_t depth) {
    if (depth + 1 > out_.depth) out_.depth = depth + 1;
    if (depth + 1 > limits_.max_depth) {
      out_.too_deep = true;
      return false;
    }
    return !out_.too_many_members;
  }

  bool count_member() {
    if (++out_.members > limits_.max_members) {
      out_.too_many_members = true;
      return false;
    }
    return true;
  }

  // Pointers are built only for the offender, so the common case allocates nothing.
  void check_string(std::string_view s, const PathSegment* path) {
    if (out_.string_too_long || s.size() <= limits_.max_string_bytes) return;
    out_.string_too_long = true;
    out_.long_string_bytes = s.size();
    out_.long_string_pointer = pointer_of(path);
  }

  static std::string pointer_of(const PathSegment* segment) {
    if (!segment) return {};
    const std::string parent = pointer_of(segment->parent);
    return segment->index == 0 ? json::pointer_append(parent, segment->key)
                               : json::pointer_append(parent, segment->index - 1);
  }

  const ShapeLimits& limits_;
  ValueShape& out_;
};

}  // namespace

ValueShape measure_shape(const bj::value& value, const ShapeLimits& limits) {
  ValueShape out;
  ShapeWalker(limits, out).walk(value, 0, nullptr);
  return out;
}

}  // namespace cairn::event
