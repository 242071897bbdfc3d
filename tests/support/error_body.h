// Test support: the `code` of the collector's common error body
// {"error": {"code", "message", "problems"}}, for tests that check which
// error a request got.
#pragma once

#include <boost/json/parse.hpp>

#include <string>
#include <string_view>

namespace cairn::testing {

// The error code, or "" when `body` is not JSON or not the error shape.
inline std::string error_code_of(std::string_view body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  const boost::json::object* o = ec ? nullptr : v.if_object();
  const boost::json::value* error = o ? o->if_contains("error") : nullptr;
  const boost::json::value* code = error && error->is_object() ? error->as_object().if_contains("code") : nullptr;
  return code && code->is_string() ? std::string(code->get_string()) : "";
}

}  // namespace cairn::testing
