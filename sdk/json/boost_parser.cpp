#include "json/boost_parser.h"

#include "json/syntax_problem.h"

#include <boost/json/stream_parser.hpp>

namespace cairn::json {

namespace bj = boost::json;

namespace {

// What went wrong, for the errors Boost.JSON's parser reports (its own wording).
// Not ec.message(): any error_code::message() or category() call links the
// std::error_code interop category and with it printf and strerror (~12 KB of
// the WASM core) for codes the parser never produces.
const char* parse_error_text(bj::error e) {
  switch (e) {
    case bj::error::extra_data: return "extra data";
    case bj::error::incomplete: return "incomplete JSON";
    case bj::error::exponent_overflow: return "exponent overflow";
    case bj::error::too_deep: return "too deep";
    case bj::error::illegal_leading_surrogate: return "illegal leading surrogate";
    case bj::error::illegal_trailing_surrogate: return "illegal trailing surrogate";
    case bj::error::expected_hex_digit: return "expected hex digit";
    case bj::error::expected_utf16_escape: return "expected utf16 escape";
    case bj::error::object_too_large: return "object too large";
    case bj::error::array_too_large: return "array too large";
    case bj::error::key_too_large: return "key too large";
    case bj::error::string_too_large: return "string too large";
    default: return "syntax error";
  }
}

}  // namespace

std::optional<bj::value> parse_with_boost(std::string_view text, Problems& problems,
                                          std::size_t max_depth) {
  bj::parse_options options;
  options.max_depth = max_depth;
  bj::stream_parser parser(bj::storage_ptr(), options);
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) ec = bj::error::extra_data;
  if (!ec) parser.finish(ec);
  if (ec) {
    // Every error the parser sets is a bj::error (see parse_error_text).
    const auto error = static_cast<bj::error>(ec.value());
    if (error == bj::error::too_deep) {
      add_depth_problem(problems, max_depth);
    } else {
      add_syntax_problem(problems, consumed, parse_error_text(error));
    }
    return std::nullopt;
  }
  return parser.release();
}

}  // namespace cairn::json
