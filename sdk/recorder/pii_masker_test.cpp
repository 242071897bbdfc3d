#include "recorder/pii_masker.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

namespace cr = cairn::recorder;
namespace bj = boost::json;

TEST_CASE("mask_emails replaces addresses in free text and leaves the rest") {
  CHECK(cr::mask_emails("contact jane.doe+tag@example.co.uk today") == "contact [email] today");
  CHECK(cr::mask_emails("a@b.io, c@d.org.") == "[email], [email].");
  CHECK(cr::mask_emails("/signup?email=x_y@mail.example.com&next=1") == "/signup?email=[email]&next=1");
  // Not addresses: no local part, no dot in the domain, numeric TLD, lone @.
  CHECK(cr::mask_emails("@handle") == "@handle");
  CHECK(cr::mask_emails("user@localhost") == "user@localhost");
  CHECK(cr::mask_emails("v1@2.3") == "v1@2.3");
  CHECK(cr::mask_emails("a @ b.com") == "a @ b.com");
  CHECK(cr::mask_emails("") == "");
  CHECK(cr::mask_emails("@@@") == "@@@");
  CHECK(cr::mask_emails("x@y.com@z.com") == "[email]@z.com");
}

TEST_CASE("mask_card_numbers replaces Luhn-valid 13-19 digit numbers, grouped or not") {
  CHECK(cr::mask_card_numbers("card 4111 1111 1111 1111 ok") == "card [card] ok");
  CHECK(cr::mask_card_numbers("4111-1111-1111-1111") == "[card]");
  CHECK(cr::mask_card_numbers("4111111111111111") == "[card]");
  CHECK(cr::mask_card_numbers("amex 378282246310005.") == "amex [card].");
  // Luhn fails: kept.
  CHECK(cr::mask_card_numbers("4111 1111 1111 1112") == "4111 1111 1111 1112");
  // Too short / too long / glued to letters: kept.
  CHECK(cr::mask_card_numbers("order 123456789012") == "order 123456789012");
  CHECK(cr::mask_card_numbers("41111111111111111111111") == "41111111111111111111111");
  CHECK(cr::mask_card_numbers("id4111111111111111") == "id4111111111111111");
  CHECK(cr::mask_card_numbers("4111111111111111x") == "4111111111111111x");
  // Double separators break a run.
  CHECK(cr::mask_card_numbers("4111  1111 1111 1111") == "4111  1111 1111 1111");
  CHECK(cr::mask_card_numbers("trailing 4111-") == "trailing 4111-");
}

TEST_CASE("passes_luhn") {
  CHECK(cr::passes_luhn("79927398713"));
  CHECK_FALSE(cr::passes_luhn("79927398710"));
  CHECK_FALSE(cr::passes_luhn(""));
  CHECK_FALSE(cr::passes_luhn("12a4"));
}

TEST_CASE("PiiMasker drops and masks by key at any depth, ignoring case and separators") {
  cr::MaskingRules rules;
  rules.drop_keys = {"internal_note"};
  cr::PiiMasker masker(rules);
  bj::object props = bj::parse(R"({
    "Password": "hunter2", "credit-card": "4111 1111 1111 1111", "InternalNote": "x",
    "nested": {"api_key": "k", "list": [{"ssn": "1"}, "mail me at a@b.com"]},
    "plan": "pro", "count": 3
  })").as_object();
  cr::MaskingCounts counts;
  masker.mask_object(props, counts);
  CHECK(bj::serialize(props) ==
        R"({"Password":"[masked]","credit-card":"[masked]","nested":{"api_key":"[masked]","list":[{"ssn":"[masked]"},"mail me at [email]"]},"plan":"pro","count":3})");
  CHECK(counts.dropped_keys == 1);
  CHECK(counts.masked_keys == 4);
  CHECK(counts.masked_texts == 1);
  CHECK(counts.total() == 6);
}

TEST_CASE("PiiMasker patterns can be switched off") {
  cr::MaskingRules rules;
  rules.mask_emails = false;
  rules.mask_card_numbers = false;
  cr::PiiMasker masker(rules);
  CHECK(masker.mask_text("a@b.com 4111111111111111") == "a@b.com 4111111111111111");
  cr::PiiMasker defaults;
  CHECK(defaults.mask_text("a@b.com 4111111111111111") == "[email] [card]");
}

TEST_CASE("PiiMasker replaces values nested beyond kMaxMaskDepth") {
  bj::value deep = bj::object{};
  for (std::size_t i = 0; i < cr::kMaxMaskDepth + 4; ++i) {
    bj::object wrapper;
    wrapper["a"] = std::move(deep);
    deep = std::move(wrapper);
  }
  bj::object root;
  root["deep"] = std::move(deep);
  cr::MaskingCounts counts;
  cr::PiiMasker().mask_object(root, counts);
  CHECK(counts.masked_keys == 1);
  CHECK(bj::serialize(root).find("[masked]") != std::string::npos);
}

TEST_CASE("mask_traits keeps the unmasked traits whole, compared like other keys, and masks the rest") {
  cr::MaskingRules rules;
  rules.unmasked_traits = {"email", "API_token"};
  cr::PiiMasker masker(rules);
  bj::object traits = bj::parse(R"({
    "Email": "ana@acme.io", "apiToken": "t-1", "backup_email": "ana@home.example",
    "token": "t-2", "profile": {"email": "ana@acme.io"}, "plan": "pro"
  })").as_object();
  cr::MaskingCounts counts;
  masker.mask_traits(traits, counts);
  CHECK(bj::serialize(traits) ==
        R"({"Email":"ana@acme.io","apiToken":"t-1","backup_email":"[email]","token":"[masked]","profile":{"email":"[email]"},"plan":"pro"})");
  CHECK(counts.total() == 3);
}

TEST_CASE("unmasked traits leave properties and text masked, and nothing is unmasked by default") {
  cr::MaskingRules rules;
  rules.unmasked_traits = {"email"};
  cr::PiiMasker masker(rules);
  bj::object properties = bj::parse(R"({"email": "ana@acme.io"})").as_object();
  cr::MaskingCounts counts;
  masker.mask_object(properties, counts);
  CHECK(properties.at("email") == "[email]");
  CHECK(masker.mask_text("ana@acme.io") == "[email]");

  bj::object traits = bj::parse(R"({"email": "ana@acme.io"})").as_object();
  cr::PiiMasker().mask_traits(traits, counts);
  CHECK(traits.at("email") == "[email]");
}
