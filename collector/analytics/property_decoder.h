// PropertyDecoder: the wanted top-level properties of a stored properties
// JSON object (decode_event_properties(), event_row.h), read by a streaming
// parse that builds no document: it validates the whole text like
// boost::json::parse() (unreadable JSON gives no properties) but keeps only
// the values of the wanted top-level keys. Reading a property column is one
// such decode per stored event (docs/analytics.md, "New columns").
//
// Skips the parse for a text that cannot hold a wanted key: one with no
// backslash (so every key is written literally) and no `"key"` for any
// wanted key. A key written with escapes (e.g. "pl\u0061n") is still found.
//
// Threading: a value; one thread decodes at a time.
#pragma once

#include "analytics/event_row.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::analytics {

class PropertyDecoder {
 public:
  explicit PropertyDecoder(std::vector<std::string> keys);
  ~PropertyDecoder();
  PropertyDecoder(PropertyDecoder&&) noexcept;
  PropertyDecoder& operator=(PropertyDecoder&&) noexcept;

  // Fills row->properties exactly like decode_event_properties_by_parse():
  // one entry per wanted key present, in the order of `keys`; a repeated key
  // counts with its last value.
  void decode(std::string_view json_text, EventRow* row);
  const std::vector<std::string>& keys() const { return keys_; }

 private:
  struct Parser;
  std::vector<std::string> keys_;
  std::unique_ptr<Parser> parser_;
};

// The reference decode: parses the whole document into a boost::json::value
// and looks the keys up in it. PropertyDecoder uses it for an object under
// kClickTargetProperty (element_summary() reads a value); tests compare the
// two.
void decode_event_properties_by_parse(std::string_view json_text, const std::vector<std::string>& keys,
                                      EventRow* row);

}  // namespace cairn::analytics
