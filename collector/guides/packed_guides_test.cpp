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
  constexpr std::string_view pack = cairn::guide::kPackMediaType;
  CHECK(cgd::accepts_media_type("application/vnd.cairn.guides-pack", pack));
  CHECK(cgd::accepts_media_type("application/json;q=0.5, application/vnd.cairn.guides-pack;q=1", pack));
  CHECK(cgd::accepts_media_type(" APPLICATION/VND.CAIRN.GUIDES-PACK ; v=1", pack));
  CHECK_FALSE(cgd::accepts_media_type("", pack));
  CHECK_FALSE(cgd::accepts_media_type("*/*", pack));
  CHECK_FALSE(cgd::accepts_media_type("application/*", pack));
  CHECK_FALSE(cgd::accepts_media_type("application/json", pack));
  CHECK_FALSE(cgd::accepts_media_type("application/vnd.cairn.guides-pack;q=0", pack));
  CHECK_FALSE(cgd::accepts_media_type("application/vnd.cairn.guides-pack; Q=0.00, */*", pack));
  CHECK_FALSE(cgd::accepts_media_type("application/vnd.cairn.guides-packed", pack));
}

TEST_CASE("the packed ETag is the JSON one with the pack version inside the quotes") {
  CHECK(cgd::packed_etag("\"0123abcd\"") == "\"0123abcd-p1\"");
  CHECK(cgd::etag_matches("W/\"0123abcd-p1\"", cgd::packed_etag("\"0123abcd\"")));
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
