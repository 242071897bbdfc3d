#include "json/reader.h"

#include "json/compact_writer.h"
#include "json/utf8.h"
#include "json/writer.h"

#ifdef CAIRN_COMPACT_JSON_PARSER
#include "json/compact_parser.h"
#else
#include "json/boost_parser.h"
#endif

#include <algorithm>
#include <cmath>

namespace cairn::json {

namespace bj = boost::json;

std::optional<bj::value> parse_document(std::string_view text, Problems& problems,
                                        const ParseLimits& limits) {
  if (text.size() > limits.max_bytes) {
    problems.add("", "document is " + integer_text(text.size()) + " bytes; the limit is " +
                         integer_text(limits.max_bytes));
    return std::nullopt;
  }
#ifdef CAIRN_COMPACT_JSON_PARSER
  // The WASM build (wasm/CMakeLists.txt): 15 KB gzip less cairn.wasm than
  // Boost's parser, same accept/reject and values (compact_parser_test.cpp).
  return parse_compact(text, problems, limits.max_depth);
#else
  // Native builds keep Boost's parser: the collector ingests ~200k events/s
  // through here, and Boost's is the faster one.
  return parse_with_boost(text, problems, limits.max_depth);
#endif
}

ObjectReader::ObjectReader(const bj::value& value, std::string pointer, Problems& problems)
    : object_(value.if_object()), pointer_(std::move(pointer)), problems_(&problems) {
  if (!object_) problems_->add(pointer_, "must be an object");
}

ObjectReader::ObjectReader(const bj::value& value, const char* pointer, Problems& problems)
    : ObjectReader(value, std::string(pointer), problems) {}

bool ObjectReader::has(std::string_view key) const { return find(key) != nullptr; }

const bj::value* ObjectReader::find(std::string_view key) const {
  if (!object_) return nullptr;
  auto it = object_->find(key);
  return it == object_->end() ? nullptr : &it->value();
}

const bj::value* ObjectReader::field(std::string_view key, Need need) {
  if (!object_) return nullptr;
  auto it = object_->find(key);
  if (it == object_->end()) {
    if (need == Need::required) error(key, "required");
    return nullptr;
  }
  read_keys_.push_back(it->key());
  return &it->value();
}

std::optional<std::string> ObjectReader::string(std::string_view key, Need need,
                                                 std::size_t max_bytes) {
  const bj::value* v = field(key, need);
  if (!v) return std::nullopt;
  const bj::string* s = v->if_string();
  if (!s) {
    error(key, "must be a string");
    return std::nullopt;
  }
  if (s->size() > max_bytes) {
    error(key, "is " + integer_text(s->size()) + " bytes; the limit is " +
                   integer_text(max_bytes));
    return std::nullopt;
  }
  return std::string(s->data(), s->size());
}

std::optional<std::string> ObjectReader::non_empty_string(std::string_view key, Need need,
                                                          std::size_t max_bytes) {
  std::optional<std::string> s = string(key, need, max_bytes);
  if (s && s->empty()) {
    error(key, "must not be empty");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, Need need,
                                                  std::int64_t min, std::int64_t max) {
  const bj::value* v = field(key, need);
  if (!v) return std::nullopt;
  std::optional<std::int64_t> out;
  if (const std::int64_t* i = v->if_int64()) {
    out = *i;
  } else if (const std::uint64_t* u = v->if_uint64()) {
    if (*u <= static_cast<std::uint64_t>(INT64_MAX)) out = static_cast<std::int64_t>(*u);
  } else if (const double* d = v->if_double()) {
    // 3.0 is an integer; 3.5 and 1e300 are not.
    if (std::isfinite(*d) && std::trunc(*d) == *d && std::fabs(*d) < 9.0e15) {
      out = static_cast<std::int64_t>(*d);
    }
  }
  if (!out) {
    error(key, "must be an integer");
    return std::nullopt;
  }
  if (*out < min || *out > max) {
    error(key, "must be between " + integer_text(min) + " and " + integer_text(max));
    return std::nullopt;
  }
  return out;
}

std::optional<double> ObjectReader::number(std::string_view key, Need need, double min,
                                           double max) {
  const bj::value* v = field(key, need);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    error(key, "must be a number");
    return std::nullopt;
  }
  double d = number_as_double(*v);
  if (!std::isfinite(d) || d < min || d > max) {
    bj::value lo(min), hi(max);
    error(key, "must be between " + to_text(lo) + " and " + to_text(hi));
    return std::nullopt;
  }
  return d;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Need need) {
  const bj::value* v = field(key, need);
  if (!v) return std::nullopt;
  if (const bool* b = v->if_bool()) return *b;
  error(key, "must be true or false");
  return std::nullopt;
}

const bj::array* ObjectReader::array(std::string_view key, Need need, std::size_t max_items) {
  const bj::value* v = field(key, need);
  if (!v) return nullptr;
  const bj::array* a = v->if_array();
  if (!a) {
    error(key, "must be an array");
    return nullptr;
  }
  if (a->size() > max_items) {
    error(key, "has " + integer_text(a->size()) + " items; the limit is " +
                   integer_text(max_items));
    return nullptr;
  }
  return a;
}

const bj::object* ObjectReader::object(std::string_view key, Need need) {
  const bj::value* v = field(key, need);
  if (!v) return nullptr;
  const bj::object* o = v->if_object();
  if (!o) error(key, "must be an object");
  return o;
}

void ObjectReader::error(std::string_view key, std::string reason) {
  problems_->add(pointer_of(key), std::move(reason));
}

// The literal-key overloads: the key's string_view is made here, once.
bool ObjectReader::has(const char* key) const { return has(std::string_view(key)); }

const bj::value* ObjectReader::field(const char* key, Need need) {
  return field(std::string_view(key), need);
}

std::optional<std::string> ObjectReader::string(const char* key, Need need, std::size_t max_bytes) {
  return string(std::string_view(key), need, max_bytes);
}

std::optional<std::string> ObjectReader::non_empty_string(const char* key, Need need,
                                                          std::size_t max_bytes) {
  return non_empty_string(std::string_view(key), need, max_bytes);
}

std::optional<std::int64_t> ObjectReader::integer(const char* key, Need need, std::int64_t min,
                                                  std::int64_t max) {
  return integer(std::string_view(key), need, min, max);
}

std::optional<double> ObjectReader::number(const char* key, Need need, double min, double max) {
  return number(std::string_view(key), need, min, max);
}

std::optional<bool> ObjectReader::boolean(const char* key, Need need) {
  return boolean(std::string_view(key), need);
}

const bj::array* ObjectReader::array(const char* key, Need need, std::size_t max_items) {
  return array(std::string_view(key), need, max_items);
}

const bj::object* ObjectReader::object(const char* key, Need need) {
  return object(std::string_view(key), need);
}

void ObjectReader::error(const char* key, std::string reason) {
  error(std::string_view(key), std::move(reason));
}

void ObjectReader::error_here(std::string reason) { problems_->add(pointer_, std::move(reason)); }

bj::object ObjectReader::unknown_fields() const {
  bj::object out;
  if (!object_) return out;
  for (const bj::key_value_pair& kv : *object_) {
    bool read = std::find(read_keys_.begin(), read_keys_.end(), kv.key()) != read_keys_.end();
    if (!read) out.emplace(kv.key(), kv.value());
  }
  return out;
}

void ObjectReader::reject_unknown_fields() const {
  for (const bj::key_value_pair& kv : unknown_fields()) problems_->add(pointer_of(kv.key()), "unknown field");
}

int ObjectReader::enum_index(std::string_view key, Need need, std::span<const std::string_view> names) {
  std::optional<std::string> text = string(key, need, 64);
  if (!text) return -1;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == *text) return static_cast<int>(i);
  }
  std::string reason = "unknown value \"" + clip(*text) + "\"; must be one of: ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) reason += ", ";
    reason += names[i];
  }
  error(key, std::move(reason));
  return -1;
}

std::string ObjectReader::clip(std::string_view text) {
  constexpr std::size_t kMax = 40;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "...";
}

void merge_unknown_fields(bj::object& out, const bj::object& unknown) {
  for (const bj::key_value_pair& kv : unknown) {
    if (!out.contains(kv.key())) out.emplace(kv.key(), kv.value());
  }
}

double number_as_double(const bj::value& number) {
  if (const std::int64_t* i = number.if_int64()) return static_cast<double>(*i);
  if (const std::uint64_t* u = number.if_uint64()) return static_cast<double>(*u);
  return number.get_double();
}

bool is_valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const std::size_t len = utf8_sequence_length(p, end);
    if (len == 0) return false;
    p += len;
  }
  return true;
}

}  // namespace cairn::json
