#include "guide/guide_pack.h"

#include "guide/pack_fields.h"
#include "guide/pack_reader.h"
#include "guide/pack_writer.h"

namespace cairn::guide {

namespace {

bool uses_running(const Audience& node) {
  if (node.kind == AudienceKind::guide_history && node.history == HistoryOp::running) return true;
  for (const Audience& child : node.children) {
    if (uses_running(child)) return true;
  }
  return false;
}

}  // namespace

bool packable(const Guide& guide, std::uint8_t version) {
  return version >= 2 || !guide.audience || !uses_running(*guide.audience);
}

std::string pack_guides(std::span<const Guide> guides, std::uint8_t version) {
  pack::PackWriter writer;
  writer.header(version, guides.size());
  // The field list takes mutable references so that one list serves both
  // directions; the writer only reads through them.
  for (const Guide& guide : guides) pack::fields(writer, const_cast<Guide&>(guide));
  return writer.take();
}

std::optional<std::vector<Guide>> unpack_guides(std::string_view bytes, std::string& error) {
  pack::PackReader reader(bytes);
  std::size_t count = reader.header(kOldestPackVersion, kPackVersion);
  std::vector<Guide> guides;
  // No reserve: a Guide is far larger than the one byte the count check
  // allows per guide, so the vector grows with what is actually read.
  for (std::size_t i = 0; i < count && !reader.failed(); ++i) {
    pack::fields(reader, guides.emplace_back());
  }
  reader.expect_end();
  if (reader.failed()) {
    error = reader.error();
    return std::nullopt;
  }
  return guides;
}

}  // namespace cairn::guide
