// The guides the adapter loaded last (cairn_guides_load in guides_export.cpp),
// for the call that runs them: the session's start takes every published
// guide, its preview and the editor's check take the one draft guide.
//
// Why bytes beside the JSON inputs: guides reach the SDK in the packed form
// (guide/guide_pack.h), which the collector writes after its JSON codec has
// accepted each guide, so the SDK links a small bounds-checked reader instead
// of that codec. Loading is a call of its own so the adapter can tell a
// refused list (a corrupt cached copy, say) before anything runs it.
//
// Threading: the browser's one thread, like loaded_page.h.
#pragma once

#include "guide/guide.h"
#include "json/problems.h"

#include <optional>
#include <vector>

namespace cairn::wasm {

// The loaded guides, leaving none: each load runs once. Empty when nothing
// was loaded or the last load was refused.
std::vector<guide::Guide> take_loaded_guides();

// The one loaded guide (a preview or a check is about one draft), or nullopt
// with a problem at "/guides" when the load held another number of guides.
std::optional<guide::Guide> take_loaded_guide(json::Problems& problems);

}  // namespace cairn::wasm
