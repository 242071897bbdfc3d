// Internal to the packed guide form (guide_pack.h): the Io that reads. Same
// calls as PackWriter; the field list (pack_fields.h) drives both.
//
// Every call checks before it reads: a length or count is compared with its
// limit and with the bytes left (so nothing is reserved that the buffer could
// not fill), enums and integers with their ranges, flags are 0 or 1, strings
// are valid UTF-8, generic values nest at most kMaxValueDepth. The first
// problem is kept with the byte offset where the bad item starts; after it
// every call is a no-op that returns at once (lists end, values stay default),
// so the caller checks failed() only at the end. Never throws.
#pragma once

#include "guide/pack_format.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::guide::pack {

class PackReader {
 public:
  explicit PackReader(std::string_view bytes) : data_(bytes) {}

  // Checks the magic bytes and that the version is one of oldest..newest;
  // returns the guide count (0 on failure). version() is then the buffer's.
  std::size_t header(std::uint8_t oldest, std::uint8_t newest);
  std::uint8_t version() const { return version_; }

  bool failed() const { return failed_; }
  // "packed guides: <what> at byte <offset>"; empty unless failed().
  const std::string& error() const { return error_; }
  // Fails unless every byte was read.
  void expect_end() {
    if (pos_ != data_.size()) fail_at("bytes after the last guide", pos_);
  }
  // Records the first problem at the current item's start.
  void fail(const char* what) { fail_at(what, item_); }

  void flag(bool& value);
  void integer(std::int64_t& value, std::int64_t min, std::int64_t max);
  void number(double& value, double min, double max);
  void text(std::string& value, std::size_t max_bytes);
  template <class E>
  void enumeration(E& value, E last) {
    int index = enum_index(static_cast<int>(last));
    if (index >= 0) value = static_cast<E>(index);
  }

  // The items are made at once, as the count says (checked against the bytes
  // left), and then read: sized construction links no growth code per type.
  template <class T, class Each>
  void list(std::vector<T>& items, std::size_t max, Each each) {
    items = std::vector<T>(count(max, 1));
    for (T& item : items) {
      if (failed_) return;
      each(item);
    }
  }
  template <class T, class Each>
  void optional(std::optional<T>& value, Each each) {
    if (present()) each(value.emplace());
  }
  // Keys are unique, as in a JSON object.
  template <class T, class Each>
  void map(std::map<std::string, T>& entries, std::size_t max, std::size_t max_key_bytes,
           Each each) {
    std::size_t n = count(max, 2);
    for (std::size_t i = 0; i < n && !failed_; ++i) {
      std::string key;
      text(key, max_key_bytes);
      auto [slot, inserted] = entries.try_emplace(std::move(key));
      if (!inserted) return fail("duplicate key");
      each(slot->second);
    }
  }

  void value(boost::json::value& value);
  void object(boost::json::object& object);

  // A count of items at least `min_bytes_each` long: 0 (and failed) when over
  // `max` or over what the bytes left could hold.
  std::size_t count(std::size_t max, std::size_t min_bytes_each);

 private:
  void fail_at(const char* what, std::size_t at);
  void fail_limit(const char* what, std::uint64_t limit, const char* unit);
  std::uint8_t byte();
  std::uint64_t varint();
  bool present();
  int enum_index(int last);
  bool string_view(std::string_view& out, std::size_t max_bytes);
  void any(boost::json::value& value, std::size_t depth);
  void object_body(boost::json::object& object, std::size_t depth);

  std::string_view data_;
  std::size_t pos_ = 0;
  std::size_t item_ = 0;  // where the item being read starts, for errors
  std::uint8_t version_ = 0;
  bool failed_ = false;
  std::string error_;
};

}  // namespace cairn::guide::pack
