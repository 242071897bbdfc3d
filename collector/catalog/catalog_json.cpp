#include "catalog/catalog_json.h"

#include <boost/json/array.hpp>

namespace cairn::catalog {

namespace {

namespace bj = boost::json;

bj::object event_json(const EventEntry& e) {
  bj::array properties;
  for (const KeyCount& p : e.properties) properties.push_back(bj::object{{"key", p.key}, {"count", p.count}});
  return {{"name", e.name},
          {"count", e.count},
          {"last_seen_ms", e.last_seen_ms},
          {"properties", std::move(properties)}};
}

bj::array events_json(const std::vector<EventEntry>& entries) {
  bj::array out;
  for (const EventEntry& e : entries) out.push_back(event_json(e));
  return out;
}

}  // namespace

bj::object write_catalog(const Catalog& catalog, std::string_view app_id) {
  bj::array pages;
  for (const PageEntry& p : catalog.pages) {
    pages.push_back(bj::object{
        {"path", p.path}, {"url", p.url}, {"count", p.count}, {"last_seen_ms", p.last_seen_ms}});
  }
  bj::array traits;
  for (const TraitEntry& t : catalog.traits) {
    traits.push_back(bj::object{{"key", t.key},
                                {"count", t.count},
                                {"last_seen_ms", t.last_seen_ms},
                                {"examples", bj::array(t.examples.begin(), t.examples.end())}});
  }
  bj::array clicks;
  for (const ClickEntry& c : catalog.clicks) {
    clicks.push_back(bj::object{{"tag", c.tag},
                                {"text", c.text},
                                {"role", c.role},
                                {"test_id", c.test_id},
                                {"count", c.count},
                                {"last_seen_ms", c.last_seen_ms}});
  }
  const Untracked& u = catalog.untracked;
  return {{"app_id", app_id},
          {"events", catalog.events},
          {"track_events", events_json(catalog.track_events)},
          {"cairn_events", events_json(catalog.cairn_events)},
          {"pages", std::move(pages)},
          {"traits", std::move(traits)},
          {"clicks", std::move(clicks)},
          {"untracked", bj::object{{"names", u.names},
                                   {"pages", u.pages},
                                   {"traits", u.traits},
                                   {"clicks", u.clicks}}}};
}

}  // namespace cairn::catalog
