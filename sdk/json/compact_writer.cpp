#include "json/compact_writer.h"

#include <cmath>
#include <cstdint>

namespace cairn::json {

namespace bj = boost::json;

namespace {

void write_unsigned(std::string& out, std::uint64_t n) {
  char digits[20];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (count > 0) out.push_back(digits[--count]);
}

void write_int(std::string& out, std::int64_t n) {
  if (n < 0) {
    out.push_back('-');
    // Negating in unsigned keeps INT64_MIN exact.
    write_unsigned(out, 0 - static_cast<std::uint64_t>(n));
  } else {
    write_unsigned(out, static_cast<std::uint64_t>(n));
  }
}

void write_double(std::string& out, double d, DoubleFormatter format_double) {
  // Boost's serializer writes these (not JSON); the formatter never sees them.
  if (std::isnan(d)) return out.append("NaN"), void();
  if (std::isinf(d)) return out.append(d < 0 ? "-Infinity" : "Infinity"), void();
  if (d == 0) return out.append(std::signbit(d) ? "-0.0" : "0.0"), void();
  char buf[32];
  int n = format_double(d, buf, sizeof buf);
  if (n <= 0) return out.append("NaN"), void();  // unreachable: 24 chars suffice
  out.append(buf, static_cast<std::size_t>(n));
  // "1" would read back as an integer: keep the value a double.
  for (int i = 0; i < n; ++i)
    if (buf[i] == '.' || buf[i] == 'e' || buf[i] == 'E') return;
  out.append(".0");
}

// The escapes Boost's serializer uses: \" \\ \b \f \n \r \t, other control
// characters as \u00xx; all other bytes (UTF-8 included) pass through.
void write_string(std::string& out, bj::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    char esc = 0;
    switch (c) {
      case '"': esc = '"'; break;
      case '\\': esc = '\\'; break;
      case '\b': esc = 'b'; break;
      case '\f': esc = 'f'; break;
      case '\n': esc = 'n'; break;
      case '\r': esc = 'r'; break;
      case '\t': esc = 't'; break;
      default: break;
    }
    if (esc) {
      out.push_back('\\');
      out.push_back(esc);
    } else if (c < 0x20) {
      out.append("\\u00");
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
}

// Recursion depth is the value's depth, which the parser bounds (ParseLimits)
// and the core's own builders keep small.
void write_value(std::string& out, const bj::value& v, DoubleFormatter format_double) {
  switch (v.kind()) {
    case bj::kind::null: out.append("null"); break;
    case bj::kind::bool_: out.append(v.get_bool() ? "true" : "false"); break;
    case bj::kind::int64: write_int(out, v.get_int64()); break;
    case bj::kind::uint64: write_unsigned(out, v.get_uint64()); break;
    case bj::kind::double_: write_double(out, v.get_double(), format_double); break;
    case bj::kind::string: write_string(out, v.get_string()); break;
    case bj::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const bj::value& item : v.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        write_value(out, item, format_double);
      }
      out.push_back(']');
      break;
    }
    case bj::kind::object: {
      out.push_back('{');
      bool first = true;
      for (const bj::key_value_pair& member : v.get_object()) {
        if (!first) out.push_back(',');
        first = false;
        write_string(out, member.key());
        out.push_back(':');
        write_value(out, member.value(), format_double);
      }
      out.push_back('}');
      break;
    }
  }
}

}  // namespace

std::string& append_integer(std::string& out, std::int64_t n) {
  write_int(out, n);
  return out;
}

std::string integer_text(std::int64_t n) {
  std::string out;
  write_int(out, n);
  return out;
}

std::string write_compact(const bj::value& value, DoubleFormatter format_double) {
  std::string out;
  write_value(out, value, format_double);
  return out;
}

}  // namespace cairn::json
