#include "locator/fingerprint_codec.h"

#include "json/reader.h"
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

void read_generated_classes(ObjectReader& reader, Fingerprint& out) {
  const bj::value* v = reader.field("generated_classes");
  if (!v) return;
  const bj::array* a = v->if_array();
  if (!a) {
    reader.error("generated_classes", "must be an array of strings");
    return;
  }
  out.classified = true;
  const std::string base = reader.pointer_of("generated_classes");
  for (std::size_t i = 0; i < a->size(); ++i) {
    const bj::string* s = (*a)[i].if_string();
    if (!s) {
      reader.problems().add(json::pointer_append(base, i), "must be a string");
      continue;
    }
    if (out.generated_classes.size() >= FL::kMaxGeneratedClasses) continue;
    out.generated_classes.emplace_back(
        clip_utf8(std::string_view(s->data(), s->size()), DescriptorLimits::kMaxClassBytes));
  }
}

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
      reader.error("version", "is " + std::to_string(*version) + "; this build reads up to " +
                                  std::to_string(kFingerprintVersion));
    }
    f.version = static_cast<int>(*version);
  }
  if (const bj::value* element = reader.field("element", Need::required)) {
    if (std::optional<ElementDescriptor> d =
            read_descriptor(*element, reader.pointer_of("element"), problems)) {
      f.element = std::move(*d);
    }
  }
  read_generated_classes(reader, f);
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
  out["version"] = f.version;
  out["element"] = write_descriptor(f.element);
  if (f.classified) {
    bj::array generated;
    for (const std::string& c : f.generated_classes) generated.emplace_back(c);
    out["generated_classes"] = std::move(generated);
  }
  if (!f.css_selector.empty() || !f.xpath.empty() || !f.unknown_selectors.empty()) {
    bj::object selectors;
    if (!f.css_selector.empty()) selectors["css"] = f.css_selector;
    if (!f.xpath.empty()) selectors["xpath"] = f.xpath;
    json::merge_unknown_fields(selectors, f.unknown_selectors);
    out["selectors"] = std::move(selectors);
  }
  if (!f.locale.empty()) out["locale"] = f.locale;
  json::merge_unknown_fields(out, f.unknown);
  return out;
}

}  // namespace cairn::locator
