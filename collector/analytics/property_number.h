// PropertyNumber: a JSON number as analytics compares it (docs/analytics.md,
// "Filters": a number equals only a number, numerically).
//
// Integers within int64 are kept exactly, so two ids beyond 2^53 (order
// 1234567890123456789 and order 1234567890123456788) stay two values in
// filters, breakdowns and the value dictionary; a double would make them one.
// Every other number is a double. Each value has one form: a double with an
// integral value in int64 range (3.0, 3e0, -0.0) is kept as that integer, so
// equal numbers are equal objects whatever their JSON spelling. Integers above
// INT64_MAX (uint64 only) are doubles.
//
// Threading: a value type.
#pragma once

#include <concepts>
#include <cstdint>
#include <type_traits>

namespace boost::json {
class value;
}

namespace cairn::analytics {

class PropertyNumber {
 public:
  PropertyNumber() = default;
  // Implicit: a number literal in a property or a query is a PropertyNumber.
  PropertyNumber(double value);  // NOLINT(google-explicit-constructor)
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  PropertyNumber(T value) {  // NOLINT(google-explicit-constructor)
    if constexpr (std::is_signed_v<T>) {
      integer_ = static_cast<std::int64_t>(value);
    } else if (static_cast<std::uint64_t>(value) <= static_cast<std::uint64_t>(INT64_MAX)) {
      integer_ = static_cast<std::int64_t>(value);
    } else {
      is_integer_ = false;
      double_ = static_cast<double>(value);
    }
  }

  bool is_integer() const { return is_integer_; }
  // REQUIRES: is_integer().
  std::int64_t integer() const { return integer_; }
  // The value as a double (rounded for integers beyond 2^53).
  double to_double() const { return is_integer_ ? static_cast<double>(integer_) : double_; }

  friend bool operator==(const PropertyNumber& a, const PropertyNumber& b) {
    return a.is_integer_ == b.is_integer_ && (a.is_integer_ ? a.integer_ == b.integer_ : a.double_ == b.double_);
  }
  // Numeric order, exact between an integer and a double.
  friend bool operator<(const PropertyNumber& a, const PropertyNumber& b);

 private:
  bool is_integer_ = true;
  std::int64_t integer_ = 0;
  double double_ = 0;
};

// The number a JSON number holds: int64 and uint64 exactly as above, doubles
// by their value. REQUIRES: number.is_number().
PropertyNumber property_number_of(const boost::json::value& number);

}  // namespace cairn::analytics
