// The SDK's own words: what the SDK draws or announces around the author's
// content ("Submit", the NPS scale's ends, the close button's label, "Step 2
// of 4" for a screen reader). A guide may give them per locale in `ui_text`
// (docs/guide-format.md "The SDK's words") so a German guide does not show an
// English "Submit". The built-in English texts live in the adapter, which
// draws them; the core only validates, packs and picks the translations.
//
// Threading: constants and pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::guide {

// A word's text: 1 to this many bytes ("Schritt {n} von {total}" fits many times).
inline constexpr std::size_t kMaxUiTextBytes = 128;
// The longest key of kUiWords, the packed reader's bound on a key.
inline constexpr std::size_t kMaxUiWordKeyBytes = 24;

// One word the SDK shows. `placeholders` lists the `{name}`s its text takes,
// each of which a translation must keep (the SDK fills them in).
struct UiWord {
  std::string_view key;
  std::string_view placeholders[2];
};

// The fixed set, in the order of docs/guide-format.md.
inline constexpr UiWord kUiWords[] = {
    {"close", {}},                       // the close button's label ("Close")
    {"submit", {}},                      // a survey's submit button ("Submit")
    {"nps_low", {}},                     // NPS scale, at 0 ("Not likely")
    {"nps_high", {}},                    // NPS scale, at 10 ("Very likely")
    {"step_of", {"{n}", "{total}"}},     // announced for a step ("Step {n} of {total}")
    {"guide", {}},                       // one-step guide, no focus taken ("Guide: title")
    {"open_hint", {}},                   // a hotspot's button ("Open hint")
    {"help", {}},                        // a launcher without a title ("Help")
    {"progress", {"{done}", "{total}"}}, // a checklist's bar ("{done} of {total} done")
    {"item_done", {"{item}"}},           // a ticked checklist item ("{item} (done)")
};

// The word named `key`, or nullptr when there is none.
const UiWord* find_ui_word(std::string_view key);

// Why `text` cannot be `word`'s text (a placeholder lost or unknown), or
// nullopt when it can. The length is the caller's check.
std::optional<std::string> ui_text_problem(const UiWord& word, std::string_view text);

}  // namespace cairn::guide
