#include "locator/fingerprint_codec.h"

#include "json/compact_writer.h"
#include "json/reader.h"
#include "json/writer.h"
#include "locator/descriptor_codec.h"
#include "locator/text_clip.h"

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

namespace cairn::locator {

namespace bj = boost::json;
using json::Need;
using json::ObjectReader;
using FL = FingerprintLimits;

namespace {

void read_selectors(ObjectReader& reader, Fingerprint& out) {
  const bj::value* v = reader.field("selectors");
  if (!v) return;
  ObjectReader selectors(*v, reader.pointer_of("selectors"), reader.problems());
  if (!selectors.valid()) return;
  out.css_selector = selectors.string("css", Need::optional, FL::kMaxSelectorBytes).value_or("");
  out.xpath = selectors.string("xpath", Need::optional, FL::kMaxSelectorBytes).value_or("");
  out.unknown_selectors = selectors.unknown_fields();
}

}  // namespace

std::optional<Fingerprint> read_fingerprint(const bj::value& value, const std::string& pointer,
                                            json::Problems& problems) {
  const std::size_t before = problems.total();
  ObjectReader reader(value, pointer, problems);
  if (!reader.valid()) return std::nullopt;
  Fingerprint f;
  if (std::optional<std::int64_t> version =
          reader.integer("version", Need::required, 1, 1 << 20)) {
    if (*version > kFingerprintVersion) {
      reader.error("version", "is " + json::integer_text(*version) + "; this build reads up to " +
                                  json::integer_text(kFingerprintVersion));
    }
    f.version = static_cast<int>(*version);
  }
  if (const bj::value* element = reader.field("element", Need::required)) {
    read_descriptor_into(*element, reader.pointer_of("element"), problems, f.element);
  }
  // Present (even empty) means the capture classified the classes.
  f.classified = reader.has("generated_classes");
  read_clipped_list(reader, "generated_classes", FL::kMaxGeneratedClasses,
                    DescriptorLimits::kMaxClassBytes, ListItems::all, f.generated_classes);
  read_selectors(reader, f);
  if (const bj::value* locale = reader.field("locale")) {
    if (const bj::string* s = locale->if_string()) {
      f.locale = clip_utf8(std::string_view(s->data(), s->size()), FL::kMaxLocaleBytes);
    } else {
      reader.error("locale", "must be a string");
    }
  }
  f.unknown = reader.unknown_fields();
  if (problems.total() != before) return std::nullopt;
  return f;
}

bj::object write_fingerprint(const Fingerprint& f) {
  bj::object out;
  json::put_value(out, "version", f.version);
  out["element"] = write_descriptor(f.element);
  if (f.classified) {
    bj::array generated;
    for (const std::string& c : f.generated_classes) generated.emplace_back(c);
    out["generated_classes"] = std::move(generated);
  }
  if (!f.css_selector.empty() || !f.xpath.empty() || !f.unknown_selectors.empty()) {
    bj::object selectors;
    if (!f.css_selector.empty()) json::put_text(selectors, "css", f.css_selector);
    if (!f.xpath.empty()) json::put_text(selectors, "xpath", f.xpath);
    json::merge_unknown_fields(selectors, f.unknown_selectors);
    out["selectors"] = std::move(selectors);
  }
  if (!f.locale.empty()) json::put_text(out, "locale", f.locale);
  json::merge_unknown_fields(out, f.unknown);
  return out;
}

}  // namespace cairn::locator
