#include "json/compact_parser.h"

#include "json/decimal_to_double.h"
#include "json/syntax_problem.h"
#include "json/utf8.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <climits>
#include <cstdint>
#include <cstring>

namespace cairn::json {

namespace bj = boost::json;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_utf8(bj::string& out, std::uint32_t cp) {
  char bytes[4];
  out.append(std::string_view(bytes, encode_utf8(cp, bytes)));
}

// One parse of one text. Every parse_* starts at the first byte of its token,
// leaves p_ just past it and returns false after recording the first error.
class CompactParser {
 public:
  CompactParser(std::string_view text, std::size_t max_depth)
      : begin_(text.data()), p_(begin_), end_(begin_ + text.size()), max_depth_(max_depth) {}

  bool parse(bj::value& out) {
    skip_whitespace();
    if (!parse_value(out, 0)) return false;
    skip_whitespace();
    return p_ == end_ || fail_at(p_, "extra data");
  }

  // After parse() returned false: why, and where.
  const char* what = nullptr;
  std::size_t offset = 0;
  bool too_deep = false;

 private:
  bool fail_at(const char* at, const char* reason) {
    what = reason;
    offset = static_cast<std::size_t>(at - begin_);
    return false;
  }
  // The byte at p_ cannot continue the document (or there is none).
  bool unexpected() { return fail_at(p_, p_ == end_ ? "incomplete JSON" : "syntax error"); }
  bool expect(char c) {
    if (p_ == end_ || *p_ != c) return unexpected();
    ++p_;
    return true;
  }

  void skip_whitespace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool parse_value(bj::value& out, std::size_t depth) {
    if (p_ == end_) return unexpected();
    switch (*p_) {
      case '{': return parse_object(out.emplace_object(), depth);
      case '[': return parse_array(out.emplace_array(), depth);
      case '"': return parse_string(out.emplace_string());
      case 't': out.emplace_bool() = true; return parse_literal("true");
      case 'f': out.emplace_bool() = false; return parse_literal("false");
      case 'n': out.emplace_null(); return parse_literal("null");
      default: return parse_number(out);
    }
  }

  bool parse_literal(const char* word) {
    for (; *word; ++word) {
      if (!expect(*word)) return false;
    }
    return true;
  }

  // Containers count as one level each: `max_depth` of them may nest.
  bool enter(std::size_t depth) {
    if (depth < max_depth_) {
      ++p_;
      skip_whitespace();
      return true;
    }
    too_deep = true;
    return fail_at(p_, "too deep");
  }

  bool parse_array(bj::array& array, std::size_t depth) {
    if (!enter(depth)) return false;
    if (p_ != end_ && *p_ == ']') return ++p_, true;
    for (;;) {
      if (!parse_value(array.emplace_back(nullptr), depth + 1)) return false;
      skip_whitespace();
      if (p_ != end_ && *p_ == ']') return ++p_, true;
      if (!expect(',')) return false;
      skip_whitespace();
    }
  }

  bool parse_object(bj::object& object, std::size_t depth) {
    if (!enter(depth)) return false;
    if (p_ != end_ && *p_ == '}') return ++p_, true;
    for (;;) {
      if (p_ == end_ || *p_ != '"') return unexpected();
      key_.clear();
      if (!parse_string(key_)) return false;
      skip_whitespace();
      if (!expect(':')) return false;
      skip_whitespace();
      // operator[] keeps a repeated key where it first appeared and the value
      // is overwritten: Boost's parser does the same.
      if (!parse_value(object[key_], depth + 1)) return false;
      skip_whitespace();
      if (p_ != end_ && *p_ == '}') return ++p_, true;
      if (!expect(',')) return false;
      skip_whitespace();
    }
  }

  bool parse_string(bj::string& out) {
    ++p_;  // The opening quote.
    const auto* end = reinterpret_cast<const unsigned char*>(end_);
    for (;;) {
      const char* run = p_;
      std::size_t len = 1;
      while (p_ != end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) {
        len = utf8_sequence_length(reinterpret_cast<const unsigned char*>(p_), end);
        if (len == 0) break;
        p_ += len;
      }
      out.append(std::string_view(run, static_cast<std::size_t>(p_ - run)));
      if (p_ == end_) return unexpected();
      if (len == 0) return fail_at(p_, "invalid UTF-8");
      if (*p_ == '"') return ++p_, true;
      if (*p_ != '\\') return fail_at(p_, "control character in string");
      if (!parse_escape(out)) return false;
    }
  }

  bool parse_escape(bj::string& out) {
    static constexpr char kNames[] = "\"\\/bfnrt";
    static constexpr char kBytes[] = "\"\\/\b\f\n\r\t";
    const char* escape = p_++;
    if (p_ == end_) return unexpected();
    if (const char* name = static_cast<const char*>(std::memchr(kNames, *p_, 8))) {
      ++p_;
      out.push_back(kBytes[name - kNames]);
      return true;
    }
    std::uint32_t cp;
    if (!expect('u') || !parse_hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail_at(escape, "illegal leading surrogate");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      // A leading surrogate must be followed by a trailing one: \uD83D\uDE00.
      if (p_ == end_) return unexpected();
      if (*p_ != '\\') return fail_at(p_, "expected utf16 escape");
      const char* second = p_++;
      std::uint32_t low;
      if (!expect('u') || !parse_hex4(low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) return fail_at(second, "illegal trailing surrogate");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, cp);
    return true;
  }

  bool parse_hex4(std::uint32_t& out) {
    out = 0;
    for (int i = 0; i < 4; ++i, ++p_) {
      if (p_ == end_) return unexpected();
      const char c = *p_;
      const char lower = static_cast<char>(c | 0x20);
      int digit;
      if (is_digit(c)) digit = c - '0';
      else if (lower >= 'a' && lower <= 'f') digit = lower - 'a' + 10;
      else return fail_at(p_, "expected hex digit");
      out = out * 16 + static_cast<std::uint32_t>(digit);
    }
    return true;
  }

  // Decimal digits are kept in `mantissa` the way Boost's parser keeps them,
  // with `bias` (a power of ten) counting the digits left out or after the
  // point: Boost refuses a number when bias + exponent leaves int's range, and
  // this parser must refuse the same ones ("exponent overflow").
  bool parse_number(bj::value& out) {
    const char* start = p_;
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    const std::uint64_t int_limit = negative ? std::uint64_t{1} << 63 : UINT64_MAX;
    std::uint64_t mantissa = 0;
    long long bias = 0;
    bool dropped = false;  // Digits past the mantissa's capacity: not exact.
    bool integer = true;
    if (p_ == end_ || !is_digit(*p_)) return unexpected();
    if (*p_ == '0') {
      ++p_;  // No leading zeros: "01" ends at the 0.
    } else {
      for (; p_ != end_ && is_digit(*p_); ++p_) {
        const unsigned digit = static_cast<unsigned>(*p_ - '0');
        if (!dropped && mantissa <= (int_limit - digit) / 10) {
          mantissa = mantissa * 10 + digit;
        } else {
          dropped = true;
          ++bias;
        }
      }
    }
    if (p_ != end_ && *p_ == '.') {
      integer = false;
      ++p_;
      if (p_ == end_ || !is_digit(*p_)) return unexpected();
      for (; p_ != end_ && is_digit(*p_); ++p_) {
        if (!dropped && mantissa <= (std::uint64_t{1} << 53) - 1) {
          mantissa = mantissa * 10 + static_cast<unsigned>(*p_ - '0');
          --bias;
        } else {
          dropped = true;
        }
      }
    }
    long long exponent = 0;
    if (p_ != end_ && (*p_ | 0x20) == 'e') {
      integer = false;
      ++p_;
      const bool negative_exponent = p_ != end_ && *p_ == '-';
      if (p_ != end_ && (*p_ == '-' || *p_ == '+')) ++p_;
      if (p_ == end_ || !is_digit(*p_)) return unexpected();
      for (; p_ != end_ && is_digit(*p_); ++p_) {
        exponent = exponent * 10 + (*p_ - '0');
        if (exponent > INT_MAX) return fail_at(p_, "exponent overflow");
      }
      if (negative_exponent ? bias < INT_MIN + exponent : bias > INT_MAX - exponent) {
        return fail_at(p_, "exponent overflow");
      }
      if (negative_exponent) exponent = -exponent;
    }
    if (integer && !dropped) {
      if (negative) {
        out.emplace_int64() = static_cast<std::int64_t>(~mantissa + 1);
      } else if (mantissa <= INT64_MAX) {
        out.emplace_int64() = static_cast<std::int64_t>(mantissa);
      } else {
        out.emplace_uint64() = mantissa;
      }
      return true;
    }
    out.emplace_double() = to_double(start, mantissa, bias + exponent, negative, dropped);
    return true;
  }

  // mantissa * 10^power10, correctly rounded. Clinger's fast path when both
  // are exact doubles (one rounding); the slow exact conversion for the rest,
  // which is rare in real documents.
  double to_double(const char* start, std::uint64_t mantissa, long long power10, bool negative,
                   bool dropped) {
    if (!dropped && mantissa <= (std::uint64_t{1} << 53) && power10 >= -22 && power10 <= 22) {
      double scale = 1;
      for (long long i = power10 < 0 ? -power10 : power10; i > 0; --i) scale *= 10;
      const double magnitude = power10 < 0 ? static_cast<double>(mantissa) / scale
                                           : static_cast<double>(mantissa) * scale;
      return negative ? -magnitude : magnitude;
    }
    return decimal_to_double(std::string_view(start, static_cast<std::size_t>(p_ - start)));
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  std::size_t max_depth_;
  bj::string key_;  // Reused for every key: object[] copies it.
};

}  // namespace

std::optional<bj::value> parse_compact(std::string_view text, Problems& problems,
                                       std::size_t max_depth) {
  CompactParser parser(text, max_depth);
  bj::value out;
  if (parser.parse(out)) return out;
  if (parser.too_deep) {
    add_depth_problem(problems, max_depth);
  } else {
    add_syntax_problem(problems, parser.offset, parser.what);
  }
  return std::nullopt;
}

}  // namespace cairn::json
