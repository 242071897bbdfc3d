#include "json/writer.h"

#ifdef CAIRN_COMPACT_JSON_PARSER
#include "json/compact_writer.h"

// Implemented by the loader (wasm/src/core/core_module.ts) with String(number).
extern "C" __attribute__((import_module("env"), import_name("cairn_format_double"))) int
cairn_format_double(double value, char* out, int capacity);
#else
#include <boost/json/serialize.hpp>
#endif

namespace cairn::json {

std::string to_text(const boost::json::value& value) {
#ifdef CAIRN_COMPACT_JSON_PARSER
  return write_compact(value, cairn_format_double);
#else
  return boost::json::serialize(value);
#endif
}

void put_text(boost::json::object& out, const char* key, const std::string& text) { out[key] = text; }

void put_name(boost::json::object& out, const char* key, std::string_view name) { out[key] = name; }

}  // namespace cairn::json
