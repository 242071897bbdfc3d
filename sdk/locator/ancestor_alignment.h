// Comparing two ancestor chains while tolerating wrappers that a redesign added
// or removed. Each target level is reduced to its stable parts (tag, stable id,
// role, stable classes, sibling index); the chains are aligned as a weighted longest common subsequence, so a
// wrapper inserted between two levels costs nothing and a removed level costs
// only its own weight. Levels near the element weigh more than far ones.
//
// Threading: pure functions.
#pragma once

#include "locator/element_descriptor.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::locator {

// Levels compared per chain; farther levels rarely decide between candidates and
// the alignment is quadratic in these (both small constants, so linear overall).
inline constexpr std::size_t kAlignedTargetLevels = 12;
inline constexpr std::size_t kAlignedCandidateLevels = 16;

// A target level with generated ids and classes left out. Candidates' levels are
// compared as they come: the question is only whether the target's stable values
// are present, so a candidate's generated values need no classifying.
struct LevelKey {
  std::string tag;
  std::string id;  // "" when absent or generated
  std::string role;
  std::vector<std::string> classes;  // stable classes only
  int index = 0;                     // among same-tag siblings
};

// A caller's test of class names, borrowed for one call: the callable must
// outlive the predicate. Not std::function, whose copying and type erasure
// cost the WASM more than this one call needs.
class ClassPredicate {
 public:
  template <class F>
  ClassPredicate(const F& f)  // implicit: callers pass a lambda as it is
      : callable_(&f), call_([](const void* c, const std::string& name) {
          return static_cast<bool>((*static_cast<const F*>(c))(name));
        }) {}
  bool operator()(const std::string& name) const { return call_(callable_, name); }

 private:
  const void* callable_;
  bool (*call_)(const void*, const std::string&);
};

// Keys of the first kAlignedTargetLevels levels: ids that look generated are
// dropped, and classes for which `class_is_generated` holds.
std::vector<LevelKey> target_level_keys(const std::vector<AncestorLevel>& levels,
                                        ClassPredicate class_is_generated);

// Similarity in [0, 1] of a candidate chain to the target chain: 1 when every
// target level finds an identical level in order. Empty target chain → 1.
// Without `use_classes` the target's classes are left out (a page whose class
// names were all regenerated). Allocates nothing; cost is bounded by the two level caps.
double align_ancestor_chains(const std::vector<LevelKey>& target,
                             const std::vector<AncestorLevel>& candidate, bool use_classes = true);

}  // namespace cairn::locator
