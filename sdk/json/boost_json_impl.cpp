// Boost.JSON compiled into the core once, header-only style, so the native and
// the Emscripten builds use the same code and neither links a prebuilt library.
#include <boost/json/src.hpp>
