#include "analytics/event_index.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace cairn::analytics {

ValueDictionary::ValueDictionary() { values_.emplace_back(std::string()); }

std::string ValueDictionary::key_of(const PropertyValue& value) {
  if (const std::string* text = std::get_if<std::string>(&value)) {
    std::string key;
    key.reserve(text->size() + 1);
    key.push_back('s');
    key += *text;
    return key;
  }
  // One form per number (property_number.h): 3 and 3.0 are one key, two
  // integers beyond 2^53 two keys.
  const PropertyNumber& number = std::get<PropertyNumber>(value);
  std::string key(1, number.is_integer() ? 'i' : 'n');
  if (number.is_integer()) {
    const std::int64_t i = number.integer();
    char bytes[sizeof i];
    std::memcpy(bytes, &i, sizeof i);
    key.append(bytes, sizeof bytes);
  } else {
    const double d = number.to_double();
    char bytes[sizeof d];
    std::memcpy(bytes, &d, sizeof d);
    key.append(bytes, sizeof bytes);
  }
  return key;
}

std::uint32_t ValueDictionary::intern(const PropertyValue& value) {
  auto [it, inserted] = ids_.try_emplace(key_of(value), static_cast<std::uint32_t>(values_.size()));
  if (inserted) values_.push_back(value);
  return it->second;
}

std::optional<std::uint32_t> ValueDictionary::find(const PropertyValue& value) const {
  auto it = ids_.find(key_of(value));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

std::size_t ValueDictionary::memory_bytes() const {
  std::size_t bytes = values_.capacity() * sizeof(PropertyValue) + ids_.bucket_count() * sizeof(void*);
  for (const auto& [key, id] : ids_) bytes += sizeof(key) + key.capacity() + sizeof(id) + 2 * sizeof(void*);
  for (const PropertyValue& v : values_) {
    if (const std::string* text = std::get_if<std::string>(&v)) bytes += text->capacity();
  }
  return bytes;
}

EventIndex::EventIndex(std::vector<std::string> property_keys) {
  for (std::string& key : property_keys) {
    if (std::find(property_keys_.begin(), property_keys_.end(), key) == property_keys_.end()) {
      property_keys_.push_back(std::move(key));
    }
  }
  dictionaries_.resize(property_keys_.size());
  scratch_values_.resize(property_keys_.size());
}

std::uint32_t EventIndex::user_id_for(const std::string& user) {
  auto [it, inserted] = user_ids_.try_emplace(user, static_cast<std::uint32_t>(users_.size()));
  if (inserted) {
    users_.emplace_back();
    users_.back().property.resize(property_keys_.size());
    user_names_.push_back(user);
    merged_into_.push_back(it->second);
  }
  std::uint32_t id = it->second;
  while (merged_into_[id] != id) id = merged_into_[id];  // A linked anonymousId: its person.
  return id;
}

void EventIndex::link(const std::string& anonymous_id, const std::string& user) {
  const std::uint32_t to = user_id_for(user);
  const std::uint32_t from = user_ids_.try_emplace(anonymous_id, static_cast<std::uint32_t>(users_.size())).first->second;
  if (from == users_.size()) {  // Never seen: an empty timeline that resolves to `to`.
    users_.emplace_back();
    users_.back().property.resize(property_keys_.size());
    user_names_.push_back(anonymous_id);
    merged_into_.push_back(from);
  }
  // Already linked (first link wins), or `user` is this anonymousId's own person.
  if (merged_into_[from] != from || from == to) return;
  merged_into_[from] = to;
  ++linked_count_;
  UserTimeline& source = users_[from];
  UserTimeline& target = users_[to];
  if (source.size() == 0) return;
  // Merge by time; at equal times the userId's events first.
  const std::size_t n = target.size() + source.size();
  std::vector<std::size_t> order;  // Positions: < target.size() from target, else from source.
  order.reserve(n);
  std::size_t a = 0, b = 0;
  while (a < target.size() || b < source.size()) {
    const bool from_target = b == source.size() || (a < target.size() && target.time_ms[a] <= source.time_ms[b]);
    order.push_back(from_target ? a++ : target.size() + b++);
  }
  auto merged = [&](const auto& t, const auto& s) {
    std::remove_cvref_t<decltype(t)> out;
    out.reserve(n);
    for (std::size_t p : order) out.push_back(p < t.size() ? t[p] : s[p - t.size()]);
    return out;
  };
  UserTimeline joined;
  joined.time_ms = merged(target.time_ms, source.time_ms);
  joined.name = merged(target.name, source.name);
  joined.arrival = merged(target.arrival, source.arrival);
  joined.property.reserve(target.property.size());
  for (std::size_t c = 0; c < target.property.size(); ++c) {
    joined.property.push_back(merged(target.property[c], source.property[c]));
  }
  target = std::move(joined);
  source = UserTimeline{};
  source.property.resize(property_keys_.size());
}

std::uint32_t EventIndex::name_id_for(const std::string& name) {
  auto [it, inserted] =
      event_name_ids_.try_emplace(name, static_cast<std::uint32_t>(event_names_.size()));
  if (inserted) event_names_.push_back(name);
  return it->second;
}

bool EventIndex::append(const EventRow& row) {
  if (row.sequence != 0) {
    if (row.sequence <= max_sequence_) return false;
    max_sequence_ = row.sequence;
  } else {
    ++unsequenced_count_;
  }
  const auto arrival = static_cast<std::uint32_t>(event_count_);
  if (!row.anonymous_id.empty() && row.anonymous_id != row.user) link(row.anonymous_id, row.user);
  const std::uint32_t user = user_id_for(row.user);
  const std::uint32_t name = name_id_for(row.event);
  std::fill(scratch_values_.begin(), scratch_values_.end(), ValueDictionary::kAbsent);
  for (const auto& [key, value] : row.properties) {
    if (std::optional<std::size_t> column = property_column(key)) {
      scratch_values_[*column] = dictionaries_[*column].intern(value);
    }
  }
  UserTimeline& t = users_[user];
  // Usually the newest event of its user: the append is a push_back.
  if (t.time_ms.empty() || t.time_ms.back() <= row.time_ms) {
    t.time_ms.push_back(row.time_ms);
    t.name.push_back(name);
    t.arrival.push_back(arrival);
    for (std::size_t c = 0; c < scratch_values_.size(); ++c) t.property[c].push_back(scratch_values_[c]);
  } else {
    const auto at = std::upper_bound(t.time_ms.begin(), t.time_ms.end(), row.time_ms);
    const auto offset = at - t.time_ms.begin();
    t.time_ms.insert(at, row.time_ms);
    t.name.insert(t.name.begin() + offset, name);
    t.arrival.insert(t.arrival.begin() + offset, arrival);
    for (std::size_t c = 0; c < scratch_values_.size(); ++c) {
      t.property[c].insert(t.property[c].begin() + offset, scratch_values_[c]);
    }
  }
  ++event_count_;
  return true;
}

EventIndex::LaidOutColumns EventIndex::lay_out_columns(
    const std::vector<std::vector<std::uint32_t>>& ids_by_arrival) const {
  LaidOutColumns out(users_.size());
  for (std::size_t u = 0; u < users_.size(); ++u) {
    const std::vector<std::uint32_t>& arrival = users_[u].arrival;
    out[u].resize(ids_by_arrival.size());
    for (std::size_t c = 0; c < ids_by_arrival.size(); ++c) {
      std::vector<std::uint32_t>& column = out[u][c];
      column.reserve(arrival.size());
      for (std::uint32_t k : arrival) column.push_back(ids_by_arrival[c][k]);
    }
  }
  return out;
}

void EventIndex::attach_columns(std::vector<std::string> keys, std::vector<ValueDictionary> dictionaries,
                                LaidOutColumns laid_out) {
  for (std::size_t c = 0; c < keys.size(); ++c) {
    property_keys_.push_back(std::move(keys[c]));
    dictionaries_.push_back(std::move(dictionaries[c]));
  }
  scratch_values_.resize(property_keys_.size());
  for (std::size_t u = 0; u < users_.size(); ++u) {
    for (std::vector<std::uint32_t>& column : laid_out[u]) users_[u].property.push_back(std::move(column));
  }
}

bool EventIndex::load(EventSource& source, std::string* error) {
  return source.scan(property_keys_, [this](const EventRow& row) { append(row); }, error);
}

void EventIndex::shrink_to_fit() {
  for (UserTimeline& t : users_) {
    t.time_ms.shrink_to_fit();
    t.name.shrink_to_fit();
    t.arrival.shrink_to_fit();
    for (auto& column : t.property) column.shrink_to_fit();
  }
  users_.shrink_to_fit();
  user_names_.shrink_to_fit();
  merged_into_.shrink_to_fit();
}

std::optional<std::uint32_t> EventIndex::event_name_id(std::string_view name) const {
  auto it = event_name_ids_.find(std::string(name));
  if (it == event_name_ids_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> EventIndex::property_column(std::string_view key) const {
  for (std::size_t c = 0; c < property_keys_.size(); ++c) {
    if (property_keys_[c] == key) return c;
  }
  return std::nullopt;
}

std::size_t EventIndex::memory_bytes() const {
  std::size_t bytes = users_.capacity() * sizeof(UserTimeline);
  for (const UserTimeline& t : users_) {
    bytes += t.time_ms.capacity() * sizeof(std::int64_t) +
             (t.name.capacity() + t.arrival.capacity()) * sizeof(std::uint32_t);
    for (const auto& column : t.property) {
      bytes += sizeof(column) + column.capacity() * sizeof(std::uint32_t);
    }
  }
  for (const std::string& u : user_names_) bytes += sizeof(u) + u.capacity();
  bytes += merged_into_.capacity() * sizeof(std::uint32_t);
  bytes += user_ids_.size() * (sizeof(std::string) + 2 * sizeof(void*) + 8) +
           user_ids_.bucket_count() * sizeof(void*);
  for (const std::string& n : event_names_) bytes += 2 * (sizeof(n) + n.capacity());
  for (const ValueDictionary& d : dictionaries_) bytes += d.memory_bytes();
  return bytes;
}

}  // namespace cairn::analytics
