// Internal to the packed guide form (guide_pack.h): the Io that writes. It
// offers the same calls as PackReader, so one field list (pack_fields.h)
// describes the layout for both directions and they cannot drift.
//
// The writer trusts its input (guides accepted by parse_guide): it checks no
// limit, so the limits it is given are only there to keep the calls the same.
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

class PackWriter {
 public:
  // The magic bytes, the layout's version and the guide count.
  void header(std::uint8_t version, std::size_t guides);
  std::uint8_t version() const { return version_; }
  std::string take() { return std::move(out_); }

  // The reader refuses out-of-range input; valid guides never need it here.
  void fail(const char*) {}

  void flag(bool& value) { out_.push_back(value ? 1 : 0); }
  void integer(std::int64_t& value, std::int64_t /*min*/, std::int64_t /*max*/);
  void number(double& value, double /*min*/, double /*max*/);
  void text(std::string& value, std::size_t /*max_bytes*/) { string(value); }
  template <class E>
  void enumeration(E& value, E /*last*/) {
    varint(static_cast<std::uint64_t>(value));
  }

  template <class T, class Each>
  void list(std::vector<T>& items, std::size_t /*max*/, Each each) {
    varint(items.size());
    for (T& item : items) each(item);
  }
  template <class T, class Each>
  void optional(std::optional<T>& value, Each each) {
    out_.push_back(value ? 1 : 0);
    if (value) each(*value);
  }
  template <class T, class Each>
  void map(std::map<std::string, T>& entries, std::size_t /*max*/, std::size_t /*max_key_bytes*/,
           Each each) {
    varint(entries.size());
    for (auto& [key, value] : entries) {
      string(key);
      each(value);
    }
  }

  // Generic JSON, tagged (pack_format.h ValueTag).
  void value(boost::json::value& value);
  void object(boost::json::object& object);

 private:
  void varint(std::uint64_t value);
  void string(std::string_view text);
  void tag(ValueTag t) { out_.push_back(static_cast<char>(t)); }
  void object_body(const boost::json::object& object);
  void any(const boost::json::value& value);

  std::string out_;
  std::uint8_t version_ = 0;
};

}  // namespace cairn::guide::pack
