#include "locator/descriptor_codec.h"

#include "json/compact_writer.h"
#include "json/reader.h"
#include "json/writer.h"
#include "locator/text_clip.h"

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <cmath>

namespace cairn::locator {

namespace bj = boost::json;
using json::Need;
using json::ObjectReader;
using L = DescriptorLimits;

namespace {

// A string field that is clipped rather than refused when too long. The
// readers fill the descriptor in place (`out` starts empty): returning strings
// by value cost the WASM SDK a move and a destructor at every field.
void read_clipped(ObjectReader& reader, std::string_view key, std::size_t max_bytes,
                  std::string& out) {
  const bj::value* v = reader.field(key);
  if (!v) return;
  const bj::string* s = v->if_string();
  if (!s) {
    reader.error(key, "must be a string");
    return;
  }
  out = clip_utf8(std::string_view(s->data(), s->size()), max_bytes);
}

void lower_ascii(std::string& s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

void read_tag(ObjectReader& reader, std::string& out) {
  std::optional<std::string> tag = reader.non_empty_string("tag", Need::required, L::kMaxTagBytes);
  if (!tag) return;
  lower_ascii(*tag);
  out = std::move(*tag);
}

// The fields an element and each of its ancestor levels start with, read by
// one function for both.
void read_identity(ObjectReader& reader, std::string& tag, std::string& id,
                   std::vector<std::string>& classes) {
  read_tag(reader, tag);
  read_clipped(reader, "id", L::kMaxIdBytes, id);
  read_clipped_list(reader, "classes", L::kMaxClasses, L::kMaxClassBytes,
                    ListItems::distinct_non_empty, classes);
}

int index_of(ObjectReader& reader) {
  std::optional<std::int64_t> index = reader.integer("index", Need::optional, 0, L::kMaxIndex);
  return index ? static_cast<int>(*index) : 0;
}

void read_attributes(ObjectReader& reader, std::vector<Attribute>& out) {
  const bj::object* attributes = reader.object("attributes");
  if (!attributes) return;
  const std::string base = reader.pointer_of("attributes");
  if (attributes->size() > L::kMaxAttributes) {
    reader.error("attributes", "has " + json::integer_text(attributes->size()) +
                                   " entries; the limit is " + json::integer_text(L::kMaxAttributes));
    return;
  }
  for (const bj::key_value_pair& kv : *attributes) {
    const std::string pointer = json::pointer_append(base, kv.key());
    if (kv.key().empty() || kv.key().size() > L::kMaxAttributeNameBytes) {
      reader.problems().add(pointer, "attribute names must be 1 to " +
                                         json::integer_text(L::kMaxAttributeNameBytes) + " bytes");
      continue;
    }
    const bj::string* s = kv.value().if_string();
    if (!s) {
      reader.problems().add(pointer, "must be a string");
      continue;
    }
    Attribute a;
    a.name.assign(kv.key().data(), kv.key().size());
    lower_ascii(a.name);
    a.value = clip_utf8(std::string_view(s->data(), s->size()), L::kMaxAttributeValueBytes);
    out.push_back(std::move(a));
  }
}

void read_rect(ObjectReader& reader, ElementDescriptor& out) {
  const bj::value* v = reader.field("rect");
  if (!v) return;
  ObjectReader rect(*v, reader.pointer_of("rect"), reader.problems());
  if (!rect.valid()) return;
  auto x = rect.number("x", Need::required, -L::kMaxCoordinate, L::kMaxCoordinate);
  auto y = rect.number("y", Need::required, -L::kMaxCoordinate, L::kMaxCoordinate);
  auto w = rect.number("width", Need::required, 0, L::kMaxCoordinate);
  auto h = rect.number("height", Need::required, 0, L::kMaxCoordinate);
  if (x && y && w && h) {
    out.rect = Rect{*x, *y, *w, *h};
    out.has_rect = true;
  }
}

void read_ancestors(ObjectReader& reader, std::vector<AncestorLevel>& out) {
  const bj::value* v = reader.field("ancestors");
  if (!v) return;
  const bj::array* a = v->if_array();
  if (!a) {
    reader.error("ancestors", "must be an array");
    return;
  }
  const std::string base = reader.pointer_of("ancestors");
  // Farther levels say least about the element; beyond the cap they are dropped
  // unread, which also bounds the work a hostile chain can cause.
  const std::size_t n = std::min(a->size(), L::kMaxAncestors);
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    ObjectReader level((*a)[i], json::pointer_append(base, i), reader.problems());
    if (!level.valid()) continue;
    AncestorLevel l;
    read_identity(level, l.tag, l.id, l.classes);
    read_clipped(level, "role", L::kMaxRoleBytes, l.role);
    l.index = index_of(level);
    out.push_back(std::move(l));
  }
}

}  // namespace

void read_clipped_list(ObjectReader& reader, std::string_view key, std::size_t max_items,
                       std::size_t max_bytes, ListItems keep, std::vector<std::string>& out) {
  const bj::value* v = reader.field(key);
  if (!v) return;
  const bj::array* a = v->if_array();
  if (!a) {
    reader.error(key, "must be an array of strings");
    return;
  }
  const std::string base = reader.pointer_of(key);
  for (std::size_t i = 0; i < a->size(); ++i) {
    const bj::string* s = (*a)[i].if_string();
    if (!s) {
      reader.problems().add(json::pointer_append(base, i), "must be a string");
      continue;
    }
    if (out.size() >= max_items) continue;  // keep checking types, stop keeping values
    std::string item(clip_utf8(std::string_view(s->data(), s->size()), max_bytes));
    if (keep != ListItems::all && item.empty()) continue;
    if (keep == ListItems::distinct_non_empty &&
        std::find(out.begin(), out.end(), item) != out.end()) {
      continue;
    }
    out.push_back(std::move(item));
  }
}

std::string_view ElementDescriptor::attribute(std::string_view attribute_name) const {
  for (const Attribute& a : attributes) {
    if (a.name == attribute_name) return a.value;
  }
  return {};
}

bool read_descriptor_into(const bj::value& value, const std::string& pointer,
                          json::Problems& problems, ElementDescriptor& d) {
  const std::size_t before = problems.total();
  ObjectReader reader(value, pointer, problems);
  if (!reader.valid()) return false;
  read_identity(reader, d.tag, d.id, d.classes);
  read_attributes(reader, d.attributes);
  read_clipped(reader, "role", L::kMaxRoleBytes, d.role);
  read_clipped(reader, "name", L::kMaxTextBytes, d.name);
  read_clipped(reader, "text", L::kMaxTextBytes, d.text);
  read_rect(reader, d);
  if (std::optional<bool> visible = reader.boolean("visible")) d.visible = *visible;
  d.index = index_of(reader);
  read_ancestors(reader, d.ancestors);
  read_clipped(reader, "label", L::kMaxTextBytes, d.label);
  read_clipped(reader, "heading", L::kMaxTextBytes, d.heading);
  read_clipped_list(reader, "neighbors", L::kMaxNeighbors, L::kMaxNeighborBytes,
                    ListItems::non_empty, d.neighbors);
  d.unknown = reader.unknown_fields();
  return problems.total() == before;
}

std::optional<ElementDescriptor> read_descriptor(const bj::value& value, const std::string& pointer,
                                                 json::Problems& problems) {
  ElementDescriptor d;
  if (!read_descriptor_into(value, pointer, problems, d)) return std::nullopt;
  return d;
}

namespace {

bj::array string_array(const std::vector<std::string>& items) {
  bj::array out;
  out.reserve(items.size());
  for (const std::string& s : items) out.emplace_back(s);
  return out;
}

void put_if_set(bj::object& out, const char* key, const std::string& value) {
  if (!value.empty()) json::put_text(out, key, value);
}

void write_identity(bj::object& out, const std::string& tag, const std::string& id,
                    const std::vector<std::string>& classes) {
  json::put_text(out, "tag", tag);
  put_if_set(out, "id", id);
  if (!classes.empty()) out["classes"] = string_array(classes);
}

}  // namespace

bj::object write_descriptor(const ElementDescriptor& d) {
  bj::object out;
  write_identity(out, d.tag, d.id, d.classes);
  if (!d.attributes.empty()) {
    bj::object attributes;
    for (const Attribute& a : d.attributes) attributes[a.name] = a.value;
    out["attributes"] = std::move(attributes);
  }
  put_if_set(out, "role", d.role);
  put_if_set(out, "name", d.name);
  put_if_set(out, "text", d.text);
  if (d.has_rect) {
    bj::object rect;
    json::put_value(rect, "x", d.rect.x);
    json::put_value(rect, "y", d.rect.y);
    json::put_value(rect, "width", d.rect.width);
    json::put_value(rect, "height", d.rect.height);
    out["rect"] = std::move(rect);
  }
  if (!d.visible) json::put_value(out, "visible", false);
  if (d.index != 0) json::put_value(out, "index", d.index);
  if (!d.ancestors.empty()) {
    bj::array levels;
    levels.reserve(d.ancestors.size());
    for (const AncestorLevel& l : d.ancestors) {
      bj::object level;
      write_identity(level, l.tag, l.id, l.classes);
      put_if_set(level, "role", l.role);
      if (l.index != 0) json::put_value(level, "index", l.index);
      levels.emplace_back(std::move(level));
    }
    out["ancestors"] = std::move(levels);
  }
  put_if_set(out, "label", d.label);
  put_if_set(out, "heading", d.heading);
  if (!d.neighbors.empty()) out["neighbors"] = string_array(d.neighbors);
  json::merge_unknown_fields(out, d.unknown);
  return out;
}

}  // namespace cairn::locator
