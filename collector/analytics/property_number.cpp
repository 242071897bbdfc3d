#include "analytics/property_number.h"

#include <boost/json/value.hpp>

#include <cmath>

namespace cairn::analytics {

namespace {

constexpr double kTwoTo63 = 9223372036854775808.0;

// -1, 0 or 1 as integer `i` is below, equal to or above double `d`.
int compare(std::int64_t i, double d) {
  if (d >= kTwoTo63) return -1;
  if (d < -kTwoTo63) return 1;
  const double whole = std::trunc(d);
  const auto t = static_cast<std::int64_t>(whole);  // Exact: |whole| < 2^63.
  if (i != t) return i < t ? -1 : 1;
  const double fraction = d - whole;
  return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
}

}  // namespace

PropertyNumber::PropertyNumber(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && value >= -kTwoTo63 && value < kTwoTo63) {
    integer_ = static_cast<std::int64_t>(value);  // -0.0 becomes 0.
  } else {
    is_integer_ = false;
    double_ = value;
  }
}

bool operator<(const PropertyNumber& a, const PropertyNumber& b) {
  if (a.is_integer_ && b.is_integer_) return a.integer_ < b.integer_;
  if (!a.is_integer_ && !b.is_integer_) return a.double_ < b.double_;
  if (a.is_integer_) return compare(a.integer_, b.double_) < 0;
  return compare(b.integer_, a.double_) > 0;
}

PropertyNumber property_number_of(const boost::json::value& number) {
  if (const std::int64_t* i = number.if_int64()) return PropertyNumber(*i);
  if (const std::uint64_t* u = number.if_uint64()) return PropertyNumber(*u);
  return PropertyNumber(number.get_double());
}

}  // namespace cairn::analytics
