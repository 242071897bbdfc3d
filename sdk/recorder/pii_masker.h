// PiiMasker: keeps personal data out of recorded events before they are queued,
// persisted or sent. Two mechanisms:
//   - by key: properties/traits whose key is listed are dropped or replaced by
//     "[masked]" (keys compare case-insensitively, ignoring '_', '-', ' ' and
//     '.', so "credit_card", "creditCard" and "Credit-Card" are one key);
//   - by pattern: in every string value, email addresses become "[email]" and
//     payment card numbers (13-19 digits, optionally grouped by single spaces or
//     dashes, passing the Luhn check) become "[card]".
// One exception, chosen by the host: the traits it lists as unmasked (an
// identify's email, say) are sent as given by mask_traits(). Only top-level
// traits, only through mask_traits(): event properties, context and
// autocaptured texts stay masked whatever the list says.
// Hand-written scanners rather than std::regex: no exceptions, linear time on
// hostile input, and a few hundred bytes of WASM instead of tens of kilobytes.
//
// Threading: a PiiMasker is immutable after construction; its const methods may
// be called from any thread.
#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::recorder {

inline constexpr std::string_view kMaskedValue = "[masked]";
inline constexpr std::string_view kMaskedEmail = "[email]";
inline constexpr std::string_view kMaskedCard = "[card]";
// Objects nested deeper than this are replaced by "[masked]" whole: the masker
// never recurses without bound, and nobody needs 16 levels in an event.
inline constexpr std::size_t kMaxMaskDepth = 16;

struct MaskingRules {
  std::vector<std::string> drop_keys;  // Removed entirely.
  std::vector<std::string> mask_keys = {"password", "passwd",   "pwd",        "secret",
                                        "token",    "apikey",   "accesstoken", "authorization",
                                        "creditcard", "cardnumber", "cvv",     "cvc",
                                        "ssn",      "iban"};
  bool mask_emails = true;
  bool mask_card_numbers = true;
  // Top-level trait keys mask_traits() leaves as the host gave them (neither
  // by key nor by pattern); compared like the other keys. Empty by default.
  std::vector<std::string> unmasked_traits;
};

struct MaskingCounts {
  std::size_t dropped_keys = 0;
  std::size_t masked_keys = 0;
  std::size_t masked_texts = 0;  // String values in which a pattern was replaced.

  std::size_t total() const { return dropped_keys + masked_keys + masked_texts; }
};

class PiiMasker {
 public:
  explicit PiiMasker(const MaskingRules& rules = {});

  // Masks `object` in place: by key at every level, by pattern in every string
  // (array elements included). Adds what it did to `counts`.
  void mask_object(boost::json::object& object, MaskingCounts& counts) const;

  // mask_object() for an identify's or group's traits: those whose key is in
  // MaskingRules::unmasked_traits are kept whole, the others masked.
  void mask_traits(boost::json::object& traits, MaskingCounts& counts) const;

  // `text` with every email / card number replaced (as the rules enable).
  // Returns `text` unchanged when there is nothing to mask.
  std::string mask_text(std::string_view text) const;

  // True when `key` is configured to be dropped / masked.
  bool drops_key(std::string_view key) const;
  bool masks_key(std::string_view key) const;

 private:
  void mask_value(boost::json::value& value, std::size_t depth, MaskingCounts& counts) const;
  // `kept`: keys left as they are (the unmasked traits at the top level), or null.
  void mask_object_at(boost::json::object& object, std::size_t depth, MaskingCounts& counts,
                      const std::vector<std::string>* kept = nullptr) const;

  std::vector<std::string> drop_keys_;  // Normalised.
  std::vector<std::string> mask_keys_;  // Normalised.
  std::vector<std::string> unmasked_traits_;  // Normalised.
  bool mask_emails_;
  bool mask_card_numbers_;
};

// Both exposed for tests and for the adapter (URLs): each returns `text` with
// its matches replaced.
std::string mask_emails(std::string_view text);
std::string mask_card_numbers(std::string_view text);
bool passes_luhn(std::string_view digits);

}  // namespace cairn::recorder
