// cairn_guides_load(): a packed guide list (guide/guide_pack.h) into the core
// for the call that runs it next (loaded_guides.h):
//   (bytes, length) → {"guides": n}
// or, when the reader refuses the bytes (truncated, corrupt, another
// kPackVersion), {"guides": 0, "problems": [{"pointer": "/guides", "reason"}]}
// with the reader's reason; nothing is loaded then.
//
// cairn_pack_version(): the newest packed version that reader takes
// (kPackVersion). The adapter asks the collector and the editor for this
// version, so a cairn.wasm from another build than the cairn.js loading it is
// never sent a version it cannot read.
#include "bridge/bridge_buffer.h"
#include "bridge/loaded_guides.h"
#include "guide/guide_pack.h"
#include "json/compact_writer.h"
#include "json/writer.h"

#include <emscripten/emscripten.h>

#include <string>
#include <utility>

namespace cairn::wasm {
namespace {

std::vector<guide::Guide>& loaded_guides() {
  static std::vector<guide::Guide> guides;
  return guides;
}

}  // namespace

std::vector<guide::Guide> take_loaded_guides() { return std::exchange(loaded_guides(), {}); }

std::optional<guide::Guide> take_loaded_guide(json::Problems& problems) {
  std::vector<guide::Guide> guides = take_loaded_guides();
  if (guides.size() != 1) {
    problems.add("/guides", "must be one packed guide, not " + json::integer_text(guides.size()));
    return std::nullopt;
  }
  return std::move(guides.front());
}

}  // namespace cairn::wasm

extern "C" EMSCRIPTEN_KEEPALIVE int cairn_guides_load(const char* data, int length) {
  std::string error;
  std::optional<std::vector<cairn::guide::Guide>> guides =
      cairn::guide::unpack_guides(cairn::wasm::input(data, length), error);
  cairn::wasm::loaded_guides() = guides ? std::move(*guides) : std::vector<cairn::guide::Guide>();
  boost::json::object out;
  cairn::json::put_value(out, "guides", cairn::wasm::loaded_guides().size());
  if (!guides) {
    cairn::json::Problems problems;
    problems.add("/guides", error);
    out["problems"] = problems.to_json();
  }
  cairn::wasm::set_result(cairn::json::to_text(out));
  return guides ? 0 : 1;
}

extern "C" EMSCRIPTEN_KEEPALIVE int cairn_pack_version() { return cairn::guide::kPackVersion; }
