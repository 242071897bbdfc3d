// Redesign simulator: the changes a host app's engineers ship between the day a
// guide was authored and the day it runs, applied to a Page. Each kind is one
// realistic change; `combined` is a typical release that does several at once.
#pragma once

#include "page_tree.h"

#include <cstddef>
#include <random>
#include <string_view>
#include <vector>

namespace cairn::bench {

enum class Redesign {
  class_hashes,  // CSS-in-JS rebuild: every hashed class changes
  wrappers,      // wrapper elements added around / removed above the target
  siblings,      // siblings inserted before the target and reordered
  decoys,        // look-alike copies of the target elsewhere and next to it
  text_edit,     // the target's wording changed ("Save" -> "Save changes")
  translation,   // the whole UI switched language (page locale changes)
  id_change,     // ids renamed across the page
  tag_swap,      // div -> button, a -> button, button -> a, input type changed
  responsive,    // mobile layout: columns stacked, regions reordered, navs hidden
  deletion,      // the target is gone: the right answer is "not found"
  combined,      // hashes + wrappers + siblings + sometimes text and ids
  // Kinds added later, kept after the others (see kFirstRedesignKinds).
  class_rebuild,           // design-system migration: every class renamed, new wrappers and siblings
  id_rescope,              // ids scoped by the build ("save" -> "save-css-252vx"), UI translated
  class_rebuild_deletion,  // class rebuild and the target gone: the answer is "not found"
};

// The kinds of the benchmark's first version: they share one random stream, kinds
// added later each draw from a stream of their own, so adding a kind leaves the
// published results of the others unchanged.
inline constexpr std::size_t kFirstRedesignKinds = 11;

const std::vector<Redesign>& all_redesigns();
std::string_view redesign_name(Redesign kind);

// Applies `kind` to `page`, aimed at the element numbered `target`. Returns
// false when the target no longer exists afterwards (deletion).
bool apply_redesign(Page& page, int target, Redesign kind, std::mt19937_64& rng);

}  // namespace cairn::bench
