#include "auth/password.h"

#include <catch2/catch.hpp>

using namespace cairn::auth;

TEST_CASE("argon2id hashes verify only the right password and are salted") {
  REQUIRE(init_crypto());
  auto h1 = hash_password("correct horse battery");
  auto h2 = hash_password("correct horse battery");
  REQUIRE(h1);
  REQUIRE(h2);
  CHECK(h1->rfind("$argon2id$", 0) == 0);
  CHECK(*h1 != *h2);
  CHECK(verify_password(*h1, "correct horse battery"));
  CHECK_FALSE(verify_password(*h1, "correct horse batterz"));
  CHECK_FALSE(verify_password("garbage", "x"));
  CHECK_FALSE(verify_password(std::string(500, 'x'), "x"));
}

TEST_CASE("generated passwords are long and distinct; comparison is exact") {
  std::string a = generate_password();
  CHECK(a.size() == 20);
  CHECK(a != generate_password());
  CHECK(equal_constant_time("abc", "abc"));
  CHECK_FALSE(equal_constant_time("abc", "abd"));
  CHECK_FALSE(equal_constant_time("abc", "ab"));
}
