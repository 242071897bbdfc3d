// The page the locator bridge holds (cairn_page_load in locator_export.cpp):
// the candidates of the last packed page the adapter loaded. The editor's
// check (editor_export.cpp) reads the same page, so the SDK has one page
// encoding and the check sees exactly what guides locate against.
//
// Threading: the browser's one thread; a load in progress replaces it when done.
#pragma once

#include "locator/element_descriptor.h"

#include <vector>

namespace cairn::wasm {

// Empty until a load completes (and after a malformed one).
std::vector<cairn::locator::ElementDescriptor>& loaded_page();

}  // namespace cairn::wasm
