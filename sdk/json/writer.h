// The one way the core turns a value into JSON text.
//
// In code the WASM links, build objects field by field (`out["key"] = value`),
// not from initializer lists (`object{{"key", value}}`): one such list links
// Boost.JSON's value_ref machinery; the core's 25 lists and that machinery
// were 1.4 KB of the gzipped WASM (bench/sdk/RESULTS.md, session 6).
//
// Set fields with put_text / put_name / put_value, one call each: written
// `out["key"] = value`, every field converts its key and its value where it
// is set (-Oz keeps each conversion a call); the core's writers were 1.2 KB
// of the gzipped WASM smaller so (bench/sdk/RESULTS.md, session 9).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace cairn::json {

// Natively boost::json::serialize; in the WASM build (CAIRN_COMPACT_JSON_PARSER)
// write_compact (compact_writer.h) with doubles printed by JavaScript.
std::string to_text(const boost::json::value& value);

// out[key] = text.
void put_text(boost::json::object& out, const char* key, const std::string& text);
// out[key] = name: an enum's name or a literal.
void put_name(boost::json::object& out, const char* key, std::string_view name);
// out[key] = value: a number or a bool (a template, not overloads, so that a
// literal cannot turn into a bool).
template <class Value>
void put_value(boost::json::object& out, const char* key, Value value) {
  out[key] = value;
}

}  // namespace cairn::json
