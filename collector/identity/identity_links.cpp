#include "identity/identity_links.h"

namespace cairn::identity {

bool IdentityLinks::link(const std::string& anonymous_id, const std::string& user) {
  if (anonymous_id.empty() || anonymous_id == user || linked_to_.count(anonymous_id) != 0) return false;
  std::string to = person_of(user);
  if (to == anonymous_id) return false;
  linked_to_.emplace(anonymous_id, std::move(to));
  return true;
}

std::string IdentityLinks::person_of(std::string id) const {
  for (auto it = linked_to_.find(id); it != linked_to_.end(); it = linked_to_.find(id)) id = it->second;
  return id;
}

std::vector<std::string> IdentityLinks::ids_through(const std::string& key) const {
  std::unordered_map<std::string, std::vector<std::string>> merged_into;  // person -> ids linked to it
  for (const auto& [anonymous_id, person] : linked_to_) merged_into[person].push_back(anonymous_id);
  std::vector<std::string> ids{key};
  for (std::size_t i = 0; i < ids.size(); ++i) {  // No cycles (see the header).
    auto it = merged_into.find(ids[i]);
    if (it == merged_into.end()) continue;
    ids.insert(ids.end(), it->second.begin(), it->second.end());
  }
  return ids;
}

}  // namespace cairn::identity
