#include "locator/text_normalization.h"

#include "json/utf8.h"

#include <algorithm>

namespace cairn::locator {

namespace {

// Base letters of U+00C0..U+00FF ('\0' for the two symbols × and ÷).
constexpr char kLatin1Base[64 + 1] =
    "aaaaaaaceeeeiiii"   // C0-CF
    "dnooooo\0ouuuuyts"  // D0-DF (D7 ×, DE þ -> t, DF ß handled apart)
    "aaaaaaaceeeeiiii"   // E0-EF
    "dnooooo\0ouuuuyty"; // F0-FF (F7 ÷)

// Base letters of U+0100..U+017F, two code points (upper, lower) per letter.
constexpr char kLatinExtendedABase[128 + 1] =
    "aaaaaaccccccccdd"  // 0100
    "ddeeeeeeeeeegggg"  // 0110
    "gggghhhhiiiiiiii"  // 0120
    "iijjjjkkklllllll"  // 0130
    "lllnnnnnnnnnoooo"  // 0140
    "oooorrrrrrssssss"  // 0150
    "ssttttttuuuuuuuu"  // 0160
    "uuuuwwyyyzzzzzzs"; // 0170

void append_code_point(std::string& out, std::uint32_t cp) {
  char bytes[4];
  out.append(bytes, json::encode_utf8(cp, bytes));
}

bool is_space_code_point(std::uint32_t cp) {
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

// Decodes one code point at `i`; returns its length, 0 for an invalid byte.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t len;
  if (c < 0x80) { cp = c; return 1; }
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  return len;
}

// What fold_code_point() answers besides a code point to append.
constexpr std::uint32_t kSeparator = 0;           // becomes (at most) one space
constexpr std::uint32_t kDropped = 0x110000;      // leaves nothing
constexpr std::uint32_t kSharpS = 0x110001;       // "ß" -> "ss"

// The folded form of one code point. Answering a value and appending it in one
// place (normalize_text_into) cost the WASM 90 B gzip less than an append in
// each case.
std::uint32_t fold_code_point(std::uint32_t cp) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
    if (cp >= 'A' && cp <= 'Z') return cp - 'A' + 'a';
    return kSeparator;  // space, control or punctuation
  }
  if (is_space_code_point(cp) || (cp >= 0x2010 && cp <= 0x2027) || cp < 0xC0 ||
      (cp >= 0x2190 && cp <= 0x23FF) || (cp >= 0x25A0 && cp <= 0x27BF) ||
      (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFE0F) {
    // Unicode spaces, dashes, quotes, Latin-1 symbols, arrows, shapes, dingbats
    // and emoji: decoration around a label, not its words.
    return kSeparator;
  }
  if (cp == 0xDF) return kSharpS;
  // × and ÷ are '\0' in the table: kSeparator.
  if (cp <= 0xFF) return static_cast<unsigned char>(kLatin1Base[cp - 0xC0]);
  if (cp <= 0x17F) return static_cast<unsigned char>(kLatinExtendedABase[cp - 0x100]);
  // Greek and Cyrillic capitals.
  if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F)) return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;  // Cyrillic Ѐ..Џ
  if (cp >= 0x300 && cp <= 0x36F) return kDropped;   // combining diacritics (decomposed input)
  return cp;
}

// Ascending, in place. A heapsort by hand: std::sort on these keys cost the
// WASM 0.57 KB gzip (bench/sdk/RESULTS.md), and a text has at most a few
// hundred words, so its O(n log n) without introsort's tuning is plenty.
void sort_keys(std::vector<std::uint64_t>& keys) {
  auto sift_down = [&keys](std::size_t root, std::size_t end) {
    for (std::size_t child = 2 * root + 1; child < end; root = child, child = 2 * root + 1) {
      if (child + 1 < end && keys[child] < keys[child + 1]) ++child;
      if (keys[child] <= keys[root]) return;
      std::swap(keys[root], keys[child]);
    }
  };
  const std::size_t n = keys.size();
  for (std::size_t i = n / 2; i-- > 0;) sift_down(i, n);
  for (std::size_t end = n; end > 1; --end) {
    std::swap(keys[0], keys[end - 1]);
    sift_down(0, end - 1);
  }
}

}  // namespace

std::string normalize_text(std::string_view text) {
  std::string out;
  normalize_text_into(text, out);
  return out;
}

void normalize_text_into(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t cp = 0;
    std::size_t len = decode(text, i, cp);
    if (len == 0) {
      ++i;  // drop an invalid byte
      continue;
    }
    i += len;
    std::uint32_t folded = fold_code_point(cp);
    if (folded == kDropped) continue;
    if (folded == kSeparator) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    if (folded == kSharpS) {
      out += 's';
      folded = 's';
    }
    if (folded < 0x80) {
      out += static_cast<char>(folded);
    } else {
      append_code_point(out, folded);
    }
  }
}

std::uint64_t hash_text(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::vector<std::uint64_t> word_keys(std::string_view normalized) {
  std::vector<std::uint64_t> keys;
  word_keys_into(normalized, keys);
  return keys;
}

void word_keys_into(std::string_view normalized, std::vector<std::uint64_t>& keys) {
  constexpr std::size_t kStemBytes = 6;
  keys.clear();
  std::size_t i = 0;
  while (i < normalized.size()) {
    std::size_t end = normalized.find(' ', i);
    if (end == std::string_view::npos) end = normalized.size();
    std::string_view word = normalized.substr(i, end - i);
    if (!word.empty()) keys.push_back(hash_text(word.substr(0, kStemBytes)));
    i = end + 1;
  }
  sort_keys(keys);
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

double word_overlap(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() || b.empty()) return 0.0;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) { ++common; ++i; ++j; }
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

std::string language_of(std::string_view locale) {
  std::string out;
  for (char c : locale) {
    if (c == '-' || c == '_') break;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace cairn::locator
