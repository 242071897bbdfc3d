// Clipping strings to a byte budget without splitting a UTF-8 code point: the
// core's one clip_utf8 (json/utf8.h), by the name the locator's codecs use.
#pragma once

#include "json/utf8.h"

namespace cairn::locator {

using json::clip_utf8;

}  // namespace cairn::locator
