// Problems: every reason a JSON document was rejected, each with the JSON Pointer
// (RFC 6901) of the offending value. Parsers in Cairn never stop at the first
// problem: an author fixing a guide wants the whole list at once.
//
// Threading: a Problems object belongs to one parse; not thread-safe.
#pragma once

#include <boost/json/array.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::json {

struct Problem {
  std::string pointer;  // "" is the whole document, "/steps/2/target" a field.
  std::string reason;   // One sentence, lower case, no trailing period.
};

class Problems {
 public:
  // Beyond this many problems further ones are counted but not stored, so a
  // hostile document cannot make the error report larger than the document.
  static constexpr std::size_t kMaxStored = 100;

  void add(std::string pointer, std::string reason);
  // The same for literals, the usual call: the strings are made in here, not
  // at each call site.
  void add(const char* pointer, const char* reason);
  void add(const char* pointer, std::string reason);
  void add(std::string pointer, const char* reason);

  bool empty() const { return total_ == 0; }
  std::size_t total() const { return total_; }
  const std::vector<Problem>& stored() const { return stored_; }

  // "/steps/2/target: required for kind tooltip; /name: must be a string"
  std::string summary() const;
  // [{"pointer": "...", "reason": "..."}, ...] plus a final entry counting the
  // problems that were not stored, if any.
  boost::json::array to_json() const;

 private:
  std::vector<Problem> stored_;
  std::size_t total_ = 0;
};

// JSON Pointer of `key` / `index` under `base`, escaping "~" and "/" in keys.
std::string pointer_append(std::string_view base, std::string_view key);
std::string pointer_append(std::string_view base, std::size_t index);

}  // namespace cairn::json
