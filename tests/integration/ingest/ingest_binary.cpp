#include "collector_process.h"

namespace cairn::testing {

// Set by CMake: the cairn-collector built in this tree.
std::string ingest_binary() { return CAIRN_COLLECTOR_BINARY; }

}  // namespace cairn::testing
