// The one way the core turns a value into JSON text.
//
// In code the WASM links, build objects field by field (`out["key"] = value`),
// not from initializer lists (`object{{"key", value}}`): one such list links
// Boost.JSON's value_ref machinery; the core's 25 lists and that machinery
// were 1.4 KB of the gzipped WASM (bench/sdk/RESULTS.md, session 6).
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace cairn::json {

// Natively boost::json::serialize; in the WASM build (CAIRN_COMPACT_JSON_PARSER)
// write_compact (compact_writer.h) with doubles printed by JavaScript.
std::string to_text(const boost::json::value& value);

}  // namespace cairn::json
