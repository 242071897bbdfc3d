#include "store/person_erasure.h"

#include <catch2/catch.hpp>

#include <algorithm>

namespace cs = cairn::store;

namespace {

std::vector<std::string> sorted(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

TEST_CASE("ids_of_person: a userId takes every anonymousId linked to it, key first") {
  std::vector<cs::IdentityLink> links{{"anon1", "jane"}, {"anon2", "jane"}, {"anon3", "bob"}};
  std::vector<std::string> ids = cs::ids_of_person(links, "jane");
  REQUIRE(!ids.empty());
  CHECK(ids.front() == "jane");
  CHECK(sorted(ids) == std::vector<std::string>{"anon1", "anon2", "jane"});
  CHECK(cs::ids_of_person(links, "bob") == std::vector<std::string>{"bob", "anon3"});
  CHECK(cs::ids_of_person(links, "nobody") == std::vector<std::string>{"nobody"});
}

TEST_CASE("ids_of_person: chains resolve through the key, not past it") {
  // temp is linked to jane; anon1 was linked to temp before: both are jane's.
  std::vector<cs::IdentityLink> links{{"anon1", "temp"}, {"temp", "jane"}, {"anon2", "temp"}};
  CHECK(sorted(cs::ids_of_person(links, "jane")) == std::vector<std::string>{"anon1", "anon2", "jane", "temp"});
  // anon2 arrived after temp's own link: it went to temp's person, jane.
  CHECK(sorted(cs::ids_of_person(links, "temp")) == std::vector<std::string>{"anon1", "temp"});
  // Erasing an anonymousId does not take the person it belongs to.
  CHECK(cs::ids_of_person(links, "anon1") == std::vector<std::string>{"anon1"});
}

TEST_CASE("ids_of_person: the first link wins, links back to oneself are ignored") {
  std::vector<cs::IdentityLink> links{{"anon1", "jane"}, {"anon1", "bob"}, {"jane", "anon1"}, {"x", "x"}};
  CHECK(sorted(cs::ids_of_person(links, "jane")) == std::vector<std::string>{"anon1", "jane"});
  CHECK(cs::ids_of_person(links, "bob") == std::vector<std::string>{"bob"});
  CHECK(cs::ids_of_person(links, "x") == std::vector<std::string>{"x"});
}
