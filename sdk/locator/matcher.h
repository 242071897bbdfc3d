// Matcher: finds a fingerprint's element among the current page's candidates,
// or says it is not there.
//
// Every candidate gets a confidence in [0, 1]: a weighted average of signal
// similarities (tag, role, id, test ids, identity attributes, stable classes,
// text, accessible name, label, heading, neighbour texts, ancestor chain,
// sibling index, position, size, visibility). Weights are scaled by how rare the
// target's value is on this page (a value many candidates share says little),
// signals the target lacks are left out (absent on both sides is not agreement),
// text signals weigh less when the page's language differs from the capture's,
// and a candidate that agrees with none of the target's identifying values
// (id, test id, name, text, label...) is discounted, so a look-alike sibling of
// a deleted target is not taken for it. When no candidate carries any of the
// capture's stable class names, the page's classes were regenerated and classes
// are left out; an id that only gained a generated part counts as most of a match,
// and twins (the best two alike in all that names them) must then be told apart
// by more than one shared neighbour text.
// When the target's text is shared by
// other candidates (an "Edit" link per table row), neighbour texts decide. The
// best candidate is returned only when its confidence reaches `min_confidence`
// and beats the runner-up by `min_margin`; otherwise the answer is "not found"
// with the reason. docs/locator.md explains each choice and its measurement.
//
// Cost: linear in the number of candidates. Cheap signals are scored for every
// candidate; the ancestor alignment and neighbour texts only for candidates
// whose upper bound can still reach the best two (branch and bound, exact).
// begin()/step() run the same scoring in slices whose state the Matcher keeps,
// so a large page never needs one long call.
//
// Threading: a Matcher is immutable after construction except for scratch
// buffers reused between calls, so use one Matcher per thread.
#pragma once

#include "locator/ancestor_alignment.h"
#include "locator/element_descriptor.h"
#include "locator/fingerprint.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::locator {

struct MatchOptions {
  double min_confidence = 0.7;  // below this the best candidate is not convincing
  double min_margin = 0.03;     // best minus runner-up below this is ambiguous
};

enum class MatchReason { matched, no_candidates, not_convincing, ambiguous };

// A value of the target that names it on its own: one a look-alike put in its
// place ("Save draft" where "Save" was) would not carry, so the matcher can
// refuse the look-alike (docs/locator.md, "look-alike deletion").
struct Anchor {
  std::string_view kind;   // "test_id", "id" or "name" (the name attribute)
  std::string_view value;  // the target's value; owned by the Matcher
};

// A target's anchors, at most one of each kind (a fixed list: no allocation,
// and less WASM than a vector's growth code).
struct Anchors {
  std::array<Anchor, 3> list{};
  std::size_t count = 0;
  const Anchor* begin() const { return list.data(); }
  const Anchor* end() const { return list.data() + count; }
  bool empty() const { return count == 0; }
  std::size_t size() const { return count; }
  const Anchor& operator[](std::size_t i) const { return list[i]; }
};

std::string_view match_reason_name(MatchReason reason);

struct MatchResult {
  std::optional<std::size_t> match;      // index into the candidates, or none
  double confidence = 0;                 // of the best candidate, even when not matched
  std::optional<std::size_t> best;       // the best candidate, matched or not
  std::optional<std::size_t> runner_up;  // second best, when there are two candidates
  double runner_up_confidence = 0;
  MatchReason reason = MatchReason::no_candidates;
};

class Matcher {
 public:
  // Prepares the target's normalised values once; `fingerprint` may be dropped
  // afterwards.
  explicit Matcher(const Fingerprint& fingerprint, MatchOptions options = {});
  ~Matcher();
  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;

  // Finds the fingerprint's element among `candidates` on a page whose locale is
  // `page_locale` ("" when unknown). Empty candidates → no_candidates.
  MatchResult match(std::span<const ElementDescriptor> candidates,
                    std::string_view page_locale) const;

  // Confidence of each candidate, for tests and tools ("why did it pick that?").
  std::vector<double> scores(std::span<const ElementDescriptor> candidates,
                             std::string_view page_locale) const;

  // The target's anchors the matcher relies on, judged on the page of the last
  // finished scoring (match(), scores() or the answering step()): its test id,
  // its id unless the id looks generated (the matcher gives those a fifth of
  // the weight), its name attribute, each only when no other candidate there
  // carries the same value (a test id on every row names none of them).
  // Test id first. REQUIRES: a scoring has finished since construction.
  Anchors anchors() const;

  // How many other candidates of that page only context tells from candidate
  // `best` (its MatchResult::best): named like it, as twins_too_close() judges
  // (the "Edit" link of every table row), so their neighbours and place decide.
  // REQUIRES: as anchors(), and `best` < the number of candidates scored.
  std::size_t look_alikes(std::size_t best) const;

  // match() in slices, so that no single call is long on a large page: begin(),
  // then step() until it returns the answer, which is the one match() gives.
  // Each step does about `max_rows` candidates' worth of scoring (at least one
  // candidate's). REQUIRES: the candidates stay unchanged from begin() to the
  // answer; step() given another span (another page) starts over on it, so an
  // answer never mixes two pages. A match() or scores() in between abandons the
  // slices (step() then starts over).
  void begin(std::span<const ElementDescriptor> candidates, std::string_view page_locale);
  std::optional<MatchResult> step(std::span<const ElementDescriptor> candidates,
                                  std::size_t max_rows);

 private:
  struct TextValue {
    std::string normalized;
    std::uint64_t hash = 0;
    std::vector<std::uint64_t> words;
    bool present() const { return !normalized.empty(); }
  };
  struct ExactValue {
    std::string value;
    bool present() const { return !value.empty(); }
  };
  struct Row;
  struct Scratch;

  // Scoring is a resumable state kept in the scratch: start() sets it up,
  // advance() scores about `rows` more candidates (at least one): their cheap
  // signals (pass 1), or, once every candidate has them, their exact score in
  // order of upper bound (pass 3; about as costly per candidate), and answers
  // true when the scoring is done.
  void start(std::span<const ElementDescriptor> candidates, std::string_view page_locale,
             bool exhaustive) const;
  bool advance(std::span<const ElementDescriptor> candidates, std::size_t rows) const;
  void bound_all(std::span<const ElementDescriptor> candidates) const;
  void score_cheap(std::span<const ElementDescriptor> candidates, std::size_t from,
                   std::size_t to) const;
  void weigh() const;
  void score_exact(const ElementDescriptor& candidate, std::size_t i) const;
  // After advance() answered true: the best, the runner-up and the verdict.
  MatchResult judge() const;

  static TextValue prepare_text(std::string_view raw);
  // After the scoring: true when the best two are twins told apart by less than
  // chance once classes were dropped (matcher.cpp says why).
  bool twins_too_close(std::size_t best, std::size_t second, double lead) const;
  // Two candidates' rows agree with the target in the same way on everything
  // that names an element (identity signals, tag, role, type), and on something.
  static bool named_alike(const Row& a, const Row& b);

  MatchOptions options_;
  std::string language_;
  std::string tag_;
  std::string role_;
  ExactValue id_;
  bool id_generated_ = false;
  ExactValue test_id_;
  ExactValue name_attribute_;
  ExactValue type_;
  ExactValue value_;
  ExactValue href_;
  TextValue aria_label_;
  TextValue placeholder_;
  TextValue title_;
  TextValue text_;
  TextValue accessible_name_;
  TextValue label_;
  TextValue heading_;
  std::vector<std::uint64_t> neighbor_words_;
  std::vector<std::string> neighbor_texts_;  // whole neighbour texts, as measured
  std::vector<std::string> stable_classes_;
  std::vector<LevelKey> ancestors_;
  // The stable class names of the capture's ancestors: when none of them nor of
  // the element's is left on the page, they were all regenerated (a CSS-in-JS
  // rebuild) and a missing class is no evidence.
  std::vector<std::string> class_vocabulary_;
  int index_ = 0;
  bool has_rect_ = false;
  Rect rect_;
  bool visible_ = true;

  // Buffers reused between calls so a lookup allocates (almost) nothing, and
  // the scoring in progress.
  mutable std::unique_ptr<Scratch> scratch_;
};

// The test-id attribute of a descriptor (data-testid, data-test, data-test-id,
// data-cy, data-qa, data-cairn-id, data-id, data-action: first present), or "".
std::string_view test_id_of(const ElementDescriptor& element);

}  // namespace cairn::locator
