// The one way the core turns a value into JSON text.
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace cairn::json {

// Natively boost::json::serialize; in the WASM build (CAIRN_COMPACT_JSON_PARSER)
// write_compact (compact_writer.h) with doubles printed by JavaScript.
std::string to_text(const boost::json::value& value);

}  // namespace cairn::json
