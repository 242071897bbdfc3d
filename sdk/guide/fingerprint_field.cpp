#include "guide/guide_codec_parts.h"
#include "locator/fingerprint_codec.h"

namespace cairn::guide::codec {

const boost::json::object* read_fingerprint_field(json::ObjectReader& reader,
                                                  std::string_view key, json::Need need) {
  const boost::json::value* value = reader.field(key, need);
  if (value == nullptr) return nullptr;
  if (!locator::read_fingerprint(*value, reader.pointer_of(key), reader.problems())) {
    return nullptr;
  }
  return value->if_object();
}

}  // namespace cairn::guide::codec
