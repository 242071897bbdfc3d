#include "guides/packed_guides.h"

#include "guide/guide_pack.h"
#include "guides/sdk_guides_api.h"

#include <catch2/catch.hpp>

namespace cgd = cairn::guides;

namespace {

cgd::GuideVersion version_of(const std::string& id, const std::string& name) {
  cgd::GuideVersion v;
  v.guide_id = id;
  v.version = 1;
  v.guide_json = R"({"schema": 1, "id": ")" + id + R"(", "name": ")" + name +
                 R"(", "trigger": {"kind": "manual"},
                     "steps": [{"id": "s", "kind": "modal", "content": {"en": {"title": "Hi"}}}]})";
  return v;
}

}  // namespace

TEST_CASE("Accept asks for the packed form only by name, and not with q=0") {
  CHECK(cgd::packed_version_asked("application/vnd.cairn.guides-pack").has_value());
  CHECK(cgd::packed_version_asked("application/json;q=0.5, application/vnd.cairn.guides-pack;q=1").has_value());
  CHECK(cgd::packed_version_asked(" APPLICATION/VND.CAIRN.GUIDES-PACK ; v=1").has_value());
  CHECK_FALSE(cgd::packed_version_asked("").has_value());
  CHECK_FALSE(cgd::packed_version_asked("*/*").has_value());
  CHECK_FALSE(cgd::packed_version_asked("application/*").has_value());
  CHECK_FALSE(cgd::packed_version_asked("application/json").has_value());
  CHECK_FALSE(cgd::packed_version_asked("application/vnd.cairn.guides-pack;q=0").has_value());
  CHECK_FALSE(cgd::packed_version_asked("application/vnd.cairn.guides-pack; Q=0.00, */*").has_value());
  CHECK_FALSE(cgd::packed_version_asked("application/vnd.cairn.guides-packed").has_value());
}

TEST_CASE("Accept's v names the newest packed version the SDK reads; none is version 1") {
  CHECK_FALSE(cgd::packed_version_asked("application/json"));
  CHECK_FALSE(cgd::packed_version_asked("application/vnd.cairn.guides-pack; v=2; q=0"));
  // SDKs before version 2 sent no v.
  CHECK(cgd::packed_version_asked("application/vnd.cairn.guides-pack") == 1);
  CHECK(cgd::packed_version_asked("application/vnd.cairn.guides-pack; v=1") == 1);
  CHECK(cgd::packed_version_asked("application/vnd.cairn.guides-pack; v=2") == 2);
  CHECK(cgd::packed_version_asked("application/json;q=0.5, Application/Vnd.Cairn.Guides-Pack ; q=1 ; V=2") == 2);
  // A newer SDK reads older versions: it gets the newest this collector has.
  CHECK(cgd::packed_version_asked("application/vnd.cairn.guides-pack; v=9") == cairn::guide::kPackVersion);
  CHECK(cgd::packed_version_asked("application/vnd.cairn.guides-pack; v=99999") == 1);
  // Not a version: the one every SDK reads.
  for (const char* odd : {"v=0", "v=", "v=2.0", "v=-2", "v=two", "v=\"2\""}) {
    INFO(odd);
    CHECK(cgd::packed_version_asked(std::string("application/vnd.cairn.guides-pack; ") + odd) == 1);
  }
}

TEST_CASE("the packed ETag is the JSON one with the pack version inside the quotes") {
  CHECK(cgd::packed_etag("\"0123abcd\"") == "\"0123abcd-p2\"");
  CHECK(cgd::packed_etag("\"0123abcd\"", 1) == "\"0123abcd-p1\"");
  CHECK(cgd::etag_matches("W/\"0123abcd-p2\"", cgd::packed_etag("\"0123abcd\"")));
  CHECK_FALSE(cgd::etag_matches("\"0123abcd\"", cgd::packed_etag("\"0123abcd\"")));
}

TEST_CASE("the packed guides are built once per JSON answer and rebuilt when it changes") {
  cgd::PackedGuidesCache cache;
  std::vector<cgd::GuideVersion> first = {version_of("a", "A"), version_of("b", "B")};
  auto packed = cache.packed("app_1", "\"e1\"", first);
  std::string error;
  auto guides = cairn::guide::unpack_guides(*packed, error);
  REQUIRE(guides);
  REQUIRE(guides->size() == 2);
  CHECK((*guides)[1].name == "B");
  // Same answer: the same bytes, not repacked (the versions are not read).
  CHECK(cache.packed("app_1", "\"e1\"", {}) == packed);
  // Another app has its own entry.
  CHECK(cache.packed("app_2", "\"e1\"", {})->size() < packed->size());
  // A new answer repacks; a stored guide the codec refuses is left out.
  cgd::GuideVersion broken = version_of("c", "C");
  broken.guide_json = R"({"schema": 1, "id": "c"})";
  auto repacked = cache.packed("app_1", "\"e2\"", {version_of("a", "A2"), broken});
  guides = cairn::guide::unpack_guides(*repacked, error);
  REQUIRE(guides);
  REQUIRE(guides->size() == 1);
  CHECK((*guides)[0].name == "A2");
}

TEST_CASE("each packed version is its own entry; version 1 leaves out what it cannot carry") {
  cgd::PackedGuidesCache cache;
  cgd::GuideVersion hint = version_of("hint", "Hint");
  hint.guide_json.insert(hint.guide_json.rfind('}'),
                         R"(, "audience": {"not": {"guide": "tour", "history": "running"}},
                              "ui_text": {"en": {"close": "Dismiss"}})");
  const std::vector<cgd::GuideVersion> versions = {version_of("a", "A"), hint};
  auto v2 = cache.packed("app_1", "\"e1\"", versions);
  auto v1 = cache.packed("app_1", "\"e1\"", versions, 1);
  CHECK(cache.entries() == 2);
  CHECK((*v2)[4] == 2);
  CHECK((*v1)[4] == 1);
  std::string error;
  auto new_sdk = cairn::guide::unpack_guides(*v2, error);
  REQUIRE(new_sdk);
  REQUIRE(new_sdk->size() == 2);
  CHECK((*new_sdk)[1].ui_text.at("en").at("close") == "Dismiss");
  // An SDK before version 2 would refuse `running` (and with it every guide):
  // the hint is left out of its answer, the others stay.
  auto old_sdk = cairn::guide::unpack_guides(*v1, error);
  REQUIRE(old_sdk);
  REQUIRE(old_sdk->size() == 1);
  CHECK((*old_sdk)[0].id == "a");
  // Each version comes back from its own entry.
  CHECK(cache.packed("app_1", "\"e1\"", {}, 1) == v1);
  CHECK(cache.packed("app_1", "\"e1\"", {}) == v2);
}

TEST_CASE("an app without published guides keeps no packed entry, and a new answer never gets old bytes") {
  cgd::PackedGuidesCache cache;
  auto first = cache.packed("app_1", "\"e1\"", {version_of("a", "A")});
  CHECK(cache.entries() == 1);
  CHECK(cache.bytes() == first->size());
  // Every guide unpublished (or archived): the entry goes, the answer packs none.
  std::string error;
  auto none = cache.packed("app_1", "\"e0\"", {});
  auto guides = cairn::guide::unpack_guides(*none, error);
  REQUIRE(guides);
  CHECK(guides->empty());
  CHECK(cache.entries() == 0);
  CHECK(cache.bytes() == 0);
  // Published again under the same app id: the new guides, not the old bytes.
  auto again = cache.packed("app_1", "\"e2\"", {version_of("b", "B")});
  guides = cairn::guide::unpack_guides(*again, error);
  REQUIRE(guides);
  REQUIRE(guides->size() == 1);
  CHECK((*guides)[0].name == "B");
  CHECK(again != first);
  CHECK(cache.entries() == 1);
  CHECK(cache.bytes() == again->size());
}

TEST_CASE("the packed cache keeps at most its byte budget, the least recently asked-for app evicted first") {
  const std::vector<cgd::GuideVersion> versions = {version_of("a", "A"), version_of("b", "B")};
  const std::size_t one = cgd::PackedGuidesCache().packed("app_0", "\"e\"", versions)->size();
  cgd::PackedGuidesCache cache(2 * one + one / 2);  // Room for two apps.
  auto app_1 = cache.packed("app_1", "\"e\"", versions);
  auto app_2 = cache.packed("app_2", "\"e\"", versions);
  CHECK(cache.packed("app_1", "\"e\"", {}) == app_1);  // Asked for again: the most recent.
  cache.packed("app_3", "\"e\"", versions);
  CHECK(cache.entries() == 2);
  CHECK(cache.bytes() == 2 * one);
  // app_1 is still kept (its bytes come back without the versions); app_2 is
  // gone (packed again from what it is given).
  CHECK(cache.packed("app_1", "\"e\"", {}) == app_1);
  auto app_2_again = cache.packed("app_2", "\"e\"", versions);
  CHECK(app_2_again != app_2);
  CHECK(*app_2_again == *app_2);
  CHECK(cache.bytes() <= 2 * one + one / 2);

  // An answer larger than the whole budget is answered, not kept within it.
  cgd::PackedGuidesCache tiny(one - 1);
  CHECK(tiny.packed("app_1", "\"e\"", versions)->size() == one);
  CHECK(tiny.entries() == 0);
  CHECK(tiny.bytes() == 0);
}

// Before, such an answer was packed again (its guides all parsed, its refused
// guides reported and logged again) on every request that was not a 304.
TEST_CASE("an answer larger than the whole budget is packed once per change and kept apart, one at most") {
  cgd::GuideVersion refused = version_of("old-limit", "Old");
  refused.guide_json.insert(refused.guide_json.rfind('}'), R"(, "audience": {"event": "export", "at_least": 500})");
  const std::vector<cgd::GuideVersion> versions = {version_of("a", "A"), version_of("b", "B"), refused};
  const std::size_t one = cgd::PackedGuidesCache().packed("app_0", "\"e\"", versions)->size();
  int refusals = 0;
  std::vector<std::pair<std::string, std::size_t>> too_large;
  cgd::PackedGuidesCache tiny(
      one - 1, [&](const std::string&, const cgd::GuideVersion&, const cairn::json::Problems&) { ++refusals; },
      [&](const std::string& app_id, std::uint8_t version, std::size_t bytes) {
        CHECK(version == cairn::guide::kPackVersion);
        too_large.emplace_back(app_id, bytes);
      });
  auto first = tiny.packed("app_1", "\"e1\"", versions);
  REQUIRE(first->size() == one);
  // Asked again for the same answer (the route passes the published guides
  // each time): the same bytes, nothing parsed, refused or told again.
  CHECK(tiny.packed("app_1", "\"e1\"", versions) == first);
  CHECK(tiny.packed("app_1", "\"e1\"", versions) == first);
  CHECK(refusals == 1);
  REQUIRE(too_large.size() == 1);
  CHECK(too_large[0] == std::make_pair(std::string("app_1"), one));
  // Outside the budget: the apps that fit keep their room.
  CHECK(tiny.entries() == 0);
  CHECK(tiny.bytes() == 0);
  CHECK(tiny.oversize_bytes() == one);
  // The app's guides changed: packed again, not the old bytes.
  auto changed = tiny.packed("app_1", "\"e2\"", {version_of("a", "A2"), version_of("b", "B"), refused});
  CHECK(changed != first);
  CHECK(refusals == 2);
  CHECK(too_large.size() == 2);
  // One such answer at most: another app's takes the slot.
  auto other = tiny.packed("app_2", "\"e1\"", versions);
  CHECK(tiny.oversize_bytes() == other->size());
  CHECK(tiny.packed("app_2", "\"e1\"", {}) == other);
  CHECK(tiny.packed("app_1", "\"e2\"", {version_of("a", "A2"), version_of("b", "B"), refused}) != changed);
  // An answer that fits again leaves the slot.
  auto small = tiny.packed("app_1", "\"e3\"", {version_of("a", "A")});
  CHECK(small->size() < one);
  CHECK(tiny.entries() == 1);
  CHECK(tiny.oversize_bytes() == 0);
}

// A guide published under older rules (here an event count above today's
// limit) is left out of the pack, and the report hears of it with the app,
// the guide and the codec's problem: it does not vanish silently.
TEST_CASE("a published guide the codec now refuses is reported, once per packing") {
  struct Heard {
    std::string app_id, guide_id, problems;
    std::int64_t version = 0;
  };
  std::vector<Heard> heard;
  cgd::PackedGuidesCache cache(cgd::PackedGuidesCache::kMaxBytes,
                               [&heard](const std::string& app_id, const cgd::GuideVersion& v,
                                        const cairn::json::Problems& problems) {
                                 heard.push_back({app_id, v.guide_id, problems.summary(), v.version});
                               });
  cgd::GuideVersion old = version_of("old-limit", "Old");
  old.version = 4;
  old.guide_json.insert(old.guide_json.rfind('}'),
                        R"(, "audience": {"event": "export", "at_least": 500})");
  auto packed = cache.packed("app_1", "\"e1\"", {version_of("a", "A"), old});
  std::string error;
  auto guides = cairn::guide::unpack_guides(*packed, error);
  REQUIRE(guides);
  REQUIRE(guides->size() == 1);
  CHECK((*guides)[0].id == "a");
  REQUIRE(heard.size() == 1);
  CHECK(heard[0].app_id == "app_1");
  CHECK(heard[0].guide_id == "old-limit");
  CHECK(heard[0].version == 4);
  CHECK(heard[0].problems == "/audience/at_least: must be between 0 and 100");
  // The same answer again comes from the cache: not reported again.
  cache.packed("app_1", "\"e1\"", {});
  CHECK(heard.size() == 1);
}
