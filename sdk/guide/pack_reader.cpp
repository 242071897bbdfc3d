#include "guide/pack_reader.h"

#include "json/compact_writer.h"
#include "json/reader.h"

#include <cstring>
#include <limits>
#include <string>

namespace cairn::guide::pack {

namespace bj = boost::json;

std::size_t PackReader::header(std::uint8_t oldest, std::uint8_t newest) {
  if (data_.substr(0, kMagic.size()) != kMagic) {
    fail_at("not a packed guide list (bad magic bytes)", 0);
    return 0;
  }
  pos_ = kMagic.size();
  item_ = pos_;
  std::uint8_t got = byte();
  if (!failed_ && (got < oldest || got > newest)) {
    std::string message = "version " + json::integer_text(got) + " (this build reads versions " +
                          json::integer_text(oldest) + " to " + json::integer_text(newest) + ")";
    fail_at(message.c_str(), kMagic.size());
    return 0;
  }
  version_ = got;
  return count(SIZE_MAX, 1);
}

void PackReader::fail_at(const char* what, std::size_t at) {
  if (failed_) return;
  failed_ = true;
  error_ = "packed guides: ";
  error_ += what;
  error_ += " at byte ";
  json::append_integer(error_, at);
  pos_ = data_.size();  // Nothing more is read.
}

void PackReader::fail_limit(const char* what, std::uint64_t limit, const char* unit) {
  std::string message = what;
  message += ' ';
  json::append_integer(message, limit);
  message += unit;
  fail_at(message.c_str(), item_);
}

std::uint8_t PackReader::byte() {
  if (pos_ >= data_.size()) {
    fail_at("unexpected end of data", pos_);
    return 0;
  }
  return static_cast<std::uint8_t>(data_[pos_++]);
}

std::uint64_t PackReader::varint() {
  std::uint64_t value = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    std::uint8_t b = byte();
    if (failed_) return 0;
    if (shift == 63 && b > 1) {
      fail("varint overflows 64 bits");
      return 0;
    }
    value |= std::uint64_t{b & 0x7fu} << shift;
    if (!(b & 0x80)) return value;
  }
  return 0;  // Unreachable: the tenth byte either ends the varint or fails.
}

std::size_t PackReader::count(std::size_t max, std::size_t min_bytes_each) {
  item_ = pos_;
  std::uint64_t n = varint();
  if (failed_) return 0;
  if (n > max) {
    fail_limit("count over the limit of", max, " items");
    return 0;
  }
  if (n > (data_.size() - pos_) / min_bytes_each) {
    fail("count larger than the bytes left could hold");
    return 0;
  }
  return static_cast<std::size_t>(n);
}

bool PackReader::present() {
  item_ = pos_;
  std::uint8_t b = byte();
  if (b > 1) fail("presence byte not 0 or 1");
  return !failed_ && b == 1;
}

void PackReader::flag(bool& value) {
  item_ = pos_;
  std::uint8_t b = byte();
  if (b > 1) fail("flag byte not 0 or 1");
  if (!failed_) value = b == 1;
}

void PackReader::integer(std::int64_t& value, std::int64_t min, std::int64_t max) {
  item_ = pos_;
  std::uint64_t u = varint();
  if (failed_) return;
  auto v = static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));  // zigzag
  if (v < min || v > max) return fail("integer out of range");
  value = v;
}

void PackReader::number(double& value, double min, double max) {
  item_ = pos_;
  if (data_.size() - pos_ < 8) return fail_at("unexpected end of data", data_.size());
  std::uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) bits |= std::uint64_t{static_cast<std::uint8_t>(data_[pos_ + i])} << (8 * i);
  pos_ += 8;
  double d;
  static_assert(sizeof d == sizeof bits);
  std::memcpy(&d, &bits, sizeof d);
  if (!(d >= min && d <= max)) return fail("number out of range");  // NaN fails too
  value = d;
}

int PackReader::enum_index(int last) {
  item_ = pos_;
  std::uint64_t index = varint();
  if (failed_) return -1;
  if (index > static_cast<std::uint64_t>(last)) {
    fail_limit("enum value out of range; the last is", static_cast<std::uint64_t>(last), "");
    return -1;
  }
  return static_cast<int>(index);
}

bool PackReader::string_view(std::string_view& out, std::size_t max_bytes) {
  item_ = pos_;
  std::uint64_t n = varint();
  if (failed_) return false;
  if (n > max_bytes) {
    fail_limit("string longer than", max_bytes, " bytes");
    return false;
  }
  if (n > data_.size() - pos_) {
    fail_at("unexpected end of data", data_.size());
    return false;
  }
  std::string_view text = data_.substr(pos_, static_cast<std::size_t>(n));
  if (!json::is_valid_utf8(text)) {
    fail("string is not valid UTF-8");
    return false;
  }
  pos_ += text.size();
  out = text;
  return true;
}

void PackReader::text(std::string& value, std::size_t max_bytes) {
  std::string_view text;
  if (string_view(text, max_bytes)) value.assign(text);
}

void PackReader::value(bj::value& value) { any(value, 0); }

void PackReader::object(bj::object& object) {
  item_ = pos_;
  if (byte() != static_cast<std::uint8_t>(ValueTag::object)) return fail("expected an object");
  object_body(object, 1);
}

// `depth`: the arrays and objects around `value`.
void PackReader::any(bj::value& value, std::size_t depth) {
  std::size_t at = pos_;
  item_ = at;
  auto t = static_cast<ValueTag>(byte());
  if (failed_) return;
  if ((t == ValueTag::array || t == ValueTag::object) && depth >= kMaxValueDepth) {
    return fail_limit("value nested deeper than", kMaxValueDepth, " levels");
  }
  switch (t) {
    case ValueTag::null: value = nullptr; return;
    case ValueTag::false_: value = false; return;
    case ValueTag::true_: value = true; return;
    case ValueTag::int64: {
      std::int64_t i = 0;
      integer(i, INT64_MIN, INT64_MAX);
      value = i;
      return;
    }
    case ValueTag::uint64: value = varint(); return;
    case ValueTag::double_: {
      double d = 0;
      // JSON has no infinities or NaN; the range refuses them.
      number(d, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
      value = d;
      return;
    }
    case ValueTag::string: {
      std::string_view text;
      if (string_view(text, kMaxValueStringBytes)) value = text;
      return;
    }
    case ValueTag::array: {
      // No reserve here or for objects: counts at every level are checked
      // before their items are read, so reserving would let 32 nested
      // claims each allocate for the whole buffer. Growth follows the bytes read.
      std::size_t n = count(SIZE_MAX, 1);
      bj::array& items = value.emplace_array();
      for (std::size_t i = 0; i < n && !failed_; ++i) any(items.emplace_back(nullptr), depth + 1);
      return;
    }
    case ValueTag::object: object_body(value.emplace_object(), depth + 1); return;
  }
  fail_at("unknown value tag", at);
}

void PackReader::object_body(bj::object& object, std::size_t depth) {
  std::size_t n = count(SIZE_MAX, 2);
  for (std::size_t i = 0; i < n && !failed_; ++i) {
    std::string_view key;
    if (!string_view(key, kMaxValueStringBytes)) return;
    std::size_t at = item_;
    auto [slot, inserted] = object.emplace(key, nullptr);
    if (!inserted) return fail_at("duplicate key", at);
    any(slot->value(), depth);
  }
}

}  // namespace cairn::guide::pack
