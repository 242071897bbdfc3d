#include "analytics/property_decoder.h"

#include "analytics/element_summary.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>

namespace cairn::analytics {

namespace {

namespace json = boost::json;
using json::error_code;
using json::string_view;

// One wanted key's value in the document being decoded; a later occurrence
// of the key resets it (the last one counts, as in boost::json::object).
struct Slot {
  enum Kind { kNone, kText, kNumber } kind = kNone;
  std::string text;
  PropertyNumber number;
};

// The basic_parser handler: follows depth, and at depth 1 (the top-level
// object's members) which wanted key the current member has. Size limits are
// the DOM parser's, so a text the reference rejects is rejected here too.
struct Handler {
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  const std::vector<std::string>* keys = nullptr;
  std::vector<Slot> slots;
  std::string key;    // The top-level key being read (escapes decoded).
  int depth = 0;
  int current = -1;   // Index in *keys of the current top-level member, -1: not wanted.
  bool top_is_object = false;
  bool target_object = false;  // A wanted click target holds an object: needs the reference.

  void start() {
    for (Slot& slot : slots) slot.kind = Slot::kNone;
    depth = 0;
    current = -1;
    top_is_object = false;
    target_object = false;
  }
  // A scalar or container at depth 1 is the current member's value.
  Slot* value_slot() { return depth == 1 && current >= 0 ? &slots[static_cast<std::size_t>(current)] : nullptr; }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    if (depth == 0) top_is_object = true;
    if (value_slot() && (*keys)[static_cast<std::size_t>(current)] == kClickTargetProperty) target_object = true;
    ++depth;
    return true;
  }
  bool on_object_end(std::size_t, error_code&) {
    --depth;
    return true;
  }
  bool on_array_begin(error_code&) {
    ++depth;
    return true;
  }
  bool on_array_end(std::size_t, error_code&) {
    --depth;
    return true;
  }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    if (depth == 1) key.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code&) {
    if (depth != 1) return true;
    key.append(s.data(), s.size());
    current = -1;
    for (std::size_t k = 0; k < keys->size(); ++k) {
      if ((*keys)[k] == key) {
        current = static_cast<int>(k);
        slots[k].kind = Slot::kNone;  // An array, object or null value leaves it so.
        break;
      }
    }
    key.clear();
    return true;
  }
  bool on_string_part(string_view s, std::size_t n, error_code&) {
    if (Slot* slot = value_slot()) {
      if (n == s.size()) slot->text.clear();  // The first part.
      slot->text.append(s.data(), s.size());
    }
    return true;
  }
  bool on_string(string_view s, std::size_t n, error_code&) {
    if (Slot* slot = value_slot()) {
      if (n == s.size()) slot->text.clear();  // No parts before.
      slot->text.append(s.data(), s.size());
      slot->kind = Slot::kText;
    }
    return true;
  }
  bool on_number_part(string_view, error_code&) { return true; }
  bool set_number(PropertyNumber n) {
    if (Slot* slot = value_slot()) {
      slot->number = n;
      slot->kind = Slot::kNumber;
    }
    return true;
  }
  bool on_int64(std::int64_t i, string_view, error_code&) { return set_number(i); }
  bool on_uint64(std::uint64_t u, string_view, error_code&) { return set_number(u); }
  bool on_double(double d, string_view, error_code&) { return set_number(d); }
  bool on_bool(bool b, error_code&) {
    if (Slot* slot = value_slot()) {
      slot->text = b ? "true" : "false";
      slot->kind = Slot::kText;
    }
    return true;
  }
  bool on_null(error_code&) { return true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

// Whether `text` holds `"key"`. Looks for the key itself and then checks the
// quotes: searching for the quoted form would stop at every '"' of the text.
bool contains_quoted(std::string_view text, std::string_view key) {
  for (std::size_t at = text.find(key, 1); at != std::string_view::npos; at = text.find(key, at + 1)) {
    if (text[at - 1] == '"' && at + key.size() < text.size() && text[at + key.size()] == '"') return true;
  }
  return false;
}

}  // namespace

// Default options: standard JSON and max_depth 32, as boost::json::parse().
struct PropertyDecoder::Parser : json::basic_parser<Handler> {
  Parser() : json::basic_parser<Handler>(json::parse_options()) {}
};

PropertyDecoder::PropertyDecoder(std::vector<std::string> keys)
    : keys_(std::move(keys)), parser_(std::make_unique<Parser>()) {
  parser_->handler().keys = &keys_;
  parser_->handler().slots.resize(keys_.size());
}

PropertyDecoder::~PropertyDecoder() = default;
PropertyDecoder::PropertyDecoder(PropertyDecoder&& other) noexcept = default;
PropertyDecoder& PropertyDecoder::operator=(PropertyDecoder&& other) noexcept = default;

void PropertyDecoder::decode(std::string_view text, EventRow* row) {
  row->properties.clear();
  if (keys_.empty() || text.empty()) return;
  if (text.find('\\') == std::string_view::npos) {
    bool any = false;
    for (std::size_t k = 0; k < keys_.size() && !any; ++k) any = contains_quoted(text, keys_[k]);
    if (!any) return;
  }
  // The parser points at keys_ by address: re-aim after a move.
  Handler& h = parser_->handler();
  h.keys = &keys_;
  h.start();
  parser_->reset();
  error_code ec;
  const std::size_t used = parser_->write_some(false, text.data(), text.size(), ec);
  if (ec || used != text.size() || !h.top_is_object) return;
  if (h.target_object) return decode_event_properties_by_parse(text, keys_, row);
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    // A key listed twice reads the first one's slot (on_key fills only it).
    const std::size_t first = static_cast<std::size_t>(
        std::find(keys_.begin(), keys_.end(), keys_[k]) - keys_.begin());
    const Slot& slot = h.slots[first];
    if (slot.kind == Slot::kText) row->properties.emplace_back(keys_[k], slot.text);
    else if (slot.kind == Slot::kNumber) row->properties.emplace_back(keys_[k], slot.number);
  }
}

void decode_event_properties_by_parse(std::string_view text, const std::vector<std::string>& keys, EventRow* row) {
  row->properties.clear();
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  const json::object* object = ec ? nullptr : value.if_object();
  if (!object) return;
  for (const std::string& key : keys) {
    auto it = object->find(key);
    if (it == object->end()) continue;
    const json::value& v = it->value();
    if (const json::string* s = v.if_string()) {
      row->properties.emplace_back(key, std::string(s->data(), s->size()));
    } else if (v.is_number()) {
      row->properties.emplace_back(key, property_number_of(v));
    } else if (const bool* b = v.if_bool()) {
      row->properties.emplace_back(key, std::string(*b ? "true" : "false"));
    } else if (key == kClickTargetProperty) {
      if (std::optional<std::string> summary = element_summary(v)) row->properties.emplace_back(key, *summary);
    }
  }
}

}  // namespace cairn::analytics
