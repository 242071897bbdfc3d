#include "locator/matcher.h"

#include "locator/fingerprint_builder.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cl = cairn::locator;

namespace {

// "prefix" + number, built by appending (GCC 12 warns falsely on literal + string).
std::string numbered(const char* prefix, int i) {
  std::string out = prefix;
  out += std::to_string(i);
  return out;
}

cl::AncestorLevel level(std::string tag, std::vector<std::string> classes = {}, std::string id = {},
                        int index = 0) {
  cl::AncestorLevel l;
  l.tag = std::move(tag);
  l.classes = std::move(classes);
  l.id = std::move(id);
  l.index = index;
  return l;
}

cl::ElementDescriptor button(std::string text, double x, int index = 0) {
  cl::ElementDescriptor d;
  d.tag = "button";
  d.role = "button";
  d.text = text;
  d.name = text;
  d.classes = {"btn", "css-1x2y3z"};
  d.attributes = {{"type", "button"}};
  d.rect = {x, 100, 80, 32};
  d.has_rect = true;
  d.index = index;
  d.ancestors = {level("div", {"toolbar"}), level("form", {}, "project-form"), level("main"),
                 level("body")};
  d.heading = "New project";
  return d;
}

// A toolbar page: Cancel, Save, Help plus some unrelated elements.
std::vector<cl::ElementDescriptor> toolbar_page() {
  std::vector<cl::ElementDescriptor> page;
  page.push_back(button("Cancel", 100, 0));
  page.push_back(button("Save", 200, 1));
  page.push_back(button("Help", 300, 2));
  for (int i = 0; i < 20; ++i) {
    cl::ElementDescriptor p;
    p.tag = "p";
    p.text = numbered("Paragraph ", i);
    p.rect = {0, 300.0 + 40 * i, 600, 30};
    p.has_rect = true;
    p.index = i;
    p.ancestors = {level("main"), level("body")};
    page.push_back(p);
  }
  for (auto& d : page) {
    if (d.tag == "button") {
      d.neighbors = {"New project"};
    }
  }
  return page;
}

cl::Fingerprint capture(const std::vector<cl::ElementDescriptor>& page, std::size_t index,
                        std::string locale = "en-US") {
  cl::PageContext context{page, index, std::move(locale)};
  return cl::fingerprint_from_descriptor(page[index], context);
}

void regenerate_hashes(std::vector<cl::ElementDescriptor>& page) {
  for (auto& d : page) {
    for (auto& c : d.classes) {
      if (c.rfind("css-", 0) == 0) c = "css-9z8y7x";
    }
  }
}

// Applies `rename` to every class name of every element and of its containers.
template <class Rename>
void rename_all_classes(std::vector<cl::ElementDescriptor>& page, Rename rename) {
  for (auto& d : page) {
    for (auto& c : d.classes) rename(c);
    for (auto& l : d.ancestors) {
      for (auto& c : l.classes) rename(c);
    }
  }
}

// A release rebuilt with fresh CSS-in-JS class names everywhere (element and
// containers), Save's label reworded and Save moved to the end of the toolbar.
std::vector<cl::ElementDescriptor> rebuilt_toolbar_page(
    const std::vector<cl::ElementDescriptor>& page) {
  auto rebuilt = page;
  int serial = 0;
  rename_all_classes(rebuilt, [&serial](std::string& c) { c = numbered("css-q", 100 + serial++) + "z"; });
  rebuilt[1].text = rebuilt[1].name = "Save now";
  std::swap(rebuilt[1].rect, rebuilt[2].rect);
  std::swap(rebuilt[1].index, rebuilt[2].index);
  return rebuilt;
}

}  // namespace

TEST_CASE("an unchanged page matches with full confidence") {
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1));
  cl::MatchResult r = matcher.match(page, "en-US");
  REQUIRE(r.match == 1u);
  CHECK(r.reason == cl::MatchReason::matched);
  CHECK(r.confidence == Approx(1.0));
  REQUIRE(r.runner_up);
  CHECK(r.runner_up_confidence < 0.7);
}

TEST_CASE("empty candidates answer not found") {
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1));
  cl::MatchResult r = matcher.match({}, "en-US");
  CHECK_FALSE(r.match);
  CHECK(r.reason == cl::MatchReason::no_candidates);
  CHECK_FALSE(r.runner_up);
}

TEST_CASE("regenerated hashes, wrappers and reordered siblings still match") {
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1));
  auto redesigned = page;
  regenerate_hashes(redesigned);
  for (auto& d : redesigned) {
    if (d.tag == "button") d.ancestors.insert(d.ancestors.begin(), level("div", {"css-wrap12"}));
  }
  std::swap(redesigned[0], redesigned[2]);  // Help first, Cancel last
  redesigned[0].index = 0;
  redesigned[2].index = 2;
  cl::MatchResult r = matcher.match(redesigned, "en-US");
  CHECK(r.match == 1u);
}

TEST_CASE("a removed wrapper level and a changed id still match") {
  auto page = toolbar_page();
  page[1].id = "save-button";
  cl::Matcher matcher(capture(page, 1));
  auto redesigned = page;
  for (auto& d : redesigned) {
    if (d.tag == "button") d.ancestors.erase(d.ancestors.begin());  // toolbar div gone
  }
  redesigned[1].id = "btn-save-v2";
  CHECK(matcher.match(redesigned, "en-US").match == 1u);
}

TEST_CASE("edited text and a div-to-button tag swap still match") {
  auto page = toolbar_page();
  page[1].tag = "div";
  page[1].role = "";
  cl::Matcher matcher(capture(page, 1));
  auto redesigned = page;
  redesigned[1].tag = "button";
  redesigned[1].role = "button";
  redesigned[1].text = "Save changes";
  redesigned[1].name = "Save changes";
  CHECK(matcher.match(redesigned, "en-US").match == 1u);
}

TEST_CASE("a translated page matches on structure when the locale changed") {
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1, "en-US"));
  auto translated = page;
  const char* german[] = {"Abbrechen", "Speichern", "Hilfe"};
  for (int i = 0; i < 3; ++i) translated[i].text = translated[i].name = german[i];
  for (auto& d : translated) d.heading = "Neues Projekt";
  cl::MatchResult r = matcher.match(translated, "de-DE");
  CHECK(r.match == 1u);
  // Without the locale change the same page is not convincing: all text differs.
  CHECK_FALSE(matcher.match(translated, "en-US").match);
}

TEST_CASE("a deleted target is not found, not replaced by a neighbour") {
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1));
  auto without = page;
  without.erase(without.begin() + 1);
  without[1].index = 1;  // Help moved into Save's slot
  cl::MatchResult r = matcher.match(without, "en-US");
  CHECK_FALSE(r.match);
  CHECK(r.reason == cl::MatchReason::not_convincing);
}

TEST_CASE("identical twins are ambiguous, not guessed") {
  auto page = toolbar_page();
  cl::Fingerprint f = capture(page, 1);
  f.element.rect = {};  // no position to tell them apart
  f.element.has_rect = false;
  cl::Matcher matcher(f);
  auto twins = page;
  twins.push_back(page[1]);
  cl::MatchResult r = matcher.match(twins, "en-US");
  CHECK_FALSE(r.match);
  CHECK(r.reason == cl::MatchReason::ambiguous);
}

TEST_CASE("a decoy with the same text elsewhere loses to the original place") {
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1));
  auto with_decoy = page;
  cl::ElementDescriptor decoy = page[1];
  decoy.ancestors = {level("div", {"callout"}), level("aside"), level("body")};
  decoy.heading = "Tips";
  decoy.neighbors = {"Tip of the day"};
  decoy.rect = {900, 700, 80, 32};
  with_decoy.insert(with_decoy.begin(), decoy);
  CHECK(matcher.match(with_decoy, "en-US").match == 2u);
}

TEST_CASE("rare values weigh more than values many candidates share") {
  // Target: the row whose neighbours say "Invoice 7"; every row has an "Edit" link.
  std::vector<cl::ElementDescriptor> rows;
  for (int i = 0; i < 10; ++i) {
    cl::ElementDescriptor d;
    d.tag = "a";
    d.text = d.name = "Edit";
    d.attributes = {{"href", numbered("/invoices/", i) + "/edit"}};
    d.ancestors = {level("td"), level("tr", {}, {}, i), level("tbody"), level("table"), level("body")};
    d.neighbors = {numbered("Invoice ", i), "Delete"};
    rows.push_back(d);
  }
  cl::Matcher matcher(capture(rows, 7));
  auto shuffled = rows;
  std::swap(shuffled[7], shuffled[2]);
  for (int i = 0; i < 10; ++i) shuffled[static_cast<std::size_t>(i)].ancestors[1].index = i;
  CHECK(matcher.match(shuffled, "en-US").match == 2u);
}

TEST_CASE("absent on both sides is not agreement") {
  // The target has only a tag; a candidate with the same tag must not look like
  // a perfect match merely because both lack everything else.
  cl::Fingerprint f;
  f.element.tag = "span";
  cl::Matcher matcher(f);
  cl::ElementDescriptor s;
  s.tag = "span";
  std::vector<cl::ElementDescriptor> page(3, s);
  cl::MatchResult r = matcher.match(page, "");
  CHECK_FALSE(r.match);
}

TEST_CASE("huge pages stay linear and capped inputs still match") {
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1));
  std::vector<cl::ElementDescriptor> big;
  for (int i = 0; i < 5000; ++i) {
    cl::ElementDescriptor d = page[3];
    d.text = numbered("Row ", i);
    d.ancestors.assign(32, level("div", {"css-x1y2z3"}));
    big.push_back(d);
  }
  big.push_back(page[1]);
  cl::MatchResult r = matcher.match(big, "en-US");
  CHECK(r.match == 5000u);
}

TEST_CASE("scores explain every candidate") {
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1));
  std::vector<double> scores = matcher.scores(page, "en-US");
  REQUIRE(scores.size() == page.size());
  CHECK(scores[1] == Approx(1.0));
  for (std::size_t i = 0; i < scores.size(); ++i) {
    CHECK(scores[i] >= 0.0);
    if (i != 1) CHECK(scores[i] < scores[1]);
  }
}

TEST_CASE("a page whose class names were all regenerated is judged without classes") {
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1));
  auto rebuilt = rebuilt_toolbar_page(page);
  cl::MatchResult r = matcher.match(rebuilt, "en-US");
  CHECK(r.match == 1u);
  // While the page still uses the capture's class names, a target without its
  // own is less likely to be it: the same candidates are not convincing.
  rebuilt[0].classes.push_back("btn");
  CHECK_FALSE(matcher.match(rebuilt, "en-US").match);
}

TEST_CASE("on a rebuilt page another button in a deleted target's place is refused") {
  // Same tag, type, regenerated classes, toolbar, heading, neighbours and slot as
  // Save: only what names it differs. Dropping the classes must not make it Save.
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1));
  auto rebuilt = rebuilt_toolbar_page(page);
  cl::ElementDescriptor other = rebuilt[0];
  other.text = other.name = "Export";
  other.rect = rebuilt[1].rect;
  other.index = rebuilt[1].index;
  rebuilt[1] = other;
  cl::MatchResult r = matcher.match(rebuilt, "en-US");
  CHECK_FALSE(r.match);
  CHECK(r.reason == cl::MatchReason::not_convincing);
}

TEST_CASE("an id rescoped by the build with a generated suffix still identifies") {
  auto page = toolbar_page();
  page[1].id = "save-project";
  cl::Matcher matcher(capture(page, 1));
  auto redesigned = page;
  regenerate_hashes(redesigned);
  redesigned[1].id = "save-project-css-r4ji";
  redesigned[1].text = redesigned[1].name = "Save now";
  redesigned[1].classes = {"css-r5kq2z"};
  std::swap(redesigned[1].rect, redesigned[2].rect);
  CHECK(matcher.match(redesigned, "en-US").match == 1u);
  // A worded addition names another control: with Save gone, "save-project-draft" is refused.
  redesigned[1].id = "save-project-draft";
  redesigned[1].text = redesigned[1].name = "Save draft";
  CHECK_FALSE(matcher.match(redesigned, "en-US").match);
}

namespace {

// An inbox: a "Not starred" star per row (twins), rows told apart by their
// neighbours (date, sender, subject) and their read/unread class.
std::vector<cl::ElementDescriptor> inbox_stars() {
  static const char* kSenders[] = {"Ada Lovelace", "Alan Turing", "Grace Hopper", "Ken Thompson"};
  std::vector<cl::ElementDescriptor> rows;
  for (int i = 0; i < 12; ++i) {
    cl::ElementDescriptor star;
    star.tag = "button";
    star.role = "button";
    star.name = "Not starred";
    star.attributes = {{"aria-label", "Not starred"}, {"type", "button"}};
    star.classes = {"icon-btn"};
    star.rect = {40, 200.0 + 40 * i, 32, 32};
    star.has_rect = true;
    star.ancestors = {level("td"), level("tr", {"mail-row", i % 3 ? "read" : "unread"}, {}, i),
                      level("tbody"), level("table", {"mail-list"}), level("body")};
    star.neighbors = {numbered("Nov ", i + 1), kSenders[i % 4], numbered("Subject ", i)};
    rows.push_back(star);
  }
  return rows;
}

// A design-system migration: every class renamed, the same way on every row.
void migrate_classes(std::vector<cl::ElementDescriptor>& page) {
  rename_all_classes(page, [](std::string& c) { c = "ds-" + c + "-v2"; });
}

}  // namespace

TEST_CASE("after a class migration twins are still told apart by their row") {
  auto page = inbox_stars();
  cl::Matcher matcher(capture(page, 6));
  auto migrated = page;
  migrate_classes(migrated);
  cl::MatchResult r = matcher.match(migrated, "en-US");
  CHECK(r.match == 6u);
  CHECK(r.reason == cl::MatchReason::matched);
}

TEST_CASE("after a class migration a deleted row's twin sharing a date by chance is refused") {
  // Row 6 is deleted. Rows 2 and 10 share its sender, and row 10 happens to
  // share its date too. With the classes gone, that one neighbour text more than
  // the next twin is all that lifts row 10's star: chance, not the same row.
  auto page = inbox_stars();
  cl::Matcher matcher(capture(page, 6));
  auto migrated = page;
  migrated[10].neighbors[0] = page[6].neighbors[0];
  migrate_classes(migrated);
  migrated.erase(migrated.begin() + 6);
  cl::MatchResult r = matcher.match(migrated, "en-US");
  CHECK_FALSE(r.match);
  CHECK(r.reason == cl::MatchReason::ambiguous);
  REQUIRE(r.best);
  CHECK(*r.best == 9u);  // row 10, one place up after the deletion
  CHECK(r.confidence >= 0.7);
}

namespace {

// The sliced match of `page`, `max_rows` a step; every step but the last
// answers nothing.
cl::MatchResult match_in_slices(cl::Matcher& matcher, const std::vector<cl::ElementDescriptor>& page,
                                std::size_t max_rows, std::string_view locale = "en-US") {
  matcher.begin(page, locale);
  for (std::size_t steps = 0; steps <= 4 * page.size() + 8; ++steps) {
    if (std::optional<cl::MatchResult> r = matcher.step(page, max_rows)) return *r;
  }
  FAIL("the sliced match never answered");
  return {};
}

void require_same(const cl::MatchResult& a, const cl::MatchResult& b) {
  CHECK(a.match == b.match);
  CHECK(a.best == b.best);
  CHECK(a.runner_up == b.runner_up);
  CHECK(a.confidence == b.confidence);  // bit for bit: the same arithmetic in the same order
  CHECK(a.runner_up_confidence == b.runner_up_confidence);
  CHECK(a.reason == b.reason);
}

// Pages and targets covering each path: a plain match, a rebuilt page (classes
// dropped), twins told apart by their row, a deleted row's twin refused, a
// translated page, no candidates.
struct SlicedCase {
  const char* name;
  std::vector<cl::ElementDescriptor> captured;
  std::size_t target;
  std::vector<cl::ElementDescriptor> page;
  std::string locale = "en-US";
};

std::vector<SlicedCase> sliced_cases() {
  std::vector<SlicedCase> cases;
  auto toolbar = toolbar_page();
  cases.push_back({"unchanged", toolbar, 1, toolbar});
  cases.push_back({"rebuilt", toolbar, 1, rebuilt_toolbar_page(toolbar)});
  cases.push_back({"translated", toolbar, 1, toolbar, "de-DE"});
  auto deleted = toolbar;
  deleted.erase(deleted.begin() + 1);
  cases.push_back({"deleted", toolbar, 1, deleted});
  auto inbox = inbox_stars();
  auto migrated = inbox;
  migrate_classes(migrated);
  cases.push_back({"twins", inbox, 6, migrated});
  auto chance = migrated;
  chance[10].neighbors[0] = inbox[6].neighbors[0];
  chance.erase(chance.begin() + 6);
  cases.push_back({"twin by chance", inbox, 6, chance});
  cases.push_back({"no candidates", toolbar, 1, {}});
  return cases;
}

}  // namespace

TEST_CASE("a match in slices answers what the one-shot match does, for every slice size") {
  for (const SlicedCase& c : sliced_cases()) {
    INFO(c.name);
    cl::Matcher matcher(capture(c.captured, c.target));
    const cl::MatchResult whole = matcher.match(c.page, c.locale);
    for (std::size_t rows = 1; rows <= c.page.size() + 2; ++rows) {
      INFO("max_rows " << rows);
      require_same(match_in_slices(matcher, c.page, rows, c.locale), whole);
    }
  }
}

TEST_CASE("small slices take several steps, and a huge page several more") {
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1));
  matcher.begin(page, "en-US");
  CHECK_FALSE(matcher.step(page, 1));
  std::vector<cl::ElementDescriptor> big;
  for (int i = 0; i < 3000; ++i) {
    cl::ElementDescriptor d = page[3];
    d.text = numbered("Row ", i);
    big.push_back(d);
  }
  big.push_back(page[1]);
  const cl::MatchResult whole = matcher.match(big, "en-US");
  matcher.begin(big, "en-US");
  int steps = 1;
  std::optional<cl::MatchResult> r;
  while (!(r = matcher.step(big, 500))) ++steps;
  CHECK(steps >= 6);  // 3,001 candidates' cheap signals alone take 7 slices of 500
  require_same(*r, whole);
  CHECK(r->match == 3000u);
}

TEST_CASE("a page changed between slices starts the match over, never mixes the two") {
  auto page = toolbar_page();
  cl::Matcher matcher(capture(page, 1));
  auto rebuilt = rebuilt_toolbar_page(page);
  auto deleted = page;
  deleted.erase(deleted.begin() + 1);
  const cl::MatchResult on_rebuilt = matcher.match(rebuilt, "en-US");
  const cl::MatchResult on_deleted = matcher.match(deleted, "en-US");
  for (std::size_t first_steps = 1; first_steps <= 8; ++first_steps) {
    INFO("steps on the first page " << first_steps);
    matcher.begin(deleted, "en-US");
    bool answered = false;
    for (std::size_t k = 0; k < first_steps && !answered; ++k) answered = matcher.step(deleted, 3).has_value();
    // The rest on another page: the answer is that page's alone.
    std::optional<cl::MatchResult> r;
    for (int k = 0; k < 200 && !r; ++k) r = matcher.step(rebuilt, 3);
    REQUIRE(r);
    require_same(*r, on_rebuilt);
    // And back: a page of another size or place in memory starts over again.
    r.reset();
    for (int k = 0; k < 200 && !r; ++k) r = matcher.step(deleted, 3);
    REQUIRE(r);
    require_same(*r, on_deleted);
  }
}

TEST_CASE("a one-shot match between slices abandons them; the next step starts over") {
  auto captured = toolbar_page();
  cl::Matcher matcher(capture(captured, 1));
  auto page = captured;
  page.erase(page.begin() + 1);  // the best is a look-alike, scored differently per language
  const cl::MatchResult in_english = matcher.match(page, "en-US");
  const cl::MatchResult in_german = matcher.match(page, "de-DE");
  REQUIRE(in_german.confidence != in_english.confidence);
  matcher.begin(page, "en-US");
  CHECK_FALSE(matcher.step(page, 2));
  require_same(matcher.match(page, "de-DE"), in_german);  // same page, another locale
  std::optional<cl::MatchResult> r;
  for (int k = 0; k < 200 && !r; ++k) r = matcher.step(page, 2);
  REQUIRE(r);
  require_same(*r, in_english);
}

// What the editor tells the author about a picked target (docs/editor-bridge.md,
// "anchors" and "look_alikes"): the values the matcher relies on, and the
// elements only context tells from it.
namespace {

std::vector<std::string> anchor_kinds(const cl::Matcher& matcher) {
  std::vector<std::string> kinds;
  for (const cl::Anchor& a : matcher.anchors()) kinds.emplace_back(a.kind);
  return kinds;
}

}  // namespace

TEST_CASE("a test id, a worded id and a name attribute anchor a target; a generated id does not") {
  auto page = toolbar_page();
  page[1].id = "save-project";
  page[1].attributes.push_back({"data-testid", "save"});
  page[1].attributes.push_back({"name", "save"});
  page[0].id = ":r3:";  // Cancel: React's generated id
  cl::Matcher save(capture(page, 1));
  REQUIRE(save.match(page, "en-US").match == 1u);
  REQUIRE(save.anchors().size() == 3);
  CHECK(save.anchors()[0].kind == "test_id");
  CHECK(save.anchors()[0].value == "save");
  CHECK(save.anchors()[1].kind == "id");
  CHECK(save.anchors()[1].value == "save-project");
  CHECK(save.anchors()[2].kind == "name");

  cl::Matcher cancel(capture(page, 0));
  REQUIRE(cancel.match(page, "en-US").match == 0u);
  CHECK(cancel.anchors().empty());
  cl::Matcher help(capture(page, 2));  // text, classes and place only
  REQUIRE(help.match(page, "en-US").match == 2u);
  CHECK(help.anchors().empty());
}

TEST_CASE("a value other elements of the page share anchors none of them") {
  // Every row's link carries the same test id and name; only the id is its own.
  std::vector<cl::ElementDescriptor> rows;
  for (int i = 0; i < 4; ++i) {
    cl::ElementDescriptor d;
    d.tag = "a";
    d.text = d.name = "Edit";
    d.id = numbered("edit-invoice-", i);
    d.attributes = {{"data-testid", "row-edit"}, {"name", "edit"}};
    d.ancestors = {level("td"), level("tr", {}, {}, i), level("table"), level("body")};
    d.neighbors = {numbered("Invoice ", i)};
    rows.push_back(d);
  }
  cl::Matcher matcher(capture(rows, 2));
  REQUIRE(matcher.match(rows, "en-US").match == 2u);
  CHECK(anchor_kinds(matcher) == std::vector<std::string>{"id"});
  // Judged on the page scored last: alone on the page, the test id names it.
  std::vector<cl::ElementDescriptor> alone = {rows[2]};
  REQUIRE(matcher.match(alone, "en-US").match == 0u);
  CHECK(anchor_kinds(matcher) == std::vector<std::string>{"test_id", "id", "name"});
}

TEST_CASE("look-alikes are the elements only context tells from the best") {
  SECTION("a star per inbox row: every other row's star") {
    auto page = inbox_stars();
    cl::Matcher matcher(capture(page, 6));
    cl::MatchResult r = matcher.match(page, "en-US");
    REQUIRE(r.match == 6u);
    CHECK(matcher.look_alikes(*r.best) == 11);
    CHECK(matcher.anchors().empty());
  }
  SECTION("a toolbar of differently named buttons: none") {
    auto page = toolbar_page();
    cl::Matcher matcher(capture(page, 1));
    cl::MatchResult r = matcher.match(page, "en-US");
    REQUIRE(r.best == 1u);
    CHECK(matcher.look_alikes(1) == 0);
  }
  SECTION("twins that differ in a test id are told apart by it, not by context") {
    auto page = inbox_stars();
    for (std::size_t i = 0; i < page.size(); ++i) {
      page[i].attributes.push_back({"data-testid", numbered("star-", static_cast<int>(i))});
    }
    cl::Matcher matcher(capture(page, 6));
    cl::MatchResult r = matcher.match(page, "en-US");
    REQUIRE(r.match == 6u);
    CHECK(matcher.look_alikes(6) == 0);
    CHECK(anchor_kinds(matcher) == std::vector<std::string>{"test_id"});
  }
  SECTION("a partial look-alike (\"Save draft\") is told apart by its text") {
    auto page = toolbar_page();
    page.push_back(button("Save draft", 400, 3));
    cl::Matcher matcher(capture(page, 1));
    REQUIRE(matcher.match(page, "en-US").match == 1u);
    CHECK(matcher.look_alikes(1) == 0);
  }
}
