// Random JSON documents, numbers and mutations from a seed, shared by the
// differential tests of the compact parser and writer against Boost.
#pragma once

#include "json/utf8.h"

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>

namespace cairn::json::testing {

// Random JSON documents and numbers from a seed (no std distributions: their
// output differs between standard libraries).
class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  std::uint32_t below(std::uint32_t n) { return rng_() % n; }

  std::string digits(std::size_t n, bool leading_nonzero) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
      out += static_cast<char>('0' + (i == 0 && leading_nonzero ? 1 + below(9) : below(10)));
    }
    return out;
  }

  std::string number() {
    std::string out = below(3) == 0 ? "-" : "";
    switch (below(6)) {
      case 0: return out + std::to_string(below(1000));
      case 1: {  // Around the int64/uint64 edges.
        static const char* const edges[] = {"9223372036854775807",  "9223372036854775808",
                                            "18446744073709551615", "18446744073709551616",
                                            "9223372036854775809",  "99999999999999999999"};
        return out + edges[below(6)];
      }
      case 2: return out + (below(4) == 0 ? "0" : digits(1 + below(25), true));
      default: break;
    }
    out += below(4) == 0 ? "0" : digits(1 + below(20), true);
    if (below(3) != 0) out += "." + digits(1 + below(25), false);
    if (below(2) == 0) {
      out += below(2) ? "e" : "E";
      if (below(3) != 0) out += below(2) ? "-" : "+";
      static const int magnitudes[] = {2, 22, 30, 300, 330, 400};
      out += std::to_string(below(static_cast<std::uint32_t>(magnitudes[below(6)])));
    }
    return out;
  }

  std::string string() {
    std::string out = "\"";
    const std::uint32_t n = below(12);
    for (std::uint32_t i = 0; i < n; ++i) {
      switch (below(8)) {
        case 0: {
          static const char* const escapes[] = {"\\n", "\\\"", "\\\\", "\\/",
                                                "\\t", "\\b",  "\\f",  "\\r"};
          out += escapes[below(8)];
          break;
        }
        case 1: {  // \uXXXX outside the surrogates.
          std::uint32_t cp = below(0xFFFF);
          if (cp >= 0xD800 && cp <= 0xDFFF) cp -= 0x800;
          out += hex_escape(cp);
          break;
        }
        case 2: out += hex_escape(0xD800 + below(0x400)) + hex_escape(0xDC00 + below(0x400)); break;
        case 3:
        case 4: append_utf8(out, 0x80 + below(0x10FFFF - 0x80)); break;
        default: {
          const char c = static_cast<char>(' ' + below(95));
          out += c == '"' || c == '\\' ? 'x' : c;
        }
      }
    }
    return out + "\"";
  }

  std::string value(int depth) {
    const std::uint32_t pick = below(depth > 0 ? 10 : 6);
    switch (pick) {
      case 0: return "null";
      case 1: return below(2) ? "true" : "false";
      case 2:
      case 3: return number();
      case 4:
      case 5: return string();
      case 6:
      case 7: {
        std::string out = "[" + space();
        const std::uint32_t n = below(5);
        for (std::uint32_t i = 0; i < n; ++i)
          out += (i ? "," + space() : "") + value(depth - 1) + space();
        return out + "]";
      }
      default: {
        static const char* const keys[] = {"\"a\"",       "\"b\"",        "\"\"",
                                           "\"\\u00e9\"", "\"\xc3\xa9\"", "\"k\\n\""};
        std::string out = "{" + space();
        const std::uint32_t n = below(5);
        for (std::uint32_t i = 0; i < n; ++i) {
          out += (i ? "," + space() : "") + (below(3) ? keys[below(6)] : string()) + space() + ":" +
                 space() + value(depth - 1) + space();
        }
        return out + "}";
      }
    }
  }

  // Insert, delete, overwrite or flip bytes, or cut the text short.
  std::string mutate(std::string text) {
    static const char interesting[] = "{}[],:\"\\0123456789.eE+-tfnu \x80\xc3\xed\xf4\xff\x01";
    const std::uint32_t edits = 1 + below(3);
    for (std::uint32_t e = 0; e < edits; ++e) {
      const std::size_t at = text.empty() ? 0 : below(static_cast<std::uint32_t>(text.size()));
      const char byte =
          below(2) ? interesting[below(sizeof interesting - 1)] : static_cast<char>(below(256));
      switch (below(5)) {
        case 0: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), byte); break;
        case 1:
          if (!text.empty()) text.erase(at, 1);
          break;
        case 2:
          if (!text.empty()) text[at] = byte;
          break;
        case 3:
          if (!text.empty()) text[at] = static_cast<char>(text[at] ^ (1 << below(8)));
          break;
        default: text.resize(at); break;
      }
    }
    return text;
  }

 private:
  std::string space() {
    static const char* const spaces[] = {"", "", "", " ", "\n", "\t", "\r\n  "};
    return spaces[below(7)];
  }

  static std::string hex_escape(std::uint32_t cp) {
    static const char hex[] = "0123456789abcdef";
    std::string out = "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 0xF];
    return out;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) cp += 0x800;
    char bytes[4];
    out.append(bytes, encode_utf8(cp, bytes));
  }

  std::mt19937 rng_;
};

}  // namespace cairn::json::testing
