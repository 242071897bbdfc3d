// Percent-decoding (RFC 3986 §2.1), the one implementation for the core (URL
// rules read query parameters with it) and the collector (request paths and
// query parameters). Two callers want two policies for bad input, so the
// policy is a parameter rather than a second copy:
//   strict — HTTP request targets: a malformed escape or an encoded NUL makes
//            the whole text invalid (the server answers 400 bad_path);
//   form   — page URLs seen by the SDK: "+" is a space
//            (application/x-www-form-urlencoded) and a malformed escape stays
//            as written, because a rule must still match whatever URL the host
//            app really has.
//
// Threading: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cairn::url {

// 0-15 for a hex digit (either case), -1 otherwise.
int hex_digit_value(char c);

// "%41" -> "A"; "+" stays "+". nullopt on "%" not followed by two hex digits
// and on an escape that decodes to NUL.
std::optional<std::string> percent_decode_strict(std::string_view text);

// "%41" -> "A", "+" -> " "; a malformed escape is kept as written. Never fails.
std::string percent_decode_form(std::string_view text);

}  // namespace cairn::url
