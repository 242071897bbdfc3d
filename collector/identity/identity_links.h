// Identity merge's link rules (docs/analytics.md, "Identity merge") over ids
// as strings: identify rows replayed in arrival order, each linking an
// anonymousId to a userId. The first link of an anonymousId wins, a link goes
// to the userId's person at that time (links chain), and a link back to the
// anonymousId's own person, or of an id to itself, is ignored; so links have
// no cycles.
//
// One implementation for the readers that hold ids as strings: the person
// erasure (store::ids_of_person) and the ClickHouse store's identity links
// (analytics/clickhouse_store_rows.h). analytics::EventIndex applies the same
// rules on its dictionary ids while it merges timelines (its hot path);
// collector/people/person_erasure_identity_test.cpp checks the two agree on
// random histories.
//
// Threading: a value; not shared between threads.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

namespace cairn::identity {

class IdentityLinks {
 public:
  // Applies the next identify row's link; false when the rules ignore it.
  bool link(const std::string& anonymous_id, const std::string& user);

  // The person `id` belongs to now: `id` itself unless it was linked.
  std::string person_of(std::string id) const;

  // `key` and every id whose links pass through it: `key` first, then the
  // others in no set order. For a linked anonymousId that is the id and
  // what was linked to it, not the person it joined.
  std::vector<std::string> ids_through(const std::string& key) const;

  // anonymousId -> the person it was linked to when the link arrived.
  const std::unordered_map<std::string, std::string>& links() const { return linked_to_; }

 private:
  std::unordered_map<std::string, std::string> linked_to_;
};

}  // namespace cairn::identity
