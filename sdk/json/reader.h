// Reading JSON documents into Cairn's types: one way, used by every codec.
//
// parse_document() parses text with bounded depth and size and reports syntax
// errors as a Problem. ObjectReader walks one JSON object: each typed getter
// checks the field's type and range, records a precise Problem when it is wrong,
// and marks the key as read so that unknown_fields() can return the rest. Codecs
// keep those unknown fields and write them back, so a document written by a newer
// editor survives a round trip through an older collector or SDK.
//
// Getters never throw on bad input; they return std::nullopt (or nullptr) and add
// a Problem. A missing optional field is not a problem.
//
// Threading: an ObjectReader is used by one thread, and must not outlive the
// value it reads or the Problems it writes to.
#pragma once

#include "json/problems.h"

#include <boost/json/value.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn::json {

struct ParseLimits {
  std::size_t max_bytes = 1 << 20;  // Documents larger than this are refused unread.
  std::size_t max_depth = 32;       // Nesting beyond this is refused (stack safety).
};

// Parses `text` as one JSON value. On failure adds a Problem at "" (the whole
// document) that says what is wrong and at which byte, and returns nullopt.
std::optional<boost::json::value> parse_document(std::string_view text, Problems& problems,
                                                 const ParseLimits& limits = {});

enum class Need { optional, required };

// Default cap on any string a codec reads; codecs pass smaller caps where
// they know better (ids, names).
inline constexpr std::size_t kDefaultMaxStringBytes = 64 * 1024;

template <class E>
struct EnumName {
  std::string_view name;
  E value;
};

class ObjectReader {
 public:
  // If `value` is not an object, adds "must be an object" at `pointer` and the
  // reader is invalid: every getter then returns nothing without new problems.
  ObjectReader(const boost::json::value& value, std::string pointer, Problems& problems);
  // The same for a literal pointer ("" or "/config"): its string is made in
  // here, not at each call site (-89 B of the gzipped WASM, session 10).
  ObjectReader(const boost::json::value& value, const char* pointer, Problems& problems);

  bool valid() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  std::string pointer_of(std::string_view key) const { return pointer_append(pointer_, key); }
  Problems& problems() const { return *problems_; }

  // True when the key is present (whatever its type). Does not mark it read.
  bool has(std::string_view key) const;

  // The raw field, marked read; nullptr when absent (a Problem if required).
  const boost::json::value* field(std::string_view key, Need need = Need::optional);

  std::optional<std::string> string(std::string_view key, Need need = Need::optional,
                                    std::size_t max_bytes = kDefaultMaxStringBytes);
  // A string that must not be empty (after trimming nothing: exact).
  std::optional<std::string> non_empty_string(std::string_view key, Need need = Need::optional,
                                              std::size_t max_bytes = kDefaultMaxStringBytes);
  std::optional<std::int64_t> integer(std::string_view key, Need need, std::int64_t min,
                                      std::int64_t max);
  std::optional<double> number(std::string_view key, Need need, double min, double max);
  std::optional<bool> boolean(std::string_view key, Need need = Need::optional);
  const boost::json::array* array(std::string_view key, Need need = Need::optional,
                                  std::size_t max_items = 1000);
  const boost::json::object* object(std::string_view key, Need need = Need::optional);

  // Reads `key` as one of `names` and returns its index, or -1 when the
  // field is absent or wrong: a missing required key, a non-string or an
  // unknown name adds a problem ("unknown value \"x\"; must be one of: a, b").
  // Not a template, so the WASM SDK has one copy of it, not one per enum.
  int enum_index(std::string_view key, Need need, std::span<const std::string_view> names);

  template <class E, std::size_t N>
  std::optional<E> enumeration(std::string_view key, Need need, const EnumName<E> (&names)[N]) {
    std::array<std::string_view, N> texts;
    for (std::size_t i = 0; i < N; ++i) texts[i] = names[i].name;
    const int index = enum_index(key, need, texts);
    if (index < 0) return std::nullopt;
    return names[index].value;
  }

  // Adds a Problem at this object's field `key`.
  void error(std::string_view key, std::string reason);

  // The same for a literal key, the usual call: the key's string_view (a
  // strlen) is made once, in here. Made at each call site it was a call
  // there too (-Oz keeps it): 491 B of the gzipped WASM (bench/sdk/RESULTS.md,
  // session 9).
  bool has(const char* key) const;
  const boost::json::value* field(const char* key, Need need = Need::optional);
  std::optional<std::string> string(const char* key, Need need = Need::optional,
                                    std::size_t max_bytes = kDefaultMaxStringBytes);
  std::optional<std::string> non_empty_string(const char* key, Need need = Need::optional,
                                              std::size_t max_bytes = kDefaultMaxStringBytes);
  std::optional<std::int64_t> integer(const char* key, Need need, std::int64_t min, std::int64_t max);
  std::optional<double> number(const char* key, Need need, double min, double max);
  std::optional<bool> boolean(const char* key, Need need = Need::optional);
  const boost::json::array* array(const char* key, Need need = Need::optional,
                                  std::size_t max_items = 1000);
  const boost::json::object* object(const char* key, Need need = Need::optional);
  void error(const char* key, std::string reason);
  // Adds a Problem at this object itself.
  void error_here(std::string reason);

  // Every field no getter has read, in document order, for round-tripping.
  boost::json::object unknown_fields() const;
  // Adds "unknown field" at every field no getter has read: for strict
  // documents (requests, queries), where a misspelt option must not be
  // silently ignored.
  void reject_unknown_fields() const;

 private:
  static std::string clip(std::string_view text);
  const boost::json::value* find(std::string_view key) const;

  const boost::json::object* object_ = nullptr;
  std::string pointer_;
  Problems* problems_;
  std::vector<std::string_view> read_keys_;
};

// The name of an enum value from the same table an ObjectReader uses.
template <class E, std::size_t N>
std::string_view enum_name(E value, const EnumName<E> (&names)[N]) {
  for (const EnumName<E>& n : names) {
    if (n.value == value) return n.name;
  }
  return {};
}

// Copies `unknown` into `out` for keys `out` does not already have, so a codec's
// writer can append the fields it kept when reading.
void merge_unknown_fields(boost::json::object& out, const boost::json::object& unknown);

// A JSON number (`number.is_number()`) as a double; int64 and uint64 convert
// as static_cast does. Used instead of Boost's to_number<double>(), whose
// error_code path links Boost.JSON's error category and its 39 messages into
// the WASM.
double number_as_double(const boost::json::value& number);

// True if `text` is valid UTF-8 (Boost.JSON already guarantees this for parsed
// strings; codecs use it for strings that come from elsewhere, e.g. the DOM).
bool is_valid_utf8(std::string_view text);

}  // namespace cairn::json
