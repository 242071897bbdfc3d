#include "recorder/event_context.h"

#include "json/utf8.h"
#include "json/writer.h"

namespace cairn::recorder {

namespace bj = boost::json;

namespace {

void put(bj::object& o, const char* key, const std::string& value, const PiiMasker* masker,
         std::size_t max_bytes = kMaxContextTextBytes) {
  if (value.empty()) return;
  json::put_text(o, key, std::string(json::clip_utf8(masker ? masker->mask_text(value) : value, max_bytes)));
}

}  // namespace

bj::object page_properties(const PageInfo& page, const PiiMasker& masker) {
  bj::object o;
  put(o, "path", page.path, &masker);
  put(o, "referrer", page.referrer, &masker);
  put(o, "search", page.search, &masker);
  put(o, "title", page.title, &masker);
  put(o, "url", page.url, &masker, kMaxPageUrlBytes);
  return o;
}

bj::object build_event_context(const LibraryInfo& library, const PageInfo& page,
                               const DeviceInfo& device, const PiiMasker& masker) {
  bj::object context;
  bj::object lib;
  put(lib, "name", library.name, nullptr);
  put(lib, "version", library.version, nullptr);
  if (!lib.empty()) context["library"] = std::move(lib);
  bj::object page_object = page_properties(page, masker);
  if (!page_object.empty()) context["page"] = std::move(page_object);
  put(context, "locale", device.locale, nullptr);
  put(context, "timezone", device.timezone, nullptr);
  put(context, "userAgent", device.user_agent, nullptr);
  bj::object screen;
  if (device.screen_width > 0) json::put_value(screen, "width", device.screen_width);
  if (device.screen_height > 0) json::put_value(screen, "height", device.screen_height);
  if (device.pixel_ratio > 0) json::put_value(screen, "density", device.pixel_ratio);
  if (!screen.empty()) context["screen"] = std::move(screen);
  return context;
}

}  // namespace cairn::recorder
