// The ids an erasure takes with a person (store::ids_of_person, over
// identity::IdentityLinks, which the ClickHouse store's links use too) must
// be the ids whose events analytics counts as that person (EventIndex's
// identity merge): checked on random link histories, so the two
// implementations of docs/analytics.md "Identity merge" cannot drift apart.
#include "analytics/event_index.h"
#include "store/person_erasure.h"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace ca = cairn::analytics;
namespace cs = cairn::store;

TEST_CASE("ids_of_person agrees with EventIndex's identity merge on random histories") {
  const std::vector<std::string> ids{"u0", "u1", "u2", "u3", "a0", "a1", "a2", "a3", "a4"};
  for (unsigned seed = 1; seed <= 300; ++seed) {
    std::mt19937 random(seed);
    std::uniform_int_distribution<std::size_t> pick(0, ids.size() - 1);
    std::vector<ca::EventRow> rows;
    std::vector<cs::IdentityLink> links;
    for (int i = 0; i < 24; ++i) {
      ca::EventRow row;
      row.user = ids[pick(random)];
      row.time_ms = 1000 + static_cast<std::int64_t>(random() % 50);
      row.event = "e";
      row.sequence = static_cast<std::uint64_t>(i + 1);
      if (random() % 3 == 0) {  // An identify event linking an id to row.user.
        row.anonymous_id = ids[pick(random)];
        row.event = "$identify";
        links.push_back({row.anonymous_id, row.user});
      }
      rows.push_back(row);
    }
    ca::EventIndex index;
    for (const ca::EventRow& row : rows) REQUIRE(index.append(row));
    // Each id with events: the person whose timeline holds them.
    std::map<std::string, std::string> person_of;
    for (std::uint32_t u = 0; u < index.user_count(); ++u) {
      for (std::uint32_t arrival : index.timeline(u).arrival) {
        auto [it, added] = person_of.emplace(rows[arrival].user, index.user_name(u));
        INFO("seed " << seed);
        CHECK(it->second == index.user_name(u));  // All of an id's events in one timeline.
      }
    }
    for (const auto& [id, person] : person_of) {
      if (person != id) continue;  // Only people (ids analytics reports under) are checked.
      std::set<std::string> expected, erased;
      for (const auto& [other, other_person] : person_of) {
        if (other_person == id) expected.insert(other);
      }
      for (const std::string& erased_id : cs::ids_of_person(links, id)) {
        if (person_of.count(erased_id) != 0) erased.insert(erased_id);
      }
      INFO("seed " << seed << ", person " << id);
      CHECK(erased == expected);
    }
  }
}
