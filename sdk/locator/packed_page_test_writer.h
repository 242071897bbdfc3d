// A writer of packed candidate pages (docs/fingerprint.md "Packed
// candidates") for tests, independent of the decoder (packed_candidates.h), so
// a layout mismatch between the two shows up in the tests that use both:
// packed_candidates_test.cpp and the native test of the WASM bridge's page
// exports (tests/bridge/).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cairn::locator::test {

// Row::flags bits.
constexpr std::int32_t kVisible = 1, kHasRect = 2, kContextOnly = 4;

// One element as candidate_pack.ts sees it; `parent` is a row number.
struct Row {
  std::string tag, id, role, name, text, label, heading;
  std::int32_t parent = -1, index = 0, flags = kVisible;
  std::vector<std::string> classes;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<std::string> neighbors;
  std::array<double, 4> rect{};
};

// The packed page of `rows` (and a header), as candidate_pack.ts writes it.
inline std::string pack(const std::vector<Row>& rows, const std::string& header = "") {
  std::map<std::string, std::int32_t> ids{{"", 0}};
  std::vector<std::string> strings{""};
  auto id = [&](const std::string& s) {
    auto [it, added] = ids.emplace(s, static_cast<std::int32_t>(strings.size()));
    if (added) strings.push_back(s);
    return it->second;
  };
  std::vector<std::int32_t> cells, lists;
  std::vector<double> rects;
  auto list = [&](const std::vector<std::string>& items) {
    cells.push_back(static_cast<std::int32_t>(lists.size()));
    cells.push_back(static_cast<std::int32_t>(items.size()));
    for (const std::string& s : items) lists.push_back(id(s));
  };
  for (const Row& r : rows) {
    for (const std::string* s : {&r.tag, &r.id, &r.role, &r.name, &r.text, &r.label, &r.heading}) {
      cells.push_back(id(*s));
    }
    cells.insert(cells.end(), {r.parent, r.index, r.flags});
    list(r.classes);
    std::vector<std::string> pairs;
    for (const auto& [k, v] : r.attributes) pairs.insert(pairs.end(), {k, v});
    list(pairs);
    cells.back() = static_cast<std::int32_t>(r.attributes.size());
    list(r.neighbors);
    rects.insert(rects.end(), r.rect.begin(), r.rect.end());
  }
  std::string blob;
  std::vector<std::uint32_t> lengths;
  for (const std::string& s : strings) {
    lengths.push_back(static_cast<std::uint32_t>(s.size()));
    blob += s;
  }
  std::string out;
  auto section = [&](const void* data, std::size_t bytes) {
    out.append(static_cast<const char*>(data), bytes);
    out.resize((out.size() + 7) & ~std::size_t{7}, '\0');
  };
  const std::array<std::uint32_t, 6> prefix{0x31504E43, static_cast<std::uint32_t>(header.size()),
                                            static_cast<std::uint32_t>(strings.size()),
                                            static_cast<std::uint32_t>(blob.size()),
                                            static_cast<std::uint32_t>(rows.size()),
                                            static_cast<std::uint32_t>(lists.size())};
  section(prefix.data(), 24);
  section(lengths.data(), lengths.size() * 4);
  section(blob.data(), blob.size());
  section(cells.data(), cells.size() * 4);
  section(lists.data(), lists.size() * 4);
  section(rects.data(), rects.size() * 8);
  section(header.data(), header.size());
  return out;
}

}  // namespace cairn::locator::test
