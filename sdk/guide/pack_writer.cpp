#include "guide/pack_writer.h"

#include <cstring>

namespace cairn::guide::pack {

namespace bj = boost::json;

void PackWriter::header(std::uint8_t version, std::size_t guides) {
  out_.append(kMagic);
  out_.push_back(static_cast<char>(version));
  version_ = version;
  varint(guides);
}

void PackWriter::varint(std::uint64_t value) {
  while (value >= 0x80) {
    out_.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out_.push_back(static_cast<char>(value));
}

void PackWriter::integer(std::int64_t& value, std::int64_t, std::int64_t) {
  // Zigzag: small magnitudes of either sign take one byte.
  auto u = static_cast<std::uint64_t>(value);
  varint((u << 1) ^ (value < 0 ? ~std::uint64_t{0} : 0));
}

void PackWriter::number(double& value, double, double) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
}

void PackWriter::string(std::string_view text) {
  varint(text.size());
  out_.append(text);
}

void PackWriter::value(bj::value& value) { any(value); }

void PackWriter::object(bj::object& object) {
  tag(ValueTag::object);
  object_body(object);
}

void PackWriter::object_body(const bj::object& object) {
  varint(object.size());
  for (const bj::key_value_pair& kv : object) {
    string(kv.key());
    any(kv.value());
  }
}

void PackWriter::any(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null: tag(ValueTag::null); break;
    case bj::kind::bool_: tag(v.get_bool() ? ValueTag::true_ : ValueTag::false_); break;
    case bj::kind::int64: {
      tag(ValueTag::int64);
      std::int64_t i = v.get_int64();
      integer(i, 0, 0);
      break;
    }
    case bj::kind::uint64: tag(ValueTag::uint64); varint(v.get_uint64()); break;
    case bj::kind::double_: {
      tag(ValueTag::double_);
      double d = v.get_double();
      number(d, 0, 0);
      break;
    }
    case bj::kind::string: tag(ValueTag::string); string(v.get_string()); break;
    case bj::kind::array:
      tag(ValueTag::array);
      varint(v.get_array().size());
      for (const bj::value& item : v.get_array()) any(item);
      break;
    case bj::kind::object: tag(ValueTag::object); object_body(v.get_object()); break;
  }
}

}  // namespace cairn::guide::pack
