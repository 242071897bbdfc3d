#include "guide/enum_field.h"

#include <string>

namespace cairn::guide::codec {

int read_enum_index(json::ObjectReader& reader, std::string_view key, json::Need need,
                    EnumNames names) {
  std::optional<std::string> text = reader.string(key, need, 64);
  if (!text) return -1;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == *text) return static_cast<int>(i);
  }
  // The same text as json::ObjectReader::enumeration (values clipped to 40
  // bytes): the editor and the docs show it to authors.
  std::string reason = "unknown value \"";
  reason.append(*text, 0, 40);
  if (text->size() > 40) reason += "...";
  reason += "\"; must be one of: ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) reason += ", ";
    reason += names[i];
  }
  reader.error(key, std::move(reason));
  return -1;
}

}  // namespace cairn::guide::codec
