#include "json/decimal_to_double.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace cairn::json {

namespace {

// A non-negative decimal 0.d[0]d[1]...d[nd-1] x 10^point, digits 0-9.
class Decimal {
 public:
  static constexpr int kMaxDigits = 800;

  void push(int digit) {
    if (count < kMaxDigits) {
      digits[count++] = static_cast<std::uint8_t>(digit);
    } else if (digit != 0) {
      truncated = true;
    }
  }

  // Multiplies (shift > 0) or divides (shift < 0) by 2^|shift|.
  void shift(int shift) {
    constexpr int kMaxStep = 60;  // 9 * 2^60 + carry fits 64 bits.
    while (shift > 0) {
      const int step = shift < kMaxStep ? shift : kMaxStep;
      left_shift(step);
      shift -= step;
    }
    while (shift < 0) {
      const int step = -shift < kMaxStep ? -shift : kMaxStep;
      right_shift(step);
      shift += step;
    }
  }

  // The integer part, rounded half to even (a truncated tail is above half).
  // REQUIRES: point <= 19.
  std::uint64_t rounded_integer() const {
    std::uint64_t n = 0;
    int i = 0;
    for (; i < point && i < count; ++i) n = n * 10 + digits[i];
    for (; i < point; ++i) n *= 10;
    if (point >= 0 && point < count) {
      const bool half = digits[point] == 5 && point + 1 == count;
      if (half ? truncated || (point > 0 && digits[point - 1] % 2 == 1) : digits[point] >= 5) ++n;
    }
    return n;
  }

  std::uint8_t digits[kMaxDigits];
  int count = 0;
  int point = 0;
  bool truncated = false;

  void trim() {
    while (count > 0 && digits[count - 1] == 0) --count;
    if (count == 0) point = 0;
  }

 private:
  void left_shift(int k) {
    // At most 19 new leading digits (2^60 < 10^19): write them right to left.
    std::uint8_t out[kMaxDigits + 19];
    int w = kMaxDigits + 19;
    std::uint64_t n = 0;
    for (int r = count - 1; r >= 0; --r) {
      n += static_cast<std::uint64_t>(digits[r]) << k;
      out[--w] = static_cast<std::uint8_t>(n % 10);
      n /= 10;
    }
    for (; n > 0; n /= 10) out[--w] = static_cast<std::uint8_t>(n % 10);
    const int produced = kMaxDigits + 19 - w;
    point += produced - count;
    count = produced < kMaxDigits ? produced : kMaxDigits;
    std::memcpy(digits, out + w, static_cast<std::size_t>(count));
    for (int i = w + count; i < kMaxDigits + 19; ++i) truncated |= out[i] != 0;
    trim();
  }

  void right_shift(int k) {
    const std::uint64_t mask = (std::uint64_t{1} << k) - 1;
    int r = 0, w = 0;
    std::uint64_t n = 0;
    // Read enough leading digits for the first output digit.
    for (; (n >> k) == 0; ++r) {
      if (r >= count) {
        if (n == 0) {
          count = 0;
          return;
        }
        for (; (n >> k) == 0; ++r) n *= 10;
        break;
      }
      n = n * 10 + digits[r];
    }
    point -= r - 1;
    for (; r < count; ++r) {
      digits[w++] = static_cast<std::uint8_t>(n >> k);
      n = (n & mask) * 10 + digits[r];
    }
    for (; n > 0; n = (n & mask) * 10) {
      if (w < kMaxDigits) {
        digits[w++] = static_cast<std::uint8_t>(n >> k);
      } else if ((n >> k) > 0) {
        truncated = true;
      }
    }
    count = w;
    trim();
  }
};

}  // namespace

double decimal_to_double(std::string_view number) {
  Decimal d;
  std::size_t i = 0;
  const bool negative = number[0] == '-';
  if (negative) ++i;
  long long point = 0;
  for (; i < number.size() && number[i] >= '0' && number[i] <= '9'; ++i) {
    if (d.count == 0 && number[i] == '0') continue;  // Leading zero.
    ++point;
    d.push(number[i] - '0');
  }
  if (i < number.size() && number[i] == '.') {
    for (++i; i < number.size() && number[i] >= '0' && number[i] <= '9'; ++i) {
      if (d.count == 0 && number[i] == '0') {
        --point;  // 0.00d: zeros before the first significant digit.
        continue;
      }
      d.push(number[i] - '0');
    }
  }
  if (i < number.size()) {  // 'e' or 'E'.
    ++i;
    const bool negative_exponent = number[i] == '-';
    if (number[i] == '-' || number[i] == '+') ++i;
    long long exponent = 0;
    for (; i < number.size(); ++i) exponent = exponent * 10 + (number[i] - '0');
    point += negative_exponent ? -exponent : exponent;
  }
  d.trim();
  std::uint64_t bits = 0;
  constexpr int kBias = -1023;  // double: 52 stored mantissa bits, 11 exponent bits.
  constexpr std::uint64_t kHidden = std::uint64_t{1} << 52;
  if (d.count == 0 || point < -330) {
    bits = 0;
  } else if (point > 310) {
    bits = std::uint64_t{0x7FF} << 52;
  } else {
    d.point = static_cast<int>(point);
    // How far to shift a value with `point` digits before the point towards
    // [1/2, 1) without passing it (27 or 60 bits when it is further away:
    // 2^60 < 10^19).
    static constexpr int kPowers[] = {1, 3, 6, 9, 13, 16, 19, 23, 26};
    int exponent2 = 0;
    while (d.point > 0) {
      const int n = d.point < 9 ? kPowers[d.point] : d.point < 19 ? 27 : 60;
      d.shift(-n);
      exponent2 += n;
    }
    while (d.point < 0 || (d.point == 0 && d.digits[0] < 5)) {
      const int n = -d.point < 9 ? kPowers[-d.point] : -d.point < 19 ? 27 : 60;
      d.shift(n);
      exponent2 -= n;
    }
    // Now in [1/2, 1); doubles are 1.m x 2^e.
    --exponent2;
    if (exponent2 < kBias + 1) {  // Subnormal: fewer mantissa bits.
      d.shift(-(kBias + 1 - exponent2));
      exponent2 = kBias + 1;
    }
    d.shift(53);
    std::uint64_t mantissa = d.rounded_integer();
    if (mantissa == 2 * kHidden) {  // Rounding carried into a new bit.
      mantissa >>= 1;
      ++exponent2;
    }
    if (exponent2 - kBias >= 0x7FF) {
      bits = std::uint64_t{0x7FF} << 52;
    } else {
      const int biased = (mantissa & kHidden) ? exponent2 - kBias : 0;
      bits = (mantissa & (kHidden - 1)) | (static_cast<std::uint64_t>(biased) << 52);
    }
  }
  if (negative) bits |= std::uint64_t{1} << 63;
  double out;
  std::memcpy(&out, &bits, sizeof out);
  return out;
}

}  // namespace cairn::json
