// The one Emscripten name the bridge uses, for compiling it natively: the
// exports are plain C functions either way; only the WASM link keeps them.
#pragma once

#define EMSCRIPTEN_KEEPALIVE
