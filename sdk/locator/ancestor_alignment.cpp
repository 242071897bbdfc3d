#include "locator/ancestor_alignment.h"

#include "locator/generated_class.h"

#include <algorithm>
#include <array>

namespace cairn::locator {

namespace {

constexpr double kTagWeight = 1.0;
constexpr double kIdWeight = 2.0;
constexpr double kClassWeight = 1.5;
constexpr double kRoleWeight = 0.5;
// Position among same-tag siblings tells apart repeated containers (board
// columns, cards, table rows); small, since inserted siblings shift it.
constexpr double kIndexWeight = 0.5;

// Levels compared only within this shift of each other: a redesign adds or
// removes a few wrappers, not dozens; it also halves the comparisons.
constexpr std::size_t kMaxLevelShift = 4;

double level_similarity(const LevelKey& t, const AncestorLevel& c, bool use_classes) {
  const bool same_tag = t.tag == c.tag;
  const bool classes = use_classes && !t.classes.empty();
  // A level whose tag differs only aligns when something distinctive agrees.
  if (!same_tag && t.id.empty() && !classes) return 0.0;
  double score = same_tag ? kTagWeight : 0.0;
  double total = kTagWeight + kIndexWeight;
  if (t.index == c.index) score += kIndexWeight;
  if (!t.id.empty()) {
    total += kIdWeight;
    if (t.id == c.id) score += kIdWeight;
  }
  if (classes) {
    total += kClassWeight;
    std::size_t found = 0;
    for (const std::string& k : t.classes) {
      if (std::find(c.classes.begin(), c.classes.end(), k) != c.classes.end()) ++found;
    }
    score += kClassWeight * static_cast<double>(found) / static_cast<double>(t.classes.size());
  }
  if (!t.role.empty()) {
    total += kRoleWeight;
    if (t.role == c.role) score += kRoleWeight;
  }
  if (!same_tag && score - (t.index == c.index ? kIndexWeight : 0.0) < kIdWeight * 0.5) {
    return 0.0;
  }
  return score / total;
}

double level_weight(std::size_t depth) { return 1.0 / (1.0 + 0.25 * static_cast<double>(depth)); }

}  // namespace

std::vector<LevelKey> target_level_keys(const std::vector<AncestorLevel>& levels,
                                        ClassPredicate class_is_generated) {
  std::vector<LevelKey> out;
  const std::size_t n = std::min(levels.size(), kAlignedTargetLevels);
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const AncestorLevel& l = levels[i];
    LevelKey k;
    k.tag = l.tag;
    if (!looks_generated_id(l.id)) k.id = l.id;
    k.role = l.role;
    k.index = l.index;
    for (const std::string& c : l.classes) {
      if (!class_is_generated(c)) k.classes.push_back(c);
    }
    out.push_back(std::move(k));
  }
  return out;
}

double align_ancestor_chains(const std::vector<LevelKey>& target,
                             const std::vector<AncestorLevel>& candidate, bool use_classes) {
  const std::size_t n = std::min(target.size(), kAlignedTargetLevels);
  const std::size_t m = std::min(candidate.size(), kAlignedCandidateLevels);
  if (n == 0) return 1.0;
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) total += level_weight(i);
  if (m == 0) return 0.0;
  // best[i][j]: best weighted alignment of the first i target and j candidate levels.
  std::array<std::array<double, kAlignedCandidateLevels + 1>, kAlignedTargetLevels + 1> best{};
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      double skip = std::max(best[i - 1][j], best[i][j - 1]);
      const std::size_t shift = i > j ? i - j : j - i;
      double sim = shift <= kMaxLevelShift
                       ? level_similarity(target[i - 1], candidate[j - 1], use_classes)
                       : 0.0;
      double take = sim > 0 ? best[i - 1][j - 1] + level_weight(i - 1) * sim : 0.0;
      best[i][j] = std::max(skip, take);
    }
  }
  return best[n][m] / total;
}

}  // namespace cairn::locator
