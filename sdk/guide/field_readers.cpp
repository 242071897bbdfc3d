// The field readers every part of the guide codec shares (guide_codec_parts.h).
#include "guide/guide_codec_parts.h"

#include "json/compact_writer.h"
#include <cmath>
#include <limits>
#include <string>

namespace cairn::guide::codec {

namespace bj = boost::json;
using json::Need;
using json::ObjectReader;

void keep_unknown(const ObjectReader& reader, bj::object& out) { out = reader.unknown_fields(); }

void report(ObjectReader& reader, std::string_view key, const char* reason) {
  reader.error(key, reason);
}

void refuse(ObjectReader& reader, std::string_view key, const char* reason) {
  if (!reader.has(key)) return;
  reader.field(key);
  reader.error(key, reason);
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

bool read_string(ObjectReader& reader, std::string_view key, Need need, std::size_t max_bytes,
                 std::string& out) {
  std::optional<std::string> text = reader.string(key, need, max_bytes);
  if (!text) return false;
  out = std::move(*text);
  return true;
}

bool read_non_empty(ObjectReader& reader, std::string_view key, Need need, std::size_t max_bytes,
                    std::string& out) {
  std::optional<std::string> text = reader.non_empty_string(key, need, max_bytes);
  if (!text) return false;
  out = std::move(*text);
  return true;
}

bool read_integer(ObjectReader& reader, std::string_view key, Need need, std::int64_t min,
                  std::int64_t max, std::int64_t& out) {
  std::optional<std::int64_t> number = reader.integer(key, need, min, max);
  if (number) out = *number;
  return number.has_value();
}

void read_flag(ObjectReader& reader, std::string_view key, bool& out) {
  if (std::optional<bool> flag = reader.boolean(key)) out = *flag;
}

bool read_id(ObjectReader& reader, std::string_view key, Need need, std::string& out) {
  std::optional<std::string> id = reader.string(key, need, kMaxIdBytes);
  if (!id) return false;
  if (!is_valid_id(*id)) {
    reader.error(key, "must be 1 to " + json::integer_text(kMaxIdBytes) +
                          " letters, digits, \"_\", \"-\", \".\" or \":\"");
    return false;
  }
  out = std::move(*id);
  return true;
}

bool is_locale_tag(std::string_view tag) {
  if (tag.size() > 35) return false;
  std::size_t i = 0;
  std::size_t letters = 0;
  while (i < tag.size() && ((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z'))) {
    ++i;
    ++letters;
  }
  if (letters < 2 || letters > 3) return false;
  while (i < tag.size()) {
    if (tag[i] != '-') return false;
    ++i;
    std::size_t length = 0;
    while (i < tag.size() && ((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z') ||
                              (tag[i] >= '0' && tag[i] <= '9'))) {
      ++i;
      ++length;
    }
    if (length < 1 || length > 8) return false;
  }
  return true;
}

std::optional<double> read_percent(ObjectReader& reader, std::string_view key, Need need) {
  // The range is checked here rather than by number() so the message reads
  // "between 0 and 100" instead of in exponent notation.
  std::optional<double> percent =
      reader.number(key, need, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max());
  if (percent && (*percent < 0 || *percent > 100)) {
    report(reader, key, "must be between 0 and 100");
    return std::nullopt;
  }
  if (percent && std::fabs(*percent * 100 - std::round(*percent * 100)) > 1e-6) {
    report(reader, key, "must have at most two decimals");
    return std::nullopt;
  }
  return percent;
}

bj::value percent_value(double percent) {
  if (std::isfinite(percent) && std::trunc(percent) == percent && std::fabs(percent) < 1e15) {
    return bj::value(static_cast<std::int64_t>(percent));
  }
  return bj::value(percent);
}

}  // namespace cairn::guide::codec
