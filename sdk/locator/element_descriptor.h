// ElementDescriptor: what the browser adapter measures about one element of the
// page (tag, id, classes, identity attributes, accessible name, text, geometry,
// ancestor chain, nearby texts). It is the unit both of capture (the author's
// chosen element) and of lookup (every candidate on the current page). The JSON
// form and every cap are specified in docs/fingerprint.md; descriptor_codec.h is
// the only reader and writer.
//
// A descriptor is plain data: no invariants beyond those the codec enforces
// (caps, a non-empty lower-case tag). Threading: a value type; share it freely
// once built, it is never mutated behind the caller's back.
#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::locator {

// Named limits (docs/fingerprint.md explains which truncate and which reject).
struct DescriptorLimits {
  static constexpr std::size_t kMaxTagBytes = 64;           // reject
  static constexpr std::size_t kMaxIdBytes = 256;           // truncate
  static constexpr std::size_t kMaxClasses = 64;            // drop extra
  static constexpr std::size_t kMaxClassBytes = 128;        // truncate
  static constexpr std::size_t kMaxAttributes = 64;         // reject
  static constexpr std::size_t kMaxAttributeNameBytes = 64; // reject
  static constexpr std::size_t kMaxAttributeValueBytes = 1024;  // truncate
  static constexpr std::size_t kMaxRoleBytes = 64;          // truncate
  static constexpr std::size_t kMaxTextBytes = 256;         // truncate (text, name, label, heading)
  static constexpr std::size_t kMaxAncestors = 32;          // drop farthest
  static constexpr std::size_t kMaxNeighbors = 8;           // drop extra
  static constexpr std::size_t kMaxNeighborBytes = 128;     // truncate
  static constexpr std::int64_t kMaxIndex = 100000;         // reject
  static constexpr double kMaxCoordinate = 1e7;             // reject
};

struct Rect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
};

struct Attribute {
  std::string name;
  std::string value;
};

// One parent element, as seen from the described element.
struct AncestorLevel {
  std::string tag;
  std::string id;
  std::vector<std::string> classes;
  std::string role;
  int index = 0;  // 0-based position among same-tag siblings.
};

struct ElementDescriptor {
  std::string tag;  // lower case, never empty once decoded.
  std::string id;
  std::vector<std::string> classes;
  std::vector<Attribute> attributes;
  std::string role;
  std::string name;  // accessible name
  std::string text;  // visible text, whitespace collapsed
  Rect rect;
  bool has_rect = false;
  bool visible = true;
  int index = 0;
  std::vector<AncestorLevel> ancestors;  // nearest parent first
  std::string label;
  std::string heading;
  std::vector<std::string> neighbors;
  boost::json::object unknown;  // fields this build does not know, kept for round trips

  // The value of attribute `name`, or "" when absent.
  std::string_view attribute(std::string_view attribute_name) const;
};

}  // namespace cairn::locator
