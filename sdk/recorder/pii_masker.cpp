#include "recorder/pii_masker.h"

#include <boost/json/value.hpp>

#include <algorithm>

namespace cairn::recorder {

namespace bj = boost::json;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

bool is_email_local_char(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
}
bool is_email_domain_char(char c) { return is_alnum(c) || c == '.' || c == '-'; }

std::string normalise_key(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (const char c : key) {
    if (c == '_' || c == '-' || c == ' ' || c == '.') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::vector<std::string> normalise_keys(const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  out.reserve(keys.size());
  for (const std::string& k : keys) out.push_back(normalise_key(k));
  return out;
}

bool contains(const std::vector<std::string>& keys, std::string_view key) {
  const std::string normal = normalise_key(key);
  return std::find(keys.begin(), keys.end(), normal) != keys.end();
}

// A domain that ends in a dot-separated label of two or more letters.
bool is_email_domain(std::string_view domain) {
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  const std::string_view tld = domain.substr(dot + 1);
  return tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), is_alpha);
}

}  // namespace

bool passes_luhn(std::string_view digits) {
  int sum = 0;
  bool double_it = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (!is_digit(*it)) return false;
    int d = *it - '0';
    if (double_it) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double_it = !double_it;
  }
  return !digits.empty() && sum % 10 == 0;
}

std::string mask_emails(std::string_view text) {
  std::string out;
  std::size_t copied = 0;  // text[0, copied) is already in out.
  for (std::size_t at = text.find('@'); at != std::string_view::npos;
       at = text.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > copied && is_email_local_char(text[begin - 1])) --begin;
    std::size_t end = at + 1;
    while (end < text.size() && is_email_domain_char(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    if (begin == at || !is_email_domain(text.substr(at + 1, end - at - 1))) continue;
    out.append(text.substr(copied, begin - copied));
    out.append(kMaskedEmail);
    copied = end;
    at = end - 1;
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

std::string mask_card_numbers(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i]) || (i > 0 && is_alnum(text[i - 1]))) {
      ++i;
      continue;
    }
    // A run of digits, single separators allowed between digits.
    std::string digits;
    std::size_t end = i;
    while (end < text.size()) {
      if (is_digit(text[end])) {
        digits.push_back(text[end]);
        ++end;
      } else if ((text[end] == ' ' || text[end] == '-') && end + 1 < text.size() &&
                 is_digit(text[end + 1])) {
        ++end;
      } else {
        break;
      }
    }
    const bool bounded = end == text.size() || !is_alnum(text[end]);
    if (bounded && digits.size() >= 13 && digits.size() <= 19 && passes_luhn(digits)) {
      out.append(text.substr(copied, i - copied));
      out.append(kMaskedCard);
      copied = end;
    }
    i = end;
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

PiiMasker::PiiMasker(const MaskingRules& rules)
    : drop_keys_(normalise_keys(rules.drop_keys)),
      mask_keys_(normalise_keys(rules.mask_keys)),
      unmasked_traits_(normalise_keys(rules.unmasked_traits)),
      mask_emails_(rules.mask_emails),
      mask_card_numbers_(rules.mask_card_numbers) {}

bool PiiMasker::drops_key(std::string_view key) const { return contains(drop_keys_, key); }
bool PiiMasker::masks_key(std::string_view key) const { return contains(mask_keys_, key); }

std::string PiiMasker::mask_text(std::string_view text) const {
  std::string out = mask_card_numbers_ ? mask_card_numbers(text) : std::string(text);
  if (mask_emails_ && out.find('@') != std::string::npos) out = mask_emails(out);
  return out;
}

void PiiMasker::mask_object(bj::object& object, MaskingCounts& counts) const {
  mask_object_at(object, 0, counts);
}

void PiiMasker::mask_traits(bj::object& traits, MaskingCounts& counts) const {
  mask_object_at(traits, 0, counts, &unmasked_traits_);
}

void PiiMasker::mask_object_at(bj::object& object, std::size_t depth, MaskingCounts& counts,
                               const std::vector<std::string>* kept) const {
  for (auto it = object.begin(); it != object.end();) {
    const std::string_view key(it->key().data(), it->key().size());
    if (kept && !kept->empty() && contains(*kept, key)) {
      ++it;
      continue;
    }
    if (drops_key(key)) {
      it = object.stable_erase(it);  // Keeps the host's key order.
      ++counts.dropped_keys;
      continue;
    }
    if (masks_key(key)) {
      it->value() = bj::string(kMaskedValue);
      ++counts.masked_keys;
    } else {
      mask_value(it->value(), depth + 1, counts);
    }
    ++it;
  }
}

void PiiMasker::mask_value(bj::value& value, std::size_t depth, MaskingCounts& counts) const {
  if (bj::string* s = value.if_string()) {
    std::string masked = mask_text(std::string_view(s->data(), s->size()));
    if (masked.size() != s->size() || std::string_view(masked) != std::string_view(*s)) {
      *s = masked;
      ++counts.masked_texts;
    }
    return;
  }
  if (!value.is_object() && !value.is_array()) return;
  if (depth >= kMaxMaskDepth) {
    value = bj::string(kMaskedValue);
    ++counts.masked_keys;
    return;
  }
  if (bj::object* o = value.if_object()) {
    mask_object_at(*o, depth, counts);
  } else if (bj::array* a = value.if_array()) {
    for (bj::value& element : *a) mask_value(element, depth + 1, counts);
  }
}

}  // namespace cairn::recorder
