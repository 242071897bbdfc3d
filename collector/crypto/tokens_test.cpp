#include "crypto/tokens.h"

#include <catch2/catch.hpp>

using namespace cairn::crypto;

TEST_CASE("random_hex gives fresh lowercase hex of twice the byte count") {
  std::string a = random_hex(32);
  CHECK(a.size() == 64);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a != random_hex(32));
  CHECK(random_hex(0).empty());
}

TEST_CASE("sha256_hex matches the FIPS 180-2 test vectors") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
