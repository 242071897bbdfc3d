// cairn_place() / cairn_place_centered(): the core's placement for the adapter's
// floating boxes. Called on every scroll/resize frame while a step is anchored,
// so numbers go in as arguments and come out in a static array of doubles that
// JS reads as a Float64Array view — no JSON on this path.
#include "placement/placement.h"

#include <emscripten/emscripten.h>

namespace {

using cairn::placement::Placement;

// [side, x, y, arrow_offset (NaN if none), fits, target_visible]
double g_placement[6];

constexpr cairn::placement::PreferredSide kSides[] = {
    cairn::placement::PreferredSide::top, cairn::placement::PreferredSide::bottom,
    cairn::placement::PreferredSide::left, cairn::placement::PreferredSide::right,
    cairn::placement::PreferredSide::automatic};
constexpr cairn::placement::Alignment kAlignments[] = {cairn::placement::Alignment::start,
                                                       cairn::placement::Alignment::center,
                                                       cairn::placement::Alignment::end};

double* store(const Placement& p) {
  g_placement[0] = static_cast<double>(static_cast<int>(p.side));
  g_placement[1] = p.x;
  g_placement[2] = p.y;
  g_placement[3] = p.arrow_offset ? *p.arrow_offset : __builtin_nan("");
  g_placement[4] = p.fits ? 1 : 0;
  g_placement[5] = p.target_visible ? 1 : 0;
  return g_placement;
}

template <class T, int N>
T pick(const T (&table)[N], int index, T fallback) {
  return index >= 0 && index < N ? table[index] : fallback;
}

}  // namespace

extern "C" {

// side: 0 top, 1 bottom, 2 left, 3 right, 4 auto; align: 0 start, 1 center, 2 end;
// rtl: 0/1. Returns a pointer to the six doubles described above; the result
// side uses the core's Side order (top, bottom, left, right, center).
EMSCRIPTEN_KEEPALIVE double* cairn_place(double tx, double ty, double tw, double th, double bw,
                                         double bh, double vx, double vy, double vw, double vh,
                                         int side, int align, int rtl, double offset,
                                         double padding, double arrow_size,
                                         double arrow_padding) {
  cairn::placement::PlacementRequest request;
  request.target = {tx, ty, tw, th};
  request.box = {bw, bh};
  request.viewport = {vx, vy, vw, vh};
  request.side = pick(kSides, side, cairn::placement::PreferredSide::automatic);
  request.alignment = pick(kAlignments, align, cairn::placement::Alignment::center);
  request.direction =
      rtl != 0 ? cairn::placement::TextDirection::rtl : cairn::placement::TextDirection::ltr;
  request.offset = offset;
  request.padding = padding;
  request.arrow_size = arrow_size;
  request.arrow_padding = arrow_padding;
  return store(cairn::placement::compute_placement(request));
}

EMSCRIPTEN_KEEPALIVE double* cairn_place_centered(double bw, double bh, double vx, double vy,
                                                  double vw, double vh, double padding) {
  return store(cairn::placement::compute_centered({bw, bh}, {vx, vy, vw, vh}, padding));
}

}  // extern "C"
