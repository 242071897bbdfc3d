// The guide format's enum fields ("kind", "action", "side", ...): one name
// table per enum, read and written by the same non-template code.
//
// Every enum in guide.h is numbered 0..N-1 in declaration order, so its JSON
// names are a plain array indexed by the enumerator: no value column, and one
// reader for all of them (json::ObjectReader::enum_index, which enumeration()
// uses too). Reading through a template per enum would be cloned for each table
// and inlined at each field by LTO, which cost the WASM SDK about 4.7 KB (1.1 KB gzip).
#pragma once

#include "json/reader.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace cairn::guide::codec {

// REQUIRES: names[i] is the JSON name of the enumerator with value i.
using EnumNames = std::span<const std::string_view>;

template <class E>
std::optional<E> read_enum(json::ObjectReader& reader, std::string_view key, json::Need need,
                           EnumNames names) {
  const int index = reader.enum_index(key, need, names);
  if (index < 0) return std::nullopt;
  return static_cast<E>(index);
}

// For a static_assert beside each table: one name per enumerator up to `last`
// (a new enumerator without a name fails to compile).
template <class E>
constexpr bool names_every(EnumNames names, E last) {
  return names.size() == static_cast<std::size_t>(last) + 1;
}

// The JSON name of `value`; "" for a value outside the table (a Guide built in
// code with a cast), as json::enum_name gives.
template <class E>
std::string_view enum_name(E value, EnumNames names) {
  auto index = static_cast<std::size_t>(value);
  return index < names.size() ? names[index] : std::string_view();
}

}  // namespace cairn::guide::codec
