#include "time/iso8601.h"

#include <cstddef>
#include <string>

namespace cairn::time {

namespace {

// Days from 1970-01-01 to year/month/day (proleptic Gregorian), from Howard
// Hinnant's days_from_civil: exact, branch-light, no tables.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool take(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  // Exactly `n` decimal digits.
  bool digits(int n, int& out) {
    out = 0;
    for (int i = 0; i < n; ++i) {
      char c = peek();
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
      ++pos_;
    }
    return true;
  }
  char next() { return done() ? '\0' : text_[pos_++]; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
  Cursor c(text);
  int year, month, day, hour, minute, second;
  if (!c.digits(4, year) || !c.take('-') || !c.digits(2, month) || !c.take('-') ||
      !c.digits(2, day)) {
    return std::nullopt;
  }
  char sep = c.next();
  if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
  if (!c.digits(2, hour) || !c.take(':') || !c.digits(2, minute) || !c.take(':') ||
      !c.digits(2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 ||
      static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month)) ||
      hour > 23 || minute > 59 || second > 60) {  // 60: a leap second, folded into :59.
    return std::nullopt;
  }
  if (second == 60) second = 59;
  int millis = 0;
  if (c.take('.') || c.take(',')) {
    int fraction_digits = 0;
    while (c.peek() >= '0' && c.peek() <= '9') {
      int digit = c.next() - '0';
      if (fraction_digits < 3) millis = millis * 10 + digit;
      if (++fraction_digits > 9) return std::nullopt;
    }
    if (fraction_digits == 0) return std::nullopt;
    for (int i = fraction_digits; i < 3; ++i) millis *= 10;
  }
  int offset_minutes = 0;
  char zone = c.next();
  if (zone == 'Z' || zone == 'z') {
    offset_minutes = 0;
  } else if (zone == '+' || zone == '-') {
    int oh, om;
    if (!c.digits(2, oh)) return std::nullopt;
    c.take(':');
    if (!c.digits(2, om) || oh > 23 || om > 59) return std::nullopt;
    offset_minutes = (oh * 60 + om) * (zone == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  if (!c.done()) return std::nullopt;
  std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  std::int64_t ms = seconds * 1000 + millis;
  if (ms < kMinMs || ms > kMaxMs) return std::nullopt;
  return ms;
}

namespace {

// Writes `value` as exactly `width` decimal digits at `at` (zero-padded; the
// caller guarantees it fits). By hand rather than snprintf: printf is the only
// thing that would pull musl's formatter (~8 KB) into the WASM core.
void put_digits(std::string& out, std::size_t at, std::size_t width, std::int64_t value) {
  for (std::size_t i = width; i-- > 0; value /= 10) {
    out[at + i] = static_cast<char>('0' + value % 10);
  }
}

// Writes `ms` as "YYYY-MM-DDTHH:MM:SS" plus ".mmm" when `with_millis`, then "Z".
std::string format(std::int64_t ms, bool with_millis) {
  std::int64_t days = ms / 86400000;
  std::int64_t rem = ms % 86400000;
  if (rem < 0) {
    rem += 86400000;
    --days;
  }
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  int hour = static_cast<int>(rem / 3600000);
  int minute = static_cast<int>(rem / 60000 % 60);
  int second = static_cast<int>(rem / 1000 % 60);
  int millis = static_cast<int>(rem % 1000);
  std::string out = "0000-00-00T00:00:00.000Z";
  put_digits(out, 0, 4, y);
  put_digits(out, 5, 2, m);
  put_digits(out, 8, 2, d);
  put_digits(out, 11, 2, hour);
  put_digits(out, 14, 2, minute);
  put_digits(out, 17, 2, second);
  if (with_millis) {
    put_digits(out, 20, 3, millis);
  } else {
    out[19] = 'Z';
    out.resize(20);
  }
  return out;
}

}  // namespace

std::optional<std::int64_t> parse_iso8601_utc(std::string_view text) {
  // The strict form is a fixed-width subset of the lenient one: check the shape,
  // then let the one parser do the arithmetic.
  // 0123456789012345678901234
  // YYYY-MM-DDTHH:MM:SSZ / YYYY-MM-DDTHH:MM:SS.sssZ
  if (text.size() != 20 && text.size() != 24) return std::nullopt;
  if (text[10] != 'T' || text.back() != 'Z') return std::nullopt;
  if (text.size() == 24 && text[19] != '.') return std::nullopt;
  if (text[17] == '6' && text[18] == '0') return std::nullopt;  // No leap-second folding.
  return parse_iso8601(text);
}

std::string format_iso8601(std::int64_t ms) { return format(ms, true); }

std::string format_iso8601_utc(std::int64_t ms) { return format(ms, ms % 1000 != 0); }

}  // namespace cairn::time
