// Identity merge (event_index.h, "Identity merge"): an identify event with
// both ids links an anonymousId to a userId, before and after the fact.
#include "analytics/event_index.h"
#include "analytics/funnel_engine.h"

#include <catch2/catch.hpp>

namespace cairn::analytics {
namespace {

EventRow row(std::string user, std::int64_t t, std::string event, std::string anonymous_id = "") {
  EventRow r{std::move(user), t, std::move(event), {}};
  r.anonymous_id = std::move(anonymous_id);
  return r;
}

// The named user's events as "name@time".
std::vector<std::string> events_of(const EventIndex& index, const std::string& user) {
  std::vector<std::string> out;
  for (std::uint32_t u = 0; u < index.user_count(); ++u) {
    if (index.user_name(u) != user) continue;
    const UserTimeline& t = index.timeline(u);
    for (std::size_t i = 0; i < t.size(); ++i) out.push_back(index.event_name(t.name[i]) + "@" + std::to_string(t.time_ms[i]));
  }
  return out;
}

std::uint64_t converted(const EventIndex& index) {
  FunnelQuery q;
  q.steps = {EventCondition{"$page", {}}, EventCondition{"Signed Up", {}}};
  std::string error;
  std::optional<FunnelResult> r = run_funnel(index, q, ParallelOptions{1}, &error);
  REQUIRE(r);
  return r->steps[1].entered;
}

TEST_CASE("identity merge: a funnel from an anonymous page view to an identified sign-up") {
  EventIndex index;
  index.append(row("anon-1", 10, "$page"));
  index.append(row("anon-1", 20, "click"));
  CHECK(converted(index) == 0);
  // A later batch: the link moves the anonymous events that are already indexed.
  index.append(row("alice", 30, "$identify", "anon-1"));
  index.append(row("alice", 40, "Signed Up"));
  index.append(row("anon-1", 50, "$page"));  // Still the anonymousId on this device: alice's.
  CHECK(events_of(index, "alice") == std::vector<std::string>{"$page@10", "click@20", "$identify@30", "Signed Up@40", "$page@50"});
  CHECK(events_of(index, "anon-1").empty());
  CHECK(index.linked_count() == 1);
  CHECK(index.event_count() == 5);
  CHECK(converted(index) == 1);
}

TEST_CASE("identity merge: the first link of an anonymousId wins; equal times put the user's events first") {
  EventIndex index;
  index.append(row("bob", 5, "x"));
  index.append(row("anon", 5, "y"));
  index.append(row("bob", 6, "$identify", "anon"));
  index.append(row("carol", 7, "$identify", "anon"));  // Ignored: anon is bob's.
  index.append(row("anon", 8, "z"));
  CHECK(events_of(index, "bob") == std::vector<std::string>{"x@5", "y@5", "$identify@6", "z@8"});
  CHECK(events_of(index, "carol") == std::vector<std::string>{"$identify@7"});
  CHECK(index.linked_count() == 1);
}

TEST_CASE("identity merge: links are transitive and never cycle; a link before any event works") {
  EventIndex index;
  index.append(row("dave", 1, "$identify", "anon-d"));  // anon-d never seen before.
  index.append(row("anon-d", 2, "a"));
  index.append(row("anon-t", 2, "p"));
  index.append(row("temp-id", 3, "$identify", "anon-t"));
  index.append(row("erin", 4, "$identify", "temp-id"));  // temp-id, with anon-t, joins erin.
  index.append(row("anon-t", 5, "c"));                   // anon-t → temp-id → erin.
  index.append(row("anon-d", 6, "$identify", "dave"));   // Links dave to anon-d, which is dave: no cycle.
  CHECK(events_of(index, "dave") == std::vector<std::string>{"$identify@1", "a@2", "$identify@6"});
  CHECK(events_of(index, "erin") == std::vector<std::string>{"p@2", "$identify@3", "$identify@4", "c@5"});
  CHECK(events_of(index, "temp-id").empty());
  CHECK(index.linked_count() == 3);
}

TEST_CASE("identity merge: appending rows one by one equals loading them at once") {
  std::vector<EventRow> rows = {row("a1", 10, "$page"), row("u1", 15, "x"), row("a1", 15, "y"),
                                row("u1", 20, "$identify", "a1"), row("a1", 25, "$page"), row("a2", 12, "$page"),
                                row("u2", 30, "$identify", "a2"), row("u2", 31, "Signed Up"), row("a2", 5, "late")};
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].sequence = i + 1;
  MemoryEventSource source(rows);
  EventIndex loaded;
  std::string error;
  REQUIRE(loaded.load(source, &error));
  EventIndex grown;
  for (std::uint64_t after = 0; after < rows.size(); after += 2) {
    REQUIRE(source.scan_after(after, {}, [&](const EventRow& r) { if (r.sequence <= after + 2) grown.append(r); }, &error));
  }
  for (const char* user : {"u1", "u2", "a1", "a2"}) CHECK(events_of(grown, user) == events_of(loaded, user));
  CHECK(events_of(loaded, "u2") == std::vector<std::string>{"late@5", "$page@12", "$identify@30", "Signed Up@31"});
  CHECK(converted(loaded) == 1);
}

}  // namespace
}  // namespace cairn::analytics
