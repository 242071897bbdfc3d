// PropertyDecoder (the streaming decode of wanted top-level properties)
// against decode_event_properties_by_parse (the whole-document reference):
// hand-picked cases, then random documents with escaped keys, the same key
// nested deeper, repeated keys, every value type and broken texts.
#include "analytics/property_decoder.h"

#include "analytics/element_summary.h"

#include <catch2/catch.hpp>

#include <random>

namespace cairn::analytics {
namespace {

using Properties = std::vector<std::pair<std::string, PropertyValue>>;

Properties fast(std::string_view text, const std::vector<std::string>& keys) {
  PropertyDecoder decoder(keys);
  EventRow row;
  row.properties.emplace_back("stale", 1.0);  // decode() replaces what was there.
  decoder.decode(text, &row);
  return row.properties;
}

Properties reference(std::string_view text, const std::vector<std::string>& keys) {
  EventRow row;
  decode_event_properties_by_parse(text, keys, &row);
  return row.properties;
}

TEST_CASE("property decoder: wanted top-level values, typed like the reference") {
  const std::vector<std::string> keys{"plan", "seats", "trial", "gone"};
  const std::string text = R"({"plan":"pro","nested":{"plan":"deep"},"seats":3,"trial":false,"gone":null})";
  CHECK(fast(text, keys) == Properties{{"plan", std::string("pro")}, {"seats", 3.0}, {"trial", std::string("false")}});
  CHECK(fast(text, keys) == reference(text, keys));
}

TEST_CASE("property decoder: a key written with escapes is found, one only nested is not") {
  CHECK(fast(R"({"pl\u0061n":"pro"})", {"plan"}) == Properties{{"plan", std::string("pro")}});
  CHECK(fast(R"({"a\"b":"q\n"})", {"a\"b"}) == Properties{{"a\"b", std::string("q\n")}});
  CHECK(fast(R"({"x":{"plan":"deep"},"y":[{"plan":1}]})", {"plan"}).empty());
  CHECK(fast(R"({"x":"\"plan\""})", {"plan"}).empty());  // The quoted key as a value is no member.
}

TEST_CASE("property decoder: a repeated key counts with its last value, whatever its type") {
  CHECK(fast(R"({"plan":"a","plan":2})", {"plan"}) == Properties{{"plan", 2.0}});
  CHECK(fast(R"({"plan":"a","plan":[1]})", {"plan"}).empty());
  CHECK(fast(R"({"plan":{"x":1},"plan":"b"})", {"plan"}) == Properties{{"plan", std::string("b")}});
  CHECK(fast(R"({"plan":"a","plan":[1]})", {"plan"}) == reference(R"({"plan":"a","plan":[1]})", {"plan"}));
}

TEST_CASE("property decoder: missing, empty and unreadable texts give no properties") {
  for (const char* text : {"", "{}", "[]", "\"plan\"", "not json", R"({"plan":"a")", R"({"plan":"a"} x)",
                           R"({"plan":"a",})", R"({"plan":"a"} // c)"}) {
    INFO(text);
    CHECK(fast(text, {"plan"}).empty());
    CHECK(reference(text, {"plan"}).empty());
  }
  CHECK(fast(" {\"plan\":\"a\"} \n", {"plan"}) == Properties{{"plan", std::string("a")}});
  // Deeper than boost::json::parse's 32 levels: unreadable for both.
  const std::string deep = R"({"plan":"a","x":)" + std::string(40, '[') + std::string(40, ']') + "}";
  CHECK(fast(deep, {"plan"}).empty());
  CHECK(reference(deep, {"plan"}).empty());
}

TEST_CASE("property decoder: a click target object becomes its element summary") {
  const std::string text = R"({"target":{"tag":"button","id":"buy","text":"Buy now"},"plan":"pro"})";
  const std::vector<std::string> keys{kClickTargetProperty, "plan"};
  CHECK(fast(text, keys) == reference(text, keys));
  CHECK(reference(text, keys).size() == 2);
}

// A random JSON text: an object (mostly) whose members use a few key names,
// spelled plainly or with \u escapes, with every value type, objects and
// arrays that repeat the names deeper down, and sometimes broken.
class RandomDocument {
 public:
  explicit RandomDocument(std::uint32_t seed) : rng_(seed) {}

  std::string next() {
    std::string text;
    const int shape = pick(20);
    if (shape == 0) value(&text, 0);  // Any top-level value.
    else object(&text, 0);
    if (shape == 1 && !text.empty()) text.resize(pick(static_cast<int>(text.size())));  // Truncated.
    if (shape == 2) text += pick(2) ? " x" : ",";
    if (shape == 3) text = " \t" + text + "\n";
    return text;
  }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint32_t>(n)); }

  void key(std::string* out) {
    static const char* const names[] = {"plan", "count", "target", "a\"b", "pl", "planx", "x"};
    const std::string name = names[pick(7)];
    *out += '"';
    for (char c : name) {
      if (c == '"') *out += "\\\"";
      else if (pick(6) == 0) *out += "\\u00" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15];
      else *out += c;
    }
    *out += '"';
  }

  void object(std::string* out, int depth) {
    *out += '{';
    const int members = pick(5);
    for (int m = 0; m < members; ++m) {
      if (m) *out += ',';
      key(out);
      *out += ':';
      value(out, depth + 1);
    }
    *out += '}';
  }

  void value(std::string* out, int depth) {
    static const char* const scalars[] = {"\"pro\"", "\"\\u00e9t\\u00e9\\n\"", "\"\"", "3", "-7", "2.5e3",
                                          "18446744073709551615", "-9223372036854775808", "1e400", "true",
                                          "false", "null", "\"plan\"", "0.1"};
    const int kind = depth > 3 ? 2 : pick(6);
    if (kind == 0) {
      object(out, depth);
    } else if (kind == 1) {
      *out += '[';
      const int items = pick(3);
      for (int i = 0; i < items; ++i) {
        if (i) *out += ',';
        value(out, depth + 1);
      }
      *out += ']';
    } else {
      *out += scalars[pick(14)];
    }
  }

  std::mt19937 rng_;
};

TEST_CASE("property decoder matches the whole-document parse on random documents") {
  const std::vector<std::vector<std::string>> key_sets{
      {"plan"}, {"count", "plan"}, {"a\"b"}, {"target", "plan", "x"}, {"plan", "plan"}, {}};
  RandomDocument documents(2026);
  int with_properties = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string text = documents.next();
    for (const std::vector<std::string>& keys : key_sets) {
      const Properties expected = reference(text, keys);
      const Properties got = fast(text, keys);
      if (got != expected) FAIL("text " << text << " keys[0] " << (keys.empty() ? "-" : keys[0]));
      if (!expected.empty()) ++with_properties;
    }
  }
  CHECK(with_properties > 10000);  // The documents do exercise the matches.
}

TEST_CASE("property decoder is reusable across rows and keeps working after a move") {
  PropertyDecoder decoder({"plan"});
  PropertyDecoder moved = std::move(decoder);
  EventRow row;
  moved.decode(R"({"plan":"a"})", &row);
  CHECK(row.properties == Properties{{"plan", std::string("a")}});
  moved.decode("broken{", &row);
  CHECK(row.properties.empty());
  moved.decode(R"({"plan":7})", &row);
  CHECK(row.properties == Properties{{"plan", 7.0}});
}

}  // namespace
}  // namespace cairn::analytics
