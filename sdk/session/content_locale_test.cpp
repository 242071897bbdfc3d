#include "session/content_locale.h"

#include <catch2/catch.hpp>

namespace cs = cairn::session;
namespace cg = cairn::guide;

namespace {

cg::Step step_in(std::initializer_list<const char*> locales) {
  cg::Step s;
  for (const char* l : locales) s.content[l].title = l;
  return s;
}

std::string chosen(const cg::Step& s, const char* locale, const char* fallback = "en") {
  return cs::resolve_content(s, locale, fallback).locale;
}

}  // namespace

TEST_CASE("content locale: exact, case-insensitive, language, sibling region, fallback, first") {
  const cg::Step s = step_in({"en", "pt-BR", "fr", "de-AT"});
  CHECK(chosen(s, "pt-BR") == "pt-BR");
  CHECK(chosen(s, "PT-br") == "pt-BR");
  CHECK(chosen(s, "fr-CA") == "fr");
  CHECK(chosen(s, "pt-PT") == "pt-BR");
  CHECK(chosen(s, "de") == "de-AT");
  CHECK(chosen(s, "de_CH") == "de-AT");
  CHECK(chosen(s, "ja") == "en");
  CHECK(chosen(s, "") == "en");
  CHECK(chosen(step_in({"fr", "es"}), "ja", "en") == "es");  // no fallback: first by key
  const cs::LocalizedContent c = cs::resolve_content(s, "fr", "en");
  REQUIRE(c.content != nullptr);
  CHECK(c.content->title == "fr");
}

TEST_CASE("content locale: a step without content gives nothing") {
  const cs::LocalizedContent c = cs::resolve_content(cg::Step{}, "en", "en");
  CHECK(c.content == nullptr);
  CHECK(c.locale.empty());
}
