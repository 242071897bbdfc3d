// cairn_version(): which core modules this build carries, so the adapter (and a
// developer in the console) can tell a partial build from a full one.
#include "bridge/bridge_buffer.h"

#include <emscripten/emscripten.h>

#include <string>

extern "C" EMSCRIPTEN_KEEPALIVE int cairn_version() {
  std::string modules = "[\"json\"";
#ifdef CAIRN_HAS_PLACEMENT
  modules += ",\"placement\"";
#endif
#ifdef CAIRN_HAS_SESSION
  modules += ",\"session\"";
#endif
#ifdef CAIRN_HAS_LOCATOR
  modules += ",\"locator\"";
#endif
#ifdef CAIRN_HAS_RECORDER
  modules += ",\"recorder\"";
#endif
  modules += "]";
  cairn::wasm::set_result("{\"version\":\"" CAIRN_VERSION "\",\"modules\":" + modules + "}");
  return 0;
}
