#include "json/reader.h"

#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>

#include <algorithm>
#include <cmath>

namespace cairn::json {

namespace bj = boost::json;

namespace {

// What went wrong, for the errors Boost.JSON's parser reports (its own wording).
// Not ec.message(): any error_code::message() or category() call links the
// std::error_code interop category and with it printf and strerror (~12 KB of
// the WASM core) for codes the parser never produces.
const char* parse_error_text(bj::error e) {
  switch (e) {
    case bj::error::extra_data: return "extra data";
    case bj::error::incomplete: return "incomplete JSON";
    case bj::error::exponent_overflow: return "exponent overflow";
    case bj::error::too_deep: return "too deep";
    case bj::error::illegal_leading_surrogate: return "illegal leading surrogate";
    case bj::error::illegal_trailing_surrogate: return "illegal trailing surrogate";
    case bj::error::expected_hex_digit: return "expected hex digit";
    case bj::error::expected_utf16_escape: return "expected utf16 escape";
    case bj::error::object_too_large: return "object too large";
    case bj::error::array_too_large: return "array too large";
    case bj::error::key_too_large: return "key too large";
    case bj::error::string_too_large: return "string too large";
    default: return "syntax error";
  }
}

}  // namespace

std::optional<bj::value> parse_document(std::string_view text, Problems& problems,
                                        const ParseLimits& limits) {
  if (text.size() > limits.max_bytes) {
    problems.add("", "document is " + std::to_string(text.size()) + " bytes; the limit is " +
                         std::to_string(limits.max_bytes));
    return std::nullopt;
  }
  bj::parse_options options;
  options.max_depth = limits.max_depth;
  bj::stream_parser parser(bj::storage_ptr(), options);
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) ec = bj::error::extra_data;
  if (!ec) parser.finish(ec);
  if (ec) {
    // Every error the parser sets is a bj::error (see parse_error_text).
    const auto error = static_cast<bj::error>(ec.value());
    std::string reason =
        "invalid JSON at byte " + std::to_string(consumed) + ": " + parse_error_text(error);
    if (error == bj::error::too_deep) {
      reason = "nesting deeper than " + std::to_string(limits.max_depth) + " levels";
    }
    problems.add("", std::move(reason));
    return std::nullopt;
  }
  return parser.release();
}

ObjectReader::ObjectReader(const bj::value& value, std::string pointer, Problems& problems)
    : object_(value.if_object()), pointer_(std::move(pointer)), problems_(&problems) {
  if (!object_) problems_->add(pointer_, "must be an object");
}

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
    error(key, "is " + std::to_string(s->size()) + " bytes; the limit is " +
                   std::to_string(max_bytes));
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
    error(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
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
  double d = v->to_number<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    bj::value lo(min), hi(max);
    error(key, "must be between " + bj::serialize(lo) + " and " + bj::serialize(hi));
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
    error(key, "has " + std::to_string(a->size()) + " items; the limit is " +
                   std::to_string(max_items));
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

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong encodings, surrogates and values past U+10FFFF are invalid.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

}  // namespace cairn::json
