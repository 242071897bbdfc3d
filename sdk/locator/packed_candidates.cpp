#include "locator/packed_candidates.h"

#include "json/compact_writer.h"
#include "json/reader.h"
#include "locator/locate_request.h"
#include "locator/text_clip.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>

namespace cairn::locator {

namespace {

using L = DescriptorLimits;

constexpr std::uint32_t kMagic = 0x31504E43;  // "CNP1"
constexpr std::size_t kPrefixWords = 6;
constexpr std::size_t kRowFields = 16;
enum Field : std::size_t {
  kTag, kId, kRole, kName, kText, kLabel, kHeading, kParent, kIndex, kFlags,
  kClassesStart, kClassesCount, kAttributesStart, kAttributesCount, kNeighborsStart, kNeighborsCount
};
constexpr std::int32_t kVisible = 1, kHasRect = 2, kContextOnly = 4;

constexpr std::uint64_t padded(std::uint64_t bytes) { return (bytes + 7) & ~std::uint64_t{7}; }

// Which row a problem is about, as a JSON Pointer built only when there is a
// problem ("/candidates/17/tag"), so a clean page allocates no pointer strings.
struct Where {
  const char* section;  // "/candidates" or "/context"
  std::size_t index;
  std::string operator()(std::string_view field) const {
    std::string out(section);
    json::append_integer(out += '/', index) += '/';
    out += field;
    return out;
  }
};

void lower_ascii(std::string& s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// A row's range in the list section: checked, so its items can be read.
struct ListRange {
  std::size_t start = 0, count = 0;
};

// The sections of a packed page, bounds-checked once; reads after that are in range.
class PackedReader {
 public:
  PackedReader(std::string_view bytes, json::Problems& problems) : bytes_(bytes), problems_(problems) {}

  bool open() {
    if (bytes_.size() < kPrefixWords * 4) return fail("packed candidates: shorter than the header");
    std::array<std::uint32_t, kPrefixWords> prefix{};
    std::memcpy(prefix.data(), bytes_.data(), kPrefixWords * 4);
    if (prefix[0] != kMagic) return fail("packed candidates: not a CNP1 buffer");
    header_bytes_ = prefix[1];
    string_count_ = prefix[2];
    blob_bytes_ = prefix[3];
    row_count_ = prefix[4];
    list_count_ = prefix[5];
    if (string_count_ == 0) return fail("packed candidates: the string table must hold \"\" first");
    // 64-bit sums: a hostile header cannot wrap the bounds check. Every byte a
    // section announces must be in the buffer; only the last section's padding
    // may be left off. An empty section's start may lie past the buffer's end;
    // it is clamped so that even its empty substring stays inside.
    std::uint64_t at = padded(kPrefixWords * 4), end = at;
    auto section = [&](std::uint64_t bytes) {
      const std::uint64_t start = at;
      end = bytes == 0 ? end : start + bytes;
      at += padded(bytes);
      return static_cast<std::size_t>(std::min<std::uint64_t>(start, bytes_.size()));
    };
    lengths_at_ = section(std::uint64_t{string_count_} * 4);
    blob_at_ = section(blob_bytes_);
    rows_at_ = section(std::uint64_t{row_count_} * kRowFields * 4);
    lists_at_ = section(std::uint64_t{list_count_} * 4);
    rects_at_ = section(std::uint64_t{row_count_} * 4 * 8);
    header_at_ = section(header_bytes_);
    if (end > bytes_.size()) {
      return fail("packed candidates: the sections need " + json::integer_text(end) + " bytes, the buffer has " +
                  json::integer_text(bytes_.size()));
    }
    if (bytes_.size() > at) {
      return fail("packed candidates: " + json::integer_text(bytes_.size() - at) + " bytes after the last section");
    }
    return index_strings();
  }

  std::string_view header() const { return bytes_.substr(header_at_, header_bytes_); }
  std::size_t rows() const { return row_count_; }

  std::int32_t field(std::size_t row, Field f) const {
    return word(rows_at_ + (row * kRowFields + f) * 4);
  }
  double rect(std::size_t row, std::size_t k) const {
    double v = 0;
    std::memcpy(&v, bytes_.data() + rects_at_ + (row * 4 + k) * 8, 8);
    return v;
  }
  // String `id`, or nullopt (problem added at the field) when it names no string.
  std::optional<std::string_view> string(std::int32_t id, const Where& where, std::string_view field) {
    if (id < 0 || static_cast<std::uint32_t>(id) >= string_count_) {
      problems_.add(where(field),
                    "names string " + json::integer_text(id) + " of " + json::integer_text(string_count_));
      return std::nullopt;
    }
    const std::size_t i = static_cast<std::size_t>(id);
    return bytes_.substr(blob_at_ + offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  // Range (start, count) of the list section, or nullopt with a problem. Ranges
  // must come in row order without overlapping (start at or after `next`,
  // which then moves past the range): every list entry is read at most once,
  // so decoding stays linear however the rows point into the lists.
  std::optional<ListRange> list(std::int64_t start, std::int64_t count, std::size_t& next,
                                const Where& where, std::string_view field) {
    if (count < 0 || start < static_cast<std::int64_t>(next) || start + count > std::int64_t{list_count_}) {
      problems_.add(where(field), "list range " + json::integer_text(start) + "+" + json::integer_text(count) +
                                      " must lie in the list section after the previous range (" +
                                      json::integer_text(next) + " of " + json::integer_text(list_count_) + ")");
      return std::nullopt;
    }
    next = static_cast<std::size_t>(start + count);
    return ListRange{static_cast<std::size_t>(start), static_cast<std::size_t>(count)};
  }
  std::int32_t list_item(std::size_t i) const { return word(lists_at_ + i * 4); }

 private:
  bool fail(std::string reason) {
    problems_.add("", std::move(reason));
    return false;
  }
  std::int32_t word(std::size_t at) const {
    std::int32_t v = 0;
    std::memcpy(&v, bytes_.data() + at, 4);
    return v;
  }
  // Each string must be UTF-8 on its own (clip_utf8 requires it, and a code
  // point split across two strings would make both invalid), as the JSON
  // parser requires of every JSON string.
  bool index_strings() {
    offsets_.assign(std::size_t{string_count_} + 1, 0);
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < string_count_; ++i) {
      total += static_cast<std::uint32_t>(word(lengths_at_ + i * 4));
      if (total > blob_bytes_) return fail("packed candidates: string lengths exceed the blob");
      offsets_[i + 1] = static_cast<std::size_t>(total);
    }
    if (total != blob_bytes_) return fail("packed candidates: string lengths do not add up to the blob");
    if (offsets_[1] != 0) return fail("packed candidates: string 0 must be \"\"");
    for (std::size_t i = 1; i < string_count_; ++i) {
      if (!json::is_valid_utf8(bytes_.substr(blob_at_ + offsets_[i], offsets_[i + 1] - offsets_[i]))) {
        return fail("packed candidates: string " + json::integer_text(i) + " is not valid UTF-8");
      }
    }
    return true;
  }

  std::string_view bytes_;
  json::Problems& problems_;
  std::uint32_t header_bytes_ = 0, string_count_ = 0, blob_bytes_ = 0, row_count_ = 0, list_count_ = 0;
  std::size_t header_at_ = 0, lengths_at_ = 0, blob_at_ = 0, rows_at_ = 0, lists_at_ = 0, rects_at_ = 0;
  std::vector<std::size_t> offsets_;
};

// What a row contributes to chains: its element as an ancestor level.
struct RowLevel {
  AncestorLevel level;
  std::int32_t parent = -1;
};

// The readers below fill the row's fields in place (each starts empty), as
// descriptor_codec.cpp does: returned strings and lists cost the WASM a move
// and a destructor at every field.
void read_clipped(PackedReader& in, std::int32_t id, const Where& where, std::string_view field,
                  std::size_t max, std::string& out) {
  if (std::optional<std::string_view> s = in.string(id, where, field)) out = clip_utf8(*s, max);
}

// Classes and neighbour texts: clipped items, empty ones skipped, extra dropped
// (and classes deduplicated), as descriptor_codec.cpp reads the JSON arrays.
// Every item's string id is checked, kept or not, as the JSON codec checks
// every item's type.
void read_clipped_list(PackedReader& in, ListRange range, const Where& where, std::string_view field,
                       std::size_t max_items, std::size_t max_bytes, bool deduplicate,
                       std::vector<std::string>& out) {
  for (std::size_t k = 0; k < range.count; ++k) {
    std::optional<std::string_view> s = in.string(in.list_item(range.start + k), where, field);
    if (!s || out.size() >= max_items) continue;
    std::string item(clip_utf8(*s, max_bytes));
    if (item.empty()) continue;
    if (deduplicate && std::find(out.begin(), out.end(), item) != out.end()) continue;
    out.push_back(std::move(item));
  }
}

// REQUIRES: the row's tag was checked (names a string, non-empty, within the cap).
void read_level(PackedReader& in, std::size_t row, ListRange classes, const Where& where, RowLevel& r) {
  r.level.tag = in.string(in.field(row, kTag), where, "tag").value_or("");
  lower_ascii(r.level.tag);
  read_clipped(in, in.field(row, kId), where, "id", L::kMaxIdBytes, r.level.id);
  read_clipped_list(in, classes, where, "classes", L::kMaxClasses, L::kMaxClassBytes, true, r.level.classes);
  read_clipped(in, in.field(row, kRole), where, "role", L::kMaxRoleBytes, r.level.role);
  r.level.index = in.field(row, kIndex);
  r.parent = in.field(row, kParent);
}

}  // namespace

// One row: its checks, its level (parents come first, so a row's chain is
// complete when it is reached), and for a candidate row its descriptor.
struct PackedPageDecoder::State {
  explicit State(std::string_view bytes) : reader(bytes, problems) {}
  json::Problems problems;
  PackedReader reader;
  std::vector<RowLevel> levels;
  std::vector<ElementDescriptor> candidates;
  std::size_t next = 0, context_rows = 0, candidate_rows = 0, next_list = 0;
  bool opened = false;

  void decode_row(std::size_t row);
  void read_attributes(ListRange range, const Where& where, ElementDescriptor& d);
};

// Name/value string pairs: names checked as the JSON codec checks keys, values clipped.
void PackedPageDecoder::State::read_attributes(ListRange range, const Where& where, ElementDescriptor& d) {
  PackedReader& in = reader;
  for (std::size_t k = 0; k + 1 < range.count; k += 2) {
    std::optional<std::string_view> name = in.string(in.list_item(range.start + k), where, "attributes");
    std::optional<std::string_view> value = in.string(in.list_item(range.start + k + 1), where, "attributes");
    if (!name || !value) continue;
    if (name->empty() || name->size() > L::kMaxAttributeNameBytes) {
      problems.add(where("attributes"), "attribute names must be 1 to " +
                                            json::integer_text(L::kMaxAttributeNameBytes) + " bytes");
      continue;
    }
    Attribute a{std::string(*name), std::string(clip_utf8(*value, L::kMaxAttributeValueBytes))};
    lower_ascii(a.name);
    d.attributes.push_back(std::move(a));
  }
}

void PackedPageDecoder::State::decode_row(std::size_t row) {
  PackedReader& in = reader;
  const std::size_t before = problems.total();
  const std::int32_t flags = in.field(row, kFlags);
  const bool context = (flags & kContextOnly) != 0;
  // Candidate pointers use the candidate's index, as for the JSON list.
  const Where where{context ? "/context" : "/candidates", context ? context_rows : candidate_rows};
  if (context) ++context_rows; else ++candidate_rows;
  std::optional<std::string_view> tag = in.string(in.field(row, kTag), where, "tag");
  if (tag && (tag->empty() || tag->size() > L::kMaxTagBytes)) {
    problems.add(where("tag"), "must be 1 to " + json::integer_text(L::kMaxTagBytes) + " bytes");
  }
  const std::int32_t index = in.field(row, kIndex);
  if (index < 0 || index > L::kMaxIndex) {
    problems.add(where("index"), "must be an integer from 0 to " + json::integer_text(L::kMaxIndex));
  }
  const std::int32_t parent = in.field(row, kParent);
  if (parent < -1 || parent >= static_cast<std::int64_t>(row)) {
    problems.add(where("parent"), "must be -1 or an earlier row");
  }
  // The list ranges are taken in every row, even after a problem, so the next
  // row's ranges are checked against the right position.
  const auto classes = in.list(in.field(row, kClassesStart), in.field(row, kClassesCount), next_list, where, "classes");
  const std::int64_t attribute_count = in.field(row, kAttributesCount);
  const auto attributes =
      in.list(in.field(row, kAttributesStart), attribute_count * 2, next_list, where, "attributes");
  if (attribute_count > static_cast<std::int64_t>(L::kMaxAttributes)) {
    problems.add(where("attributes"), "has " + json::integer_text(attribute_count) +
                                          " entries; the limit is " + json::integer_text(L::kMaxAttributes));
  }
  const auto neighbors =
      in.list(in.field(row, kNeighborsStart), in.field(row, kNeighborsCount), next_list, where, "neighbors");
  if (problems.total() != before) return;
  read_level(in, row, *classes, where, levels[row]);
  if (context) return;
  const AncestorLevel& level = levels[row].level;
  ElementDescriptor d;
  d.tag = level.tag;
  d.id = level.id;
  d.classes = std::vector<std::string>(level.classes);  // copied, then moved: no copy assignment
  d.role = level.role;
  d.index = level.index;
  read_clipped(in, in.field(row, kName), where, "name", L::kMaxTextBytes, d.name);
  read_clipped(in, in.field(row, kText), where, "text", L::kMaxTextBytes, d.text);
  read_clipped(in, in.field(row, kLabel), where, "label", L::kMaxTextBytes, d.label);
  read_clipped(in, in.field(row, kHeading), where, "heading", L::kMaxTextBytes, d.heading);
  d.visible = (flags & kVisible) != 0;
  if (flags & kHasRect) {
    const double x = in.rect(row, 0), y = in.rect(row, 1), w = in.rect(row, 2), h = in.rect(row, 3);
    auto in_range = [](double v, double lo) { return std::isfinite(v) && v >= lo && v <= L::kMaxCoordinate; };
    if (in_range(x, -L::kMaxCoordinate) && in_range(y, -L::kMaxCoordinate) && in_range(w, 0) && in_range(h, 0)) {
      d.rect = Rect{x, y, w, h};
      d.has_rect = true;
    } else {
      problems.add(where("rect"), "coordinates must be finite, within 1e7, width and height >= 0");
    }
  }
  read_attributes(*attributes, where, d);
  read_clipped_list(in, *neighbors, where, "neighbors", L::kMaxNeighbors, L::kMaxNeighborBytes, false,
                    d.neighbors);
  for (std::int32_t p = levels[row].parent; p >= 0 && d.ancestors.size() < L::kMaxAncestors;
       p = levels[static_cast<std::size_t>(p)].parent) {
    d.ancestors.push_back(levels[static_cast<std::size_t>(p)].level);
  }
  // After a problem the rest is still checked (every problem is reported), but
  // nothing more is kept.
  if (problems.empty()) candidates.push_back(std::move(d));
}

PackedPageDecoder::PackedPageDecoder(std::string_view bytes) : state_(std::make_unique<State>(bytes)) {
  State& s = *state_;
  s.opened = s.reader.open();
  if (!s.opened) return;
  s.levels.resize(s.reader.rows());
  s.candidates.reserve(std::min(s.reader.rows(), kMaxCandidates));
}

PackedPageDecoder::~PackedPageDecoder() = default;

bool PackedPageDecoder::step(std::size_t max_rows) {
  State& s = *state_;
  if (!s.opened) return true;
  const std::size_t end = s.reader.rows() - s.next <= max_rows ? s.reader.rows() : s.next + max_rows;
  for (; s.next < end; ++s.next) {
    s.decode_row(s.next);
    if (s.candidate_rows > kMaxCandidates || s.context_rows > kMaxContextRows) {
      s.problems.add(s.context_rows > kMaxContextRows ? "/context" : "/candidates",
                     s.context_rows > kMaxContextRows
                         ? "more than " + json::integer_text(kMaxContextRows) + " context rows"
                         : "more than " + json::integer_text(kMaxCandidates) + " candidates");
      s.next = s.reader.rows();
      break;
    }
  }
  return s.next >= s.reader.rows();
}

bool PackedPageDecoder::failed() const { return !state_->problems.empty(); }
const json::Problems& PackedPageDecoder::problems() const { return state_->problems; }
std::string_view PackedPageDecoder::header() const { return state_->opened ? state_->reader.header() : std::string_view(); }
std::vector<ElementDescriptor>& PackedPageDecoder::candidates() { return state_->candidates; }

std::optional<PackedPage> read_packed_page(std::string_view bytes, json::Problems& problems) {
  PackedPageDecoder decoder(bytes);
  while (!decoder.step(std::numeric_limits<std::size_t>::max())) {
  }
  if (decoder.failed()) {
    for (const json::Problem& p : decoder.problems().stored()) problems.add(p.pointer, p.reason);
    return std::nullopt;
  }
  return PackedPage{decoder.header(), std::move(decoder.candidates())};
}

}  // namespace cairn::locator
