#include "catalog/catalog.h"

#include "locator/text_clip.h"
#include "rules/context.h"

#include <algorithm>
#include <array>
#include <tuple>

namespace cairn::catalog {

namespace {

namespace bj = boost::json;

constexpr std::string_view kCairnPrefix = "cairn_";
// The recorder's autocapture event (sdk/recorder/recorder.h kAutocaptureClick):
// its properties are the clicked element's descriptor (docs/fingerprint.md).
constexpr std::string_view kClickEvent = "cairn_click";
// Descriptor attributes that carry a test id, in the order one is preferred.
constexpr std::array<std::string_view, 6> kTestIdAttributes = {
    "data-testid", "data-test", "data-test-id", "data-cy", "data-qa", "data-cairn-id"};
constexpr char kClickKeySeparator = '\x1f';

std::string clipped(std::string_view text) {
  return std::string(locator::clip_utf8(text, CatalogLimits::kMaxValueBytes));
}

std::string_view string_at(const bj::object* o, std::string_view key) {
  if (!o) return {};
  const bj::value* v = o->if_contains(key);
  const bj::string* s = v ? v->if_string() : nullptr;
  return s ? std::string_view(*s) : std::string_view();
}

const bj::object* object_at(const bj::object* o, std::string_view key) {
  if (!o) return nullptr;
  const bj::value* v = o->if_contains(key);
  return v ? v->if_object() : nullptr;
}

// Sort order of every section: most frequent, then most recent, then by key.
template <typename Entry, typename Key>
void rank(std::vector<Entry>& entries, std::size_t top, Key key) {
  std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.last_seen_ms != b.last_seen_ms) return a.last_seen_ms > b.last_seen_ms;
    return key(a) < key(b);
  });
  if (entries.size() > top) entries.resize(top);
}

// Inserts `key` unless the map is full. Null when the key is not tracked.
template <typename Map>
typename Map::mapped_type* tracked(Map& map, std::string_view key, std::size_t cap) {
  auto it = map.find(key);
  if (it != map.end()) return &it->second;
  if (map.size() >= cap) return nullptr;
  return &map.emplace(std::string(key), typename Map::mapped_type{}).first->second;
}

}  // namespace

void CatalogAccumulator::Tally::add(std::int64_t time_ms) {
  ++count;
  last_seen_ms = std::max(last_seen_ms, time_ms);
}

void CatalogAccumulator::fold(const CatalogEvent& event) {
  ++events_;
  switch (event.type) {
    case StoredType::track:
      fold_name(event);
      if (event.name == kClickEvent) fold_click(event);
      break;
    case StoredType::page: fold_page(event); break;
    case StoredType::identify: fold_traits(event); break;
    // Screens and groups are counted in `events` only: no builder targets them yet.
    case StoredType::screen:
    case StoredType::group: break;
  }
}

void CatalogAccumulator::fold_name(const CatalogEvent& event) {
  NameTally* tally = tracked(names_, event.name, CatalogLimits::kMaxTrackedNames);
  if (!tally) {
    ++untracked_.names;
    return;
  }
  tally->add(event.time_ms);
  if (!event.properties) return;
  for (const auto& [key, value] : *event.properties) {
    (void)value;
    if (std::uint64_t* n = tracked(tally->properties, key, CatalogLimits::kMaxTrackedPropertiesPerName)) {
      ++*n;
    }
  }
}

void CatalogAccumulator::fold_page(const CatalogEvent& event) {
  // The recorder puts the page into properties; Segment clients often only
  // into context.page.
  const bj::object* context_page = object_at(object_at(event.extra, "context"), "page");
  std::string_view url = string_at(event.properties, "url");
  if (url.empty()) url = string_at(context_page, "url");
  std::string_view path = string_at(event.properties, "path");
  if (path.empty()) path = string_at(context_page, "path");
  std::string url_path;
  if (path.empty() && !url.empty()) path = url_path = rules::split_url(url).path;
  if (path.empty()) path = "/";
  PageTally* tally = tracked(pages_, clipped(path), CatalogLimits::kMaxTrackedPages);
  if (!tally) {
    ++untracked_.pages;
    return;
  }
  tally->add(event.time_ms);
  if (!url.empty() && event.time_ms >= tally->url_time_ms) {
    tally->url = clipped(url);
    tally->url_time_ms = event.time_ms;
  }
}

void CatalogAccumulator::fold_traits(const CatalogEvent& event) {
  const bj::object* traits = object_at(event.extra, "traits");
  if (!traits) return;
  for (const auto& [key, value] : *traits) {
    TraitTally* tally = tracked(traits_, key, CatalogLimits::kMaxTrackedTraits);
    if (!tally) {
      ++untracked_.traits;
      continue;
    }
    tally->add(event.time_ms);
    // Objects and arrays make poor examples for a targeting rule; skip them.
    bj::value example;
    if (const bj::string* s = value.if_string()) {
      example = clipped(*s);
    } else if (value.is_number() || value.is_bool()) {
      example = value;
    } else {
      continue;
    }
    std::vector<bj::value>& examples = tally->examples;
    auto same = std::find(examples.begin(), examples.end(), example);
    if (same != examples.end()) examples.erase(same);
    examples.insert(examples.begin(), std::move(example));
    if (examples.size() > CatalogLimits::kTraitExamples) examples.pop_back();
  }
}

void CatalogAccumulator::fold_click(const CatalogEvent& event) {
  const bj::object* element = event.properties;
  std::string_view text = string_at(element, "text");
  if (text.empty()) text = string_at(element, "name");
  std::string_view test_id;
  const bj::object* attributes = object_at(element, "attributes");
  for (std::string_view attribute : kTestIdAttributes) {
    test_id = string_at(attributes, attribute);
    if (!test_id.empty()) break;
  }
  std::string key = clipped(string_at(element, "tag"));
  for (std::string_view part : {text, string_at(element, "role"), test_id}) {
    key += kClickKeySeparator;
    key += clipped(part);
  }
  Tally* tally = tracked(clicks_, key, CatalogLimits::kMaxTrackedClicks);
  if (!tally) {
    ++untracked_.clicks;
    return;
  }
  tally->add(event.time_ms);
}

Catalog CatalogAccumulator::snapshot() const {
  Catalog out;
  out.events = events_;
  out.untracked = untracked_;
  for (const auto& [name, tally] : names_) {
    EventEntry entry{name, tally.count, tally.last_seen_ms, {}};
    for (const auto& [key, count] : tally.properties) entry.properties.push_back({key, count});
    std::sort(entry.properties.begin(), entry.properties.end(),
              [](const KeyCount& a, const KeyCount& b) {
                return a.count != b.count ? a.count > b.count : a.key < b.key;
              });
    if (entry.properties.size() > CatalogLimits::kTopPropertiesPerName) {
      entry.properties.resize(CatalogLimits::kTopPropertiesPerName);
    }
    bool cairn = name.starts_with(kCairnPrefix);
    (cairn ? out.cairn_events : out.track_events).push_back(std::move(entry));
  }
  auto by_name = [](const EventEntry& e) -> const std::string& { return e.name; };
  rank(out.track_events, CatalogLimits::kTopTrackEvents, by_name);
  rank(out.cairn_events, CatalogLimits::kTopCairnEvents, by_name);

  for (const auto& [path, tally] : pages_) {
    out.pages.push_back({path, tally.url, tally.count, tally.last_seen_ms});
  }
  rank(out.pages, CatalogLimits::kTopPages, [](const PageEntry& e) -> const std::string& { return e.path; });

  for (const auto& [key, tally] : traits_) {
    out.traits.push_back({key, tally.count, tally.last_seen_ms, tally.examples});
  }
  rank(out.traits, CatalogLimits::kTopTraits, [](const TraitEntry& e) -> const std::string& { return e.key; });

  for (const auto& [key, tally] : clicks_) {
    ClickEntry entry;
    std::string* fields[] = {&entry.tag, &entry.text, &entry.role, &entry.test_id};
    std::size_t start = 0;
    for (std::string* field : fields) {
      std::size_t end = std::min(key.find(kClickKeySeparator, start), key.size());
      *field = key.substr(start, end - start);
      start = end + 1;
    }
    entry.count = tally.count;
    entry.last_seen_ms = tally.last_seen_ms;
    out.clicks.push_back(std::move(entry));
  }
  rank(out.clicks, CatalogLimits::kTopClicks, [](const ClickEntry& e) {
    return std::tie(e.tag, e.text, e.role, e.test_id);
  });
  return out;
}

}  // namespace cairn::catalog
