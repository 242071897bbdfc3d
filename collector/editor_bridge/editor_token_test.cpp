#include "editor_bridge/editor_token.h"

#include "admin/database.h"
#include "admin/schema.h"
#include "editor_bridge/editor_secret.h"

#include <catch2/catch.hpp>

using namespace cairn::editor_bridge;

namespace {

EditorSecret secret_of(unsigned char fill) {
  EditorSecret s{};
  s.fill(fill);
  return s;
}

EditorClaims claims() {
  return {"app_0123456789abcdef", "acc_0123456789abcdef", EditorPurpose::edit, 1'000'000,
          "https://cairn.example.com:8443"};
}

TokenError error_of(const std::variant<EditorClaims, TokenError>& v) {
  REQUIRE(std::holds_alternative<TokenError>(v));
  return std::get<TokenError>(v);
}

}  // namespace

TEST_CASE("editor token: a signed token verifies to its claims until it expires") {
  const EditorSecret secret = secret_of(7);
  const std::string token = sign_editor_token(claims(), secret);
  CHECK(token.find_first_of("+/= ") == std::string::npos);  // URL-fragment safe
  auto ok = verify_editor_token(token, secret, 999'999);
  REQUIRE(std::holds_alternative<EditorClaims>(ok));
  CHECK(std::get<EditorClaims>(ok) == claims());  // the origin's dots and colon survive

  EditorClaims view = claims();
  view.purpose = EditorPurpose::view;
  auto v = verify_editor_token(sign_editor_token(view, secret), secret, 0);
  REQUIRE(std::holds_alternative<EditorClaims>(v));
  CHECK(std::get<EditorClaims>(v).purpose == EditorPurpose::view);

  CHECK(error_of(verify_editor_token(token, secret, 1'000'000)) == TokenError::expired);
  CHECK(error_of(verify_editor_token(token, secret, 5'000'000)) == TokenError::expired);
}

TEST_CASE("editor token: another secret, an altered payload or MAC is refused") {
  const EditorSecret secret = secret_of(7);
  const std::string token = sign_editor_token(claims(), secret);
  CHECK(error_of(verify_editor_token(token, secret_of(8), 0)) == TokenError::bad_signature);

  // A token for another app, its payload swapped in under the original MAC.
  EditorClaims other = claims();
  other.app_id = "app_ffffffffffffffff";
  const std::string forged_payload = sign_editor_token(other, secret_of(9));
  const std::string spliced =
      forged_payload.substr(0, forged_payload.find('.')) + token.substr(token.find('.'));
  CHECK(error_of(verify_editor_token(spliced, secret, 0)) == TokenError::bad_signature);

  // A later expiry, re-encoded: the MAC no longer matches.
  EditorClaims longer = claims();
  longer.expires_at_ms = 9'000'000;
  const std::string longer_token = sign_editor_token(longer, secret_of(9));
  const std::string extended =
      longer_token.substr(0, longer_token.find('.')) + token.substr(token.find('.'));
  CHECK(error_of(verify_editor_token(extended, secret, 0)) == TokenError::bad_signature);

  std::string flipped = token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  CHECK(error_of(verify_editor_token(flipped, secret, 0)) != TokenError::expired);
  CHECK(!std::holds_alternative<EditorClaims>(verify_editor_token(flipped, secret, 0)));
}

TEST_CASE("editor token: malformed input is refused without a crash") {
  const EditorSecret secret = secret_of(7);
  for (const std::string& bad :
       {std::string(), std::string("."), std::string("abc"), std::string("abc.def"),
        std::string("!!!.###"), std::string(".") + std::string(43, 'A'),
        std::string(2000, 'A') + "." + std::string(43, 'A')}) {
    CAPTURE(bad.substr(0, 40));
    auto v = verify_editor_token(bad, secret, 0);
    CHECK(!std::holds_alternative<EditorClaims>(v));
  }
  CHECK(parse_purpose("admin") == std::nullopt);
  CHECK(parse_purpose("edit") == EditorPurpose::edit);
}

TEST_CASE("editor token: the size limit holds even for a correctly signed token") {
  const EditorSecret secret = secret_of(7);
  EditorClaims c = claims();
  // Grow the origin until the token sits exactly at, then just over, the limit.
  std::string token;
  while ((token = sign_editor_token(c, secret)).size() <= kMaxEditorTokenBytes) {
    c.editor_origin += "a";
  }
  CHECK(error_of(verify_editor_token(token, secret, 0)) == TokenError::malformed);
  c.editor_origin.pop_back();
  while ((token = sign_editor_token(c, secret)).size() > kMaxEditorTokenBytes) c.editor_origin.pop_back();
  CHECK(std::holds_alternative<EditorClaims>(verify_editor_token(token, secret, 0)));
}

TEST_CASE("editor secret: created once, then the same key on every load") {
  cairn::admin::Database db(":memory:");
  REQUIRE(db.valid());
  REQUIRE(cairn::admin::migrate_admin_schema(db.handle()).empty());
  auto first = load_or_create_editor_secret(db, 1);
  auto second = load_or_create_editor_secret(db, 2);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(*first == *second);
  CHECK(*first != EditorSecret{});
  // A token signed before a "restart" verifies after it.
  CHECK(std::holds_alternative<EditorClaims>(
      verify_editor_token(sign_editor_token(claims(), *first), *second, 0)));
}

TEST_CASE("admin schema: migrations are recorded and run once") {
  cairn::admin::Database db(":memory:");
  REQUIRE(db.valid());
  REQUIRE(cairn::admin::migrate_admin_schema(db.handle()).empty());
  cairn::admin::Statement version(db.handle(), "PRAGMA user_version");
  REQUIRE(version.step());
  CHECK(version.integer(0) >= 2);
  REQUIRE(cairn::admin::migrate_admin_schema(db.handle()).empty());
  cairn::admin::Statement secrets(db.handle(), "SELECT count(*) FROM collector_secrets");
  REQUIRE(secrets.step());
  CHECK(secrets.integer(0) == 0);
}
