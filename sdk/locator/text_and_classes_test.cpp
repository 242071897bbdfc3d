#include "locator/generated_class.h"
#include "locator/text_normalization.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cl = cairn::locator;

TEST_CASE("normalisation folds case, diacritics, punctuation and spaces") {
  CHECK(cl::normalize_text("  Save\xC2\xA0  Changes! ") == "save changes");
  CHECK(cl::normalize_text("Caf\xC3\xA9 \xC3\x9F \xC5\x81\xC3\xB3" "d\xC5\xBA") == "cafe ss lodz");
  CHECK(cl::normalize_text("\xD0\x9F\xD0\xA0\xD0\x98") == "\xD0\xBF\xD1\x80\xD0\xB8");  // ПРИ -> при
  CHECK(cl::normalize_text("e\xCC\x81") == "e");  // decomposed é
  CHECK(cl::normalize_text("\xFF\xFEok") == "ok");  // invalid bytes dropped
  CHECK(cl::normalize_text("") == "");
}

TEST_CASE("word overlap is order-free and stems word endings") {
  auto a = cl::word_keys("save project");
  CHECK(cl::word_overlap(a, cl::word_keys("projects save")) == 1.0);
  CHECK(cl::word_overlap(a, cl::word_keys("save")) == Approx(2.0 / 3.0));
  CHECK(cl::word_overlap(a, cl::word_keys("cancel")) == 0.0);
  CHECK(cl::word_overlap(a, {}) == 0.0);
}

TEST_CASE("word keys are the sorted, distinct hashes of each word's stem") {
  // Seeded texts of up to 200 words from a small vocabulary (many repeats),
  // against the definition: hash each word's first 6 bytes, sort, dedupe.
  const char* vocabulary[] = {"save", "saved", "project", "projects", "cancel", "a", "b",
                              "delete", "deleted", "row", "rows", "ok", "x1", "x2", "x3"};
  std::uint32_t seed = 99;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    std::vector<std::uint64_t> expected;
    seed = seed * 1664525u + 1013904223u;
    const std::uint32_t words = (seed >> 8) % 200;
    for (std::uint32_t w = 0; w < words; ++w) {
      seed = seed * 1664525u + 1013904223u;
      const std::string_view word = vocabulary[(seed >> 8) % std::size(vocabulary)];
      if (!text.empty()) text += ' ';
      text += word;
      expected.push_back(cl::hash_text(word.substr(0, 6)));
    }
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    CHECK(cl::word_keys(text) == expected);
  }
}

TEST_CASE("locales compare by language") {
  CHECK(cl::language_of("pt-BR") == "pt");
  CHECK(cl::language_of("DE_de") == "de");
  CHECK(cl::language_of("") == "");
}

TEST_CASE("generated class names are told from hand-written ones") {
  for (const char* generated : {"css-1x2y3z", "sc-AbCdE", "_3xk9", "Button_primary__3xk9a", "jss123",
                                "svelte-1q2w3e", "a3f9c2", "kQxYzw", "xkcdqz", "emotion-1a2b3c"}) {
    INFO(generated);
    CHECK(cl::looks_generated_class(generated));
  }
  for (const char* stable : {"btn-primary", "col-md-6", "text-gray-500", "h1", "2xl:p-4", "MuiButton-root",
                             "card__title", "strength", "nav-link", "w-1/2", ""}) {
    INFO(stable);
    CHECK_FALSE(cl::looks_generated_class(stable));
  }
  CHECK(cl::looks_generated_id(":r1:"));
  CHECK(cl::looks_generated_id("react-select-3-input"));
  CHECK(cl::looks_generated_id("field-1234"));
  CHECK_FALSE(cl::looks_generated_id("project-form"));
  CHECK_FALSE(cl::looks_generated_id("h2"));
}

TEST_CASE("an id that only gained a generated part is the same id, rescoped") {
  CHECK(cl::id_regenerated_from("save-project-css-r4ji", "save-project"));
  CHECK(cl::id_regenerated_from("save-project_3xk9a", "save-project"));
  CHECK(cl::id_regenerated_from("x1y2z3-save-project", "save-project"));
  CHECK_FALSE(cl::id_regenerated_from("save-project-draft", "save-project"));
  CHECK_FALSE(cl::id_regenerated_from("save-project-2", "save-project"));
  CHECK_FALSE(cl::id_regenerated_from("save-projects-css-r4ji", "save-project"));
  CHECK_FALSE(cl::id_regenerated_from("save-project", "save-project"));
  CHECK_FALSE(cl::id_regenerated_from("css-r4ji", ""));
}
