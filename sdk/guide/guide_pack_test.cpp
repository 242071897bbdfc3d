#include "guide/guide_pack.h"

#include "guide/guide_codec.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cg = cairn::guide;
namespace bj = boost::json;

namespace {

// Every field the format has, with non-default values where the codec allows
// them, and generic values of every kind in the fingerprints.
constexpr const char* kEverything = R"json({
  "schema": 1, "id": "everything", "name": "Every field – ünïcode ✓", "version": 7,
  "status": "scheduled", "priority": 1000, "environments": ["production", "staging"],
  "fallback_locale": "pt-BR",
  "ui_text": {"pt-BR": {"submit": "Enviar", "step_of": "Passo {n} de {total}"},
              "de": {"close": "Schließen", "item_done": "{item} (erledigt)"}},
  "trigger": {"kind": "element_clicked", "delay_ms": 250,
    "pages": {"include": [{"path": "/reports/:id", "hash": "tab-*",
                           "query": [{"name": "q", "op": "equals", "value": "a b"},
                                     {"name": "debug", "op": "absent"}]}],
              "exclude": [{"path": "/admin/**"}]},
    "element": {"version": 1, "element": {"tag": "button", "text": "Save ✓", "index": 3,
                "rect": {"x": -1.5, "y": 2e-3, "width": 120, "height": 40}},
                "future": [null, true, false, 18446744073709551615, -9007199254740993, 1.25e300,
                           [[[]]], {"": {}}]}},
  "audience": {"all": [
    {"attribute": "plan", "op": "in", "value": ["pro", 3, true, 2.5]},
    {"not": {"any": [{"attribute": "email", "op": "exists"},
                      {"attribute": "age", "op": "gt", "value": -4}]}},
    {"event": "Report Run", "at_least": 0, "at_most": 12, "within_ms": 86400000},
    {"guide": "other-guide", "history": "dismissed"},
    {"not": {"guide": "other-guide", "history": "running"}},
    {"rollout": 12.34, "salt": "shared-pop"}
  ]},
  "schedule": {"start": "2026-03-01T09:00:00Z", "end": "2026-04-01T09:00:00.123Z"},
  "frequency": {"kind": "at_most", "times": 3, "window_ms": 604800000},
  "theme": {"accent_color": "#ff8800", "background_color": "rgb(1, 2, 3)", "text_color": "navy",
            "border_color": "#abcd", "font_family": "\"Inter\", sans-serif",
            "font_size_px": 15, "radius_px": 0},
  "experiment": {"holdout_percent": 12.5, "salt": "exp-salt",
                 "variants": [{"id": "a", "weight": 3}, {"id": "b"}]},
  "steps": [
    {"id": "s1", "kind": "tooltip", "backdrop": true, "variants": ["a"],
     "target": {"fingerprint": {"version": 1, "element": {"tag": "input"}}},
     "placement": {"side": "left", "align": "end", "offset_px": 0, "arrow": false},
     "advance": {"kind": "input_target"},
     "missing_target": {"wait_ms": 0, "then": "skip"},
     "page": {"path": "/reports/*", "query": [{"name": "x", "op": "contains", "value": "y"}]},
     "content": {
       "pt-BR": {"title": "Olá", "body": "**Bem-vindo** ao [app](https://example.com)",
                 "media": {"url": "https://example.com/a.mp4", "kind": "video", "alt": "clip"},
                 "buttons": [{"label": "Docs", "action": "url", "url": "https://example.com/docs",
                              "new_tab": true, "style": "link"},
                             {"label": "Other", "action": "launch_guide", "guide_id": "other-guide",
                              "style": "secondary"},
                             {"label": "Next", "action": "next"}]},
       "en": {"title": "Hi"}}},
    {"id": "s2", "kind": "checklist",
     "advance": {"kind": "url_change", "pages": {"include": [{"path": "/done"}]}},
     "items": [{"id": "i1", "action": "launch_guide", "guide_id": "other-guide",
                "completed_by_guide": "other-guide"},
               {"id": "i2", "action": "url", "url": "/settings"},
               {"id": "i3"}],
     "content": {"pt-BR": {"title": "Tarefas", "labels": {"i1": "Um", "i2": "Dois", "i3": "Três"}}}},
    {"id": "s3", "kind": "survey",
     "survey": {"kind": "choice", "options": ["o1", "o2"], "multiple": true},
     "advance": {"kind": "custom_event", "event": "Answered"},
     "content": {"pt-BR": {"labels": {"o1": "Sim", "o2": "Não"}}}},
    {"id": "s4", "kind": "survey", "survey": {"kind": "rating", "scale": 10},
     "advance": {"kind": "element_appears", "element": {"version": 1, "element": {"tag": "div"}}},
     "content": {"pt-BR": {"title": "Nota"}}},
    {"id": "s5", "kind": "modal", "advance": {"kind": "element_disappears",
     "element": {"version": 1, "element": {"tag": "dialog"}}},
     "content": {"pt-BR": {"buttons": [{"label": "Back", "action": "back"},
                                        {"label": "Done", "action": "complete"}]}}}
  ]
})json";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The JSON text of `guide` without the unknown fields the packed form drops.
std::string json_without_unknown(cg::Guide guide) {
  auto strip = [](auto& x) { x.unknown.clear(); };
  strip(guide);
  strip(guide.trigger);
  strip(guide.trigger.pages);
  auto strip_rules = [&](cg::UrlRules& rules) {
    strip(rules);
    for (auto* list : {&rules.include, &rules.exclude}) {
      for (cg::UrlRule& r : *list) {
        strip(r);
        for (cg::QueryCondition& q : r.query) strip(q);
      }
    }
  };
  strip_rules(guide.trigger.pages);
  std::vector<cg::Audience*> nodes;
  if (guide.audience) nodes.push_back(&*guide.audience);
  while (!nodes.empty()) {
    cg::Audience* node = nodes.back();
    nodes.pop_back();
    strip(*node);
    for (cg::Audience& child : node->children) nodes.push_back(&child);
  }
  strip(guide.schedule);
  strip(guide.frequency);
  strip(guide.theme);
  if (guide.experiment) {
    strip(*guide.experiment);
    for (cg::Variant& v : guide.experiment->variants) strip(v);
  }
  for (cg::Step& step : guide.steps) {
    strip(step);
    if (step.target) strip(*step.target);
    for (auto& [locale, content] : step.content) {
      strip(content);
      for (cg::Button& b : content.buttons) strip(b);
      if (content.media) strip(*content.media);
    }
    for (cg::ChecklistItem& item : step.items) strip(item);
    if (step.survey) strip(*step.survey);
    strip(step.placement);
    strip(step.advance);
    strip_rules(step.advance.pages);
    strip(step.missing_target);
    if (step.page) {
      strip(*step.page);
      for (cg::QueryCondition& q : step.page->query) strip(q);
    }
  }
  return bj::serialize(cg::write_guide(guide));
}

cg::Guide parse_or_fail(const std::string& text, const std::string& what) {
  cg::GuideParseResult parsed = cg::parse_guide(text);
  INFO(what << ": " << parsed.problems.summary());
  REQUIRE(parsed.ok());
  return *parsed.guide;
}

std::vector<cg::Guide> fixture_guides() {
  std::vector<cg::Guide> guides;
  guides.push_back(parse_or_fail(kEverything, "kEverything"));
  for (const char* folder : {"docs/examples/guides", "samples/guides"}) {
    std::filesystem::path dir = std::filesystem::path(CAIRN_SOURCE_DIR) / folder;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) guides.push_back(parse_or_fail(read_file(file), file.string()));
  }
  return guides;
}

std::string unpack_error(std::string_view bytes) {
  std::string error;
  std::optional<std::vector<cg::Guide>> guides = cg::unpack_guides(bytes, error);
  CHECK_FALSE(guides);
  CHECK_FALSE(error.empty());
  return error;
}

// A header for `count` guides, then `body`.
std::string packed(std::string_view body, std::string count = std::string(1, '\x01')) {
  return std::string("CGPK") + static_cast<char>(cg::kPackVersion) + count + std::string(body);
}

}  // namespace

TEST_CASE("every fixture guide survives pack and unpack, unknown fields aside", "[guide][pack]") {
  std::vector<cg::Guide> guides = fixture_guides();
  REQUIRE(guides.size() >= 10);
  std::string bytes = cg::pack_guides(guides);
  std::string error;
  std::optional<std::vector<cg::Guide>> back = cg::unpack_guides(bytes, error);
  INFO(error);
  REQUIRE(back);
  REQUIRE(back->size() == guides.size());
  for (std::size_t i = 0; i < guides.size(); ++i) {
    INFO("guide " << guides[i].id);
    CHECK(bj::serialize(cg::write_guide((*back)[i])) == json_without_unknown(guides[i]));
  }
  // Packing what was unpacked gives the same bytes: nothing was lost or added.
  CHECK(cg::pack_guides(*back) == bytes);
  // The SDK's words are packed, not dropped as an unknown field would be.
  CHECK(back->front().ui_text.at("de").at("close") == "Schließen");
  CHECK(back->front().ui_text.at("pt-BR").at("step_of") == "Passo {n} de {total}");
}

TEST_CASE("the packed form is smaller than the JSON form", "[guide][pack]") {
  std::vector<cg::Guide> guides = fixture_guides();
  std::size_t json_bytes = 0;
  for (const cg::Guide& g : guides) json_bytes += bj::serialize(cg::write_guide(g)).size();
  CHECK(cg::pack_guides(guides).size() < json_bytes);
}

TEST_CASE("an empty guide list packs to the header alone", "[guide][pack]") {
  std::string bytes = cg::pack_guides({});
  CHECK(bytes == packed("", std::string(1, '\0')));
  std::string error;
  auto back = cg::unpack_guides(bytes, error);
  REQUIRE(back);
  CHECK(back->empty());
}

TEST_CASE("a pack cut at any byte is refused with the offset, never read past", "[guide][pack]") {
  std::vector<cg::Guide> guides = fixture_guides();
  std::string bytes = cg::pack_guides(guides);
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    // A copy of exactly `size` bytes, so a sanitizer sees any read past the end.
    std::vector<char> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size));
    std::string error;
    auto back = cg::unpack_guides(std::string_view(cut.data(), cut.size()), error);
    INFO("cut at " << size);
    REQUIRE_FALSE(back);
    REQUIRE(error.rfind("packed guides: ", 0) == 0);
    REQUIRE(error.find(" at byte ") != std::string::npos);
  }
}

TEST_CASE("the header is checked: magic bytes, version, trailing bytes", "[guide][pack]") {
  std::string good = cg::pack_guides(fixture_guides());
  std::string bad_magic = good;
  bad_magic[0] = '{';
  CHECK(unpack_error(bad_magic) == "packed guides: not a packed guide list (bad magic bytes) at byte 0");
  std::string other_version = good;
  other_version[4] = static_cast<char>(cg::kPackVersion + 1);
  CHECK(unpack_error(other_version) ==
        "packed guides: version 3 (this build reads versions 1 to 2) at byte 4");
  other_version[4] = 0;
  CHECK(unpack_error(other_version) ==
        "packed guides: version 0 (this build reads versions 1 to 2) at byte 4");
  CHECK(unpack_error(good + '\0') ==
        "packed guides: bytes after the last guide at byte " + std::to_string(good.size()));
  CHECK(unpack_error("") == "packed guides: not a packed guide list (bad magic bytes) at byte 0");
}

TEST_CASE("counts are bounded by the limits and by the bytes left", "[guide][pack]") {
  // 2^60 guides: a ten-byte varint the bytes left cannot back.
  std::string huge = std::string(8, '\x80') + '\x10';  // 2^60 = 0x10 << 56
  CHECK(unpack_error(packed("", huge)) ==
        "packed guides: count larger than the bytes left could hold at byte 5");
  CHECK(unpack_error(packed("", std::string(11, '\xff'))) ==
        "packed guides: varint overflows 64 bits at byte 5");

  // A real guide whose step count says 51.
  cg::Guide guide = parse_or_fail(R"({"schema": 1, "id": "g", "name": "G", "trigger": {"kind": "manual"},
      "steps": [{"id": "s", "kind": "modal", "content": {"en": {}}}]})", "one step");
  std::string bytes = cg::pack_guides(std::span(&guide, 1));
  std::string steps_at_one = bytes;
  // The step list is the last list: its count byte is the step id's length prefix minus one.
  std::size_t count_at = bytes.rfind(std::string("\x01\x01s", 3));
  REQUIRE(count_at != std::string::npos);
  steps_at_one[count_at] = 51;
  CHECK(unpack_error(steps_at_one) == "packed guides: count over the limit of 50 items at byte " +
                                          std::to_string(count_at));
}

TEST_CASE("enums, integers, flags and strings are range-checked", "[guide][pack]") {
  cg::Guide guide = parse_or_fail(R"({"schema": 1, "id": "g", "name": "G", "trigger": {"kind": "manual"},
      "steps": [{"id": "s", "kind": "modal", "content": {"en": {}}}]})", "one step");
  std::string bytes = cg::pack_guides(std::span(&guide, 1));
  // Layout after the 6-byte header: schema (1 byte), id "g" (2), name "G" (2),
  // version (1), status (1), trigger kind (1).
  std::string status = bytes;
  status[6 + 1 + 2 + 2 + 1] = 4;  // archived is 3
  CHECK(unpack_error(status) == "packed guides: enum value out of range; the last is 3 at byte 12");
  std::string schema = bytes;
  schema[6] = 4;  // zigzag 2: schema 2
  CHECK(unpack_error(schema) == "packed guides: integer out of range at byte 6");

  cg::Guide titled = guide;
  titled.steps[0].content["en"].title = std::string(513, 't');
  std::string over = cg::pack_guides(std::span(&titled, 1));
  std::size_t title_at = over.find(std::string(513, 't')) - 2;  // two-byte length prefix
  CHECK(unpack_error(over) == "packed guides: string longer than 512 bytes at byte " +
                                  std::to_string(title_at));

  cg::Guide invalid = guide;
  invalid.name = "G\xff";
  CHECK(unpack_error(cg::pack_guides(std::span(&invalid, 1))) ==
        "packed guides: string is not valid UTF-8 at byte 9");
}

// A collector older than the SDK may pack a guide published when event counts
// went up to 1,000,000: one such guide must not cost the SDK every guide.
TEST_CASE("version 1, for SDKs before ui_text: the guides without their words, read back by this build", "[guide][pack]") {
  std::vector<cg::Guide> guides;
  std::vector<std::string> not_packable;
  // `running` -> `completed`, so that kEverything (words and all) is packable.
  auto without_running = [](auto& self, cg::Audience& node) -> void {
    if (node.history == cg::HistoryOp::running) node.history = cg::HistoryOp::completed;
    for (cg::Audience& child : node.children) self(self, child);
  };
  for (cg::Guide& g : fixture_guides()) {
    if (!cg::packable(g, 1)) {
      not_packable.push_back(g.id);
      without_running(without_running, *g.audience);
    }
    REQUIRE(cg::packable(g, 1));
    guides.push_back(std::move(g));
  }
  // Those that ask whether another guide runs (next test).
  CHECK(not_packable == std::vector<std::string>{"everything", "project-key-hint"});
  REQUIRE_FALSE(guides.front().ui_text.empty());
  std::string v1 = cg::pack_guides(guides, 1);
  CHECK(v1[4] == 1);
  std::string error;
  auto back = cg::unpack_guides(v1, error);
  INFO(error);
  REQUIRE(back);
  REQUIRE(back->size() == guides.size());
  for (std::size_t i = 0; i < guides.size(); ++i) {
    INFO("guide " << guides[i].id);
    cg::Guide without_words = guides[i];
    without_words.ui_text.clear();
    CHECK(bj::serialize(cg::write_guide((*back)[i])) == json_without_unknown(without_words));
  }
  CHECK(cg::pack_guides(*back, 1) == v1);
  // Version 2 is version 1 plus each guide's words: one byte (an empty map)
  // per guide without any.
  std::vector<cg::Guide> no_words = *back;
  CHECK(cg::pack_guides(no_words).size() == v1.size() + no_words.size());
}

TEST_CASE("a guide that asks whether another guide runs is not packable as version 1", "[guide][pack]") {
  cg::Guide guide = parse_or_fail(R"({"schema": 1, "id": "hint", "name": "Hint", "trigger": {"kind": "manual"},
      "audience": {"all": [{"attribute": "plan", "op": "eq", "value": "pro"},
                           {"not": {"guide": "tour", "history": "running"}}]},
      "steps": [{"id": "s", "kind": "modal", "content": {"en": {}}}]})", "running");
  CHECK_FALSE(cg::packable(guide, 1));  // A version-1 reader refuses the enum value: the whole pack.
  CHECK(cg::packable(guide, 2));
  guide.audience->children[1].children[0].history = cg::HistoryOp::completed;
  CHECK(cg::packable(guide, 1));
  guide.audience.reset();
  CHECK(cg::packable(guide, 1));
}

TEST_CASE("event counts packed by an older collector are read, up to its old limit", "[guide][pack]") {
  cg::Guide guide = parse_or_fail(R"({"schema": 1, "id": "g", "name": "G", "trigger": {"kind": "manual"},
      "audience": {"event": "export", "at_least": 3, "at_most": 9},
      "steps": [{"id": "s", "kind": "modal", "content": {"en": {}}}]})", "event count");
  guide.audience->at_least = 500;
  guide.audience->at_most = 1000000;
  std::string error;
  auto back = cg::unpack_guides(cg::pack_guides(std::span(&guide, 1)), error);
  INFO(error);
  REQUIRE(back);
  REQUIRE(back->size() == 1);
  CHECK((*back)[0].audience->at_least == 500);
  CHECK((*back)[0].audience->at_most == 1000000);
  guide.audience->at_most = 1000001;
  CHECK(unpack_error(cg::pack_guides(std::span(&guide, 1))).find("integer out of range") != std::string::npos);
}

TEST_CASE("generic values nest at most 32 levels and refuse unknown tags", "[guide][pack]") {
  cg::Guide guide = parse_or_fail(R"({"schema": 1, "id": "g", "name": "G", "trigger": {"kind": "manual"},
      "steps": [{"id": "s", "kind": "modal", "content": {"en": {}}}]})", "one step");
  auto nested = [&](int depth) {
    cg::Guide g = guide;
    bj::value v = 1;
    for (int i = 1; i < depth; ++i) v = bj::array{v};
    g.trigger.element = bj::object{{"v", v}};  // the object is one more level
    return cg::pack_guides(std::span(&g, 1));
  };
  std::string error;
  CHECK(cg::unpack_guides(nested(32), error));
  std::string deep = nested(33);
  std::string refused = unpack_error(deep);
  CHECK(refused.rfind("packed guides: value nested deeper than 32 levels at byte ", 0) == 0);

  cg::Guide tagged = guide;
  tagged.trigger.element = bj::object{{"k", nullptr}};
  std::string bytes = cg::pack_guides(std::span(&tagged, 1));
  std::size_t tag_at = bytes.find(std::string("\x01k\x00", 3)) + 2;
  bytes[tag_at] = 9;
  CHECK(unpack_error(bytes) == "packed guides: unknown value tag at byte " + std::to_string(tag_at));
}
